-- clean: deletes finished (or dead-lettered) jobs older than a grace period, at most `limit` per call.
-- KEYS: the queue keys (see _queue.lua).
-- ARGV: 1-4 queue settings; 5 state ('completed' | 'failed' | 'dead'), 6 grace ms, 7 limit, 8 keep the newest N
--       regardless of age (0 = none).
-- Returns: the number of jobs deleted.
-- @include _queue
local state, grace, limit, keep = ARGV[5], tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
local set = ({completed = K.completed, failed = K.failed, dead = K.dead})[state]
if not set then return redis.error_reply('ERR clean: unknown state ' .. state) end
local cutoff = nowMs() - grace
local candidates = redis.call('ZRANGEBYSCORE', set, '-inf', cutoff, 'LIMIT', 0, limit)
local protectedFrom = redis.call('ZCARD', set) - keep
local removed = 0
for index, id in ipairs(candidates) do
  if index > protectedFrom then break end
  redis.call('ZREM', set, id)
  if state == 'dead' then redis.call('HDEL', K.deadjobs, id) else forgetJob(id) end
  removed = removed + 1
end
if removed > 0 then emit('cleaned', '', 'state', state, 'count', removed) end
return removed
