-- take: a worker takes the next job with a lease.
-- KEYS: the queue keys (see _queue.lua).
-- ARGV: 1-4 queue settings; 5-8 take settings (see takeSettings in _take.lua); 9 the lease token.
-- Returns: {'job', id, data, leaseExpiryMs, the record as stored, start time ms} | {'empty', ms until the
--          next delayed job is due or -1} | {'paused'} | {'limited', waitMs} (see takeMany in _take.lua).
-- @include _queue
-- @include _take
local reply = {}
takeMany(takeSettings(5), {ARGV[9]}, nowMs(), {reply})
return reply
