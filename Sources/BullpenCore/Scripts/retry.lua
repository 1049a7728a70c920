-- retry: sends failed jobs back to the queue with fresh attempts (and drops their dead-letter entries).
-- KEYS: the queue keys (see _queue.lua).
-- ARGV: 1-4 queue settings; 5 'all' (then 6 = most to retry) or 'ids' (then 6.. the job ids).
-- Returns: {retriedCount, id1 status1, ...} with status 'ok', 'missing' or 'not-failed' per id given.
-- @include _queue
-- @include _select
local function retryOne(id)
  local rec = loadRecord(id)
  if not rec then return 'missing' end
  if redis.call('ZREM', K.failed, id) == 0 then return 'not-failed' end
  requeueFresh(id, rec)
  redis.call('ZREM', K.dead, id)
  redis.call('HDEL', K.deadjobs, id)
  emit('retried', id)
  return 'ok'
end
return forSelection(5, K.failed, retryOne)
