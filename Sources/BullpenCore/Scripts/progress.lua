-- progress: records a running job's progress (a number or JSON), only for the worker holding its lease.
-- KEYS: the queue keys (see _queue.lua).
-- ARGV: 1-4 queue settings; 5 job id, 6 lease token, 7 progress (JSON text).
-- Returns: 'ok' or 'stale'.
-- @include _queue
local id = ARGV[5]
if not redis.call('ZSCORE', K.active, ARGV[6]) then return 'stale' end
local rec = loadRecord(id)
rec.pr = ARGV[7]
saveRecord(id, rec)
emit('progress', id, 'progress', ARGV[7])
return 'ok'
