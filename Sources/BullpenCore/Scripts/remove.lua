-- remove: deletes a job in any state but active (a running job's worker holds its lease).
-- KEYS: the queue keys (see _queue.lua).
-- ARGV: 1-4 queue settings; 5 job id.
-- Returns: 'ok', 'missing' or 'active'.
-- @include _queue
local id = ARGV[5]
if redis.call('HEXISTS', K.jobs, id) == 0 then return 'missing' end
if leaseOfJob(id) then return 'active' end
redis.call('LREM', K.wait, 0, id)
for _, set in ipairs({K.prioritized, K.delayed, K.completed, K.failed}) do redis.call('ZREM', set, id) end
forgetJob(id)
emit('removed', id)
return 'ok'
