-- take: a worker takes the next job with a lease.
-- KEYS: the queue keys (see _queue.lua).
-- ARGV: 1-4 queue settings; 5 token, 6 worker id, 7 lease ms, 8 rate limit max (0 = none), 9 rate window ms.
-- Returns: {'job', id, data, leaseExpiryMs, the record as stored, start time ms} | {'empty', ms until the
--          next delayed job is due or -1} | {'paused'} | {'limited', waitMs} (see takeMany in _take.lua).
-- @include _queue
-- @include _take
return takeMany({takeArguments(5)}, nowMs())[1]
