-- retry: sends failed jobs back to the queue with fresh attempts (and drops their dead-letter entries).
-- KEYS: the queue keys (see _queue.lua).
-- ARGV: 1-4 queue settings; 5 'all' (then 6 = most to retry) or 'ids' (then 6.. the job ids).
-- Returns: {retriedCount, id1 status1, ...} with status 'ok', 'missing' or 'not-failed' per id given.
-- @include _queue
local function retryOne(id)
  local rec = loadRecord(id)
  if not rec then return 'missing' end
  if redis.call('ZREM', K.failed, id) == 0 then return 'not-failed' end
  rec.am, rec.sc, rec.cc, rec.fr, rec.fo, rec.rv = 0, 0, 0, nil, nil, nil
  enqueue(id, rec, false)
  saveRecord(id, rec)
  redis.call('ZREM', K.dead, id)
  redis.call('HDEL', K.deadjobs, id)
  emit('retried', id)
  return 'ok'
end
local result, count = {0}, 0
if ARGV[5] == 'all' then
  for _, id in ipairs(redis.call('ZRANGE', K.failed, 0, tonumber(ARGV[6]) - 1)) do
    if retryOne(id) == 'ok' then count = count + 1 end
  end
else
  for i = 6, #ARGV do
    local status = retryOne(ARGV[i])
    if status == 'ok' then count = count + 1 end
    result[#result + 1] = ARGV[i]
    result[#result + 1] = status
  end
end
result[1] = count
return result
