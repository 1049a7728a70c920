-- get: one job with all its fields.
-- KEYS: the queue keys (see _queue.lua).
-- ARGV: 1-4 queue settings; 5 job id.
-- Returns: {record, data, logs, paused (0/1)} or nil when there is no such job.
-- @include _queue
local raw = redis.call('HGET', K.jobs, ARGV[5])
if not raw then return false end
return {recordJSON(raw, leaseOfJob(ARGV[5])), loadData(ARGV[5]), redis.call('HGET', K.logs, ARGV[5]) or '[]',
  redis.call('HEXISTS', K.meta, 'paused')}
