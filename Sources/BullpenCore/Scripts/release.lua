-- release: hands jobs back to the queue at once instead of waiting for their leases to expire.
-- KEYS: the queue keys (see _queue.lua).
-- ARGV: 1-4 queue settings; 5 mode:
--   'tokens' - a worker closing returns jobs it holds; 6.. pairs of (job id, lease token). No attempt is used.
--   'drain'  - every job held by worker ARGV 6 goes back unchanged (it was stopped at a drain deadline).
--   'crash'  - every job held by worker ARGV 6 goes back with its crash count raised; ARGV 7 the reason
--              (e.g. 'worker killed by signal 11'), ARGV 8 max crashes: a job that crashed its worker that
--              many times fails for good ('<reason> while running this job, N times').
-- Returns: {returnedCount, failedCount}.
-- @include _queue
local now = nowMs()
local mode = ARGV[5]
local returned, failed = 0, 0
local function handBack(id, rec, lease)
  endLease(rec, lease)
  enqueue(id, rec, true)
  saveRecord(id, rec)
  returned = returned + 1
end
if mode == 'tokens' then
  for i = 6, #ARGV, 2 do
    local id, token = ARGV[i], ARGV[i + 1]
    local lease = parseLease(token)
    local rec = lease and lease.id == id and loadRecord(id)
    if rec and redis.call('ZREM', K.active, token) == 1 then
      emit('released', id)
      handBack(id, rec, lease)
    end
  end
else
  local worker = ARGV[6]
  -- Newest lease first: each handed-back job goes first in line, so the oldest ends up first of all.
  for _, member in ipairs(redis.call('ZREVRANGE', K.active, 0, -1)) do
    local lease = parseLease(member)
    local id = lease and lease.id
    local rec = lease and lease.worker == worker and loadRecord(id)
    if rec then
      redis.call('ZREM', K.active, member)
      if mode == 'crash' then
        rec.cc = (rec.cc or 0) + 1
        local maxCrashes = tonumber(ARGV[8])
        emit('crashed', id, 'reason', ARGV[7], 'crashes', rec.cc)
        if rec.cc >= maxCrashes then
          endLease(rec, lease)
          local times = rec.cc == 1 and 'once' or (rec.cc .. ' times')
          failForGood(id, rec, ARGV[7] .. ' while running this job, ' .. times, now)
          failed = failed + 1
        else
          handBack(id, rec, lease)
        end
      else
        emit('released', id)
        handBack(id, rec, lease)
      end
    end
  end
end
return {returned, failed}
