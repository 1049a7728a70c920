-- promote: makes a delayed job waiting now.
-- KEYS: the queue keys (see _queue.lua).
-- ARGV: 1-4 queue settings; 5 job id.
-- Returns: 'ok', or 'missing' / 'not-delayed'.
-- @include _queue
local id = ARGV[5]
local rec = loadRecord(id)
if not rec then return 'missing' end
if redis.call('ZREM', K.delayed, id) == 0 then return 'not-delayed' end
enqueue(id, rec, false)
saveRecord(id, rec)
emit('promoted', id)
return 'ok'
