-- counts: the size of every state in one call.
-- KEYS: the queue keys (see _queue.lua).
-- ARGV: 1-4 queue settings.
-- Returns: {waiting, prioritized, delayed, active, completed, failed, paused (1 when the queue is paused), dead}.
-- @include _queue
return {
  redis.call('LLEN', K.wait), redis.call('ZCARD', K.prioritized), redis.call('ZCARD', K.delayed),
  redis.call('ZCARD', K.active), redis.call('ZCARD', K.completed), redis.call('ZCARD', K.failed),
  redis.call('HEXISTS', K.meta, 'paused'), redis.call('ZCARD', K.dead),
}
