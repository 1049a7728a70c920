-- list: a page of the jobs in one state, next-to-run first for queued states, newest first for finished ones.
-- KEYS: the queue keys (see _queue.lua).
-- ARGV: 1-4 queue settings; 5 state ('waiting' | 'prioritized' | 'delayed' | 'active' | 'completed' |
--       'failed' | 'dead'), 6 offset, 7 limit.
-- Returns: {total, id1, record1, data1, id2, ...}; for 'dead' the records are dead-letter entries (data '').
-- @include _queue
local state, offset, limit = ARGV[5], tonumber(ARGV[6]), tonumber(ARGV[7])
local ids, total
if state == 'waiting' then
  total = redis.call('LLEN', K.wait)
  -- The next job to run is at the list's tail.
  ids = redis.call('LRANGE', K.wait, -offset - limit, -offset - 1)
  local reversed = {}
  for i = #ids, 1, -1 do reversed[#reversed + 1] = ids[i] end
  ids = reversed
  if offset + limit > total then
    local keep = math.max(0, total - offset)
    while #ids > keep do table.remove(ids) end
  end
else
  local set = ({prioritized = K.prioritized, delayed = K.delayed, active = K.active, completed = K.completed,
    failed = K.failed, dead = K.dead})[state]
  if not set then return redis.error_reply('ERR list: unknown state ' .. state) end
  total = redis.call('ZCARD', set)
  if state == 'completed' or state == 'failed' or state == 'dead' then
    ids = redis.call('ZREVRANGE', set, offset, offset + limit - 1)
  else
    ids = redis.call('ZRANGE', set, offset, offset + limit - 1)
  end
end
local result = {total}
for _, id in ipairs(ids) do
  -- The active set holds leases, each naming its job.
  local lease
  if state == 'active' then
    lease = id
    id = parseLease(lease).id
  end
  if state == 'dead' then
    result[#result + 1] = id
    result[#result + 1] = redis.call('HGET', K.deadjobs, id) or '{}'
    result[#result + 1] = ''
  else
    local raw = redis.call('HGET', K.jobs, id)
    if raw then
      result[#result + 1] = id
      result[#result + 1] = recordJSON(raw, lease)
      result[#result + 1] = loadData(id)
    end
  end
end
return result
