-- drain: deletes every job waiting to run (waiting and prioritized; delayed too when asked).
-- KEYS: the queue keys (see _queue.lua).
-- ARGV: 1-4 queue settings; 5 include delayed (0/1).
-- Returns: the number of jobs deleted.
-- @include _queue
local removed = 0
local function dropAll(ids)
  for _, id in ipairs(ids) do forgetJob(id) end
  removed = removed + #ids
end
dropAll(redis.call('LRANGE', K.wait, 0, -1))
redis.call('DEL', K.wait)
dropAll(redis.call('ZRANGE', K.prioritized, 0, -1))
redis.call('DEL', K.prioritized)
if ARGV[5] == '1' then
  dropAll(redis.call('ZRANGE', K.delayed, 0, -1))
  redis.call('DEL', K.delayed)
end
emit('drained', '', 'count', removed)
return removed
