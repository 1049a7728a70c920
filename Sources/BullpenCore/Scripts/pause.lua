-- pause: pauses or resumes a queue. Paused, workers take no job; running jobs finish.
-- KEYS: the queue keys (see _queue.lua).
-- ARGV: 1-4 queue settings; 5 'pause' | 'resume'.
-- Returns: 1 when the state changed, 0 when it already was so.
-- @include _queue
if ARGV[5] == 'pause' then
  if redis.call('HSETNX', K.meta, 'paused', '1') == 0 then return 0 end
  emit('paused', '')
  return 1
end
if redis.call('HDEL', K.meta, 'paused') == 0 then return 0 end
wake()
emit('resumed', '')
return 1
