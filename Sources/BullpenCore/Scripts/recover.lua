-- recover: returns jobs whose lease expired (their worker hung, was partitioned, or died with its host)
-- to the queue with their stall count raised; past the limit they fail for good with the reason.
-- KEYS: the queue keys (see _queue.lua).
-- ARGV: 1-4 queue settings; 5 max stalls (a job may stall this many times and still be retried); 6 the most
--       jobs to handle in this call (a call stays short; the caller calls again while calls come back full).
-- Returns: {returnedCount, failedCount}.
-- @include _queue
local now = nowMs()
local maxStalls = tonumber(ARGV[5])
local returned, failed = 0, 0
local expired = redis.call('ZRANGEBYSCORE', K.active, '-inf', now, 'LIMIT', 0, tonumber(ARGV[6]))
-- Newest first: each returned job goes first in line, so the oldest ends up first of all.
for index = #expired, 1, -1 do
  local lease = parseLease(expired[index])
  -- A member from before leases named their job is the job's id.
  local id = lease and lease.id or expired[index]
  redis.call('ZREM', K.active, expired[index])
  local rec = loadRecord(id)
  if rec then
    endLease(rec, lease)
    rec.sc = (rec.sc or 0) + 1
    emit('stalled', id, 'stalls', rec.sc)
    if rec.sc > maxStalls then
      failForGood(id, rec, 'job stalled more than ' .. maxStalls .. ' times (its lease expired)', now)
      failed = failed + 1
    else
      enqueue(id, rec, true)
      saveRecord(id, rec)
      returned = returned + 1
    end
  end
end
return {returned, failed}
