-- renew: extends the leases of jobs a worker holds (one call per worker for all its jobs).
-- KEYS: the queue keys (see _queue.lua).
-- ARGV: 1-4 queue settings; 5 lease ms; then pairs of (job id, lease token).
-- Returns: {expiryMs, lostId1, lostId2, ...}: the new expiry, and the jobs whose lease is no longer this
--          worker's (their handlers must stop; their results will be refused).
-- @include _queue
local expiry = nowMs() + tonumber(ARGV[5])
local result = {expiry}
for i = 6, #ARGV, 2 do
  local id, token = ARGV[i], ARGV[i + 1]
  if redis.call('ZSCORE', K.active, token) then
    redis.call('ZADD', K.active, 'XX', expiry, token)
  else
    result[#result + 1] = id
  end
end
return result
