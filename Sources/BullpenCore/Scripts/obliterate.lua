-- obliterate: deletes the whole queue, every key of it. Refused while jobs run unless forced.
-- KEYS: the queue keys (see _queue.lua).
-- ARGV: 1-4 queue settings; 5 force (0/1).
-- Returns: 'ok' or 'active'.
-- @include _queue
if ARGV[5] ~= '1' and redis.call('ZCARD', K.active) > 0 then return 'active' end
-- UNLINK frees large hashes in the background instead of blocking the server.
redis.call('UNLINK', unpack(KEYS))
return 'ok'
