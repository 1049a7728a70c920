-- finish: a worker reports the outcome of a job it holds, and may take its next job in the same call.
-- KEYS: the queue keys (see _queue.lua).
-- ARGV: 1-4 queue settings; 5 id, 6 lease token, 7 outcome ('completed' | 'failed'), 8 return value JSON or
--       failure reason, 9 stack trace ('' = none), 10 retry delay ms (-1 = do not retry: unrecoverable),
--       11 take next (0/1); 12-16 as take's ARGV 5-9 (token, worker, lease ms, limit max, limit window ms).
-- Returns: {status, takeResult...} where status is 'completed', 'retrying', 'delayed', 'failed' (for good),
--          'stale' (the lease token is not the job's: refused, nothing written) or 'duplicate' (this token
--          finished the job already: a retried call after a lost reply); takeResult is take's reply when
--          ARGV 11 is 1.
-- @include _queue
local id, token, outcome = ARGV[5], ARGV[6], ARGV[7]
local now = nowMs()
local status
local lease = redis.call('HGET', K.locks, id)
local rec = loadRecord(id)
if not holds(lease, token) or not rec then
  status = (rec and rec.lt == token) and 'duplicate' or 'stale'
else
  endLease(id, rec, parseLease(lease))
  rec.am = (rec.am or 0) + 1
  rec.lt = token
  if outcome == 'completed' then
    rec.s = 'completed'
    rec.rv = ARGV[8]
    rec.fo = now
    saveRecord(id, rec)
    redis.call('ZADD', K.completed, now, id)
    emit('completed', id, 'returnvalue', ARGV[8])
    retain(K.completed, id, rec.rc or -1, rec.rca or 0, now)
    status = 'completed'
  else
    local reason, delay = ARGV[8], tonumber(ARGV[10])
    if ARGV[9] ~= '' then
      rec.stk = rec.stk or {}
      table.insert(rec.stk, 1, ARGV[9])
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
if ARGV[11] == '1' then
  local request = takeArguments(12)
  request.chained = true
  local taken = takeNext(request, now)
  table.insert(taken, 1, status)
  return taken
end
return {status}
