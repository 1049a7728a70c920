-- finish: workers report the outcome of jobs they hold, each maybe taking its next job in the same call.
-- A batch script: the finishes of several slots that leave in one pipeline run as one call (see WirePlan).
-- KEYS: the queue keys (see _queue.lua).
-- ARGV: 1-4 queue settings; then for each finish, its argument count and its arguments: id, lease token,
--       outcome ('completed' | 'failed'), return value JSON or failure reason, stack trace ('' = none),
--       retry delay ms (-1 = do not retry: unrecoverable), take next (0/1), then when taking next: take's
--       ARGV 5-9 (nonce, worker, lease ms, limit max, limit window ms). The lease token is the lease itself
--       (see leaseOf in _queue.lua).
-- Returns: one reply per finish, in order: {status, takeResult...} where status is 'completed',
--          'retrying', 'delayed', 'failed' (for good), 'stale' (the lease token is not the job's: refused,
--          nothing written) or 'duplicate' (this token finished the job already: a retried call after a
--          lost reply); takeResult is take's reply when it takes next. A finish that raised an error
--          answers that error, and the others still run.
-- @include _queue
local function finishOne(at, now)
  local id, token, outcome = ARGV[at], ARGV[at + 1], ARGV[at + 2]
  local status
  local lease = parseLease(token)
  local rec = loadRecord(id)
  -- One ZREM checks the lease and ends it (a lease names its job: another job's is refused).
  if not rec or not lease or lease.id ~= id or redis.call('ZREM', K.active, token) == 0 then
    status = (rec and lease and rec.lt == lease.nonce) and 'duplicate' or 'stale'
  else
    endLease(rec, lease)
    rec.am = (rec.am or 0) + 1
    rec.lt = lease.nonce
    if outcome == 'completed' then
      rec.s = 'completed'
      rec.rv = ARGV[at + 3]
      rec.fo = now
      saveRecord(id, rec)
      redis.call('ZADD', K.completed, now, id)
      emit('completed', id, 'returnvalue', ARGV[at + 3])
      retain(K.completed, id, rec.rc or -1, rec.rca or 0, now)
      status = 'completed'
    else
      local reason, delay = ARGV[at + 3], tonumber(ARGV[at + 5])
      if ARGV[at + 4] ~= '' then
        rec.stk = rec.stk or {}
        table.insert(rec.stk, 1, ARGV[at + 4])
        if #rec.stk > 10 then table.remove(rec.stk) end
      end
      if delay >= 0 and rec.am < (rec.a or 1) then
        rec.fr = reason
        if delay > 0 then
          schedule(id, rec, now + delay)
          status = 'delayed'
        else
          enqueue(id, rec, false)
          status = 'retrying'
        end
        saveRecord(id, rec)
        emit('retrying', id, 'reason', reason, 'attemptsMade', rec.am, 'delay', delay)
      else
        failForGood(id, rec, reason, now)
        status = 'failed'
      end
    end
  end
  if ARGV[at + 6] == '1' then
    local request = takeArguments(at + 7)
    request.chained = true
    local taken = takeNext(request, now)
    table.insert(taken, 1, status)
    return taken
  end
  return {status}
end

local now = nowMs()
local replies = {}
local at = 5
while at <= #ARGV do
  local ok, reply = pcall(finishOne, at + 1, now)
  if not ok then reply = type(reply) == 'table' and reply or redis.error_reply(tostring(reply)) end
  replies[#replies + 1] = reply
  at = at + 1 + tonumber(ARGV[at])
end
return replies
