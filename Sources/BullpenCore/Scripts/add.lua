-- add: adds one or more jobs (a bulk add is one call). A job id that exists already is left untouched.
-- KEYS: the queue keys (see _queue.lua).
-- ARGV: 1-4 queue settings; 5 job count N; then 12 values per job: id ('' = next number), name, data (JSON),
--       options (JSON), delay ms, priority (0 = none), lifo (0/1), attempts, keep-completed count (-1 = all),
--       keep-completed age ms (0 = any), keep-failed count, keep-failed age ms.
-- Returns: a flat array {id1, created1 (1 or 0), id2, created2, ...}.
-- @include _queue
local count = tonumber(ARGV[5])
if #ARGV ~= 5 + count * 12 then return redis.error_reply('ERR add: expected ' .. count .. ' jobs of 12 arguments') end
local now = nowMs()
local result = {}
for i = 0, count - 1 do
  local base = 6 + i * 12
  local id = ARGV[base]
  local created = 0
  if id == '' then id = tostring(redis.call('HINCRBY', K.meta, 'id', 1)) end
  if redis.call('HEXISTS', K.jobs, id) == 0 then
    created = 1
    local delay = tonumber(ARGV[base + 4])
    local rec = {
      n = ARGV[base + 1], o = ARGV[base + 3], ts = now, d = delay, p = tonumber(ARGV[base + 5]),
      lifo = ARGV[base + 6] == '1', a = tonumber(ARGV[base + 7]), am = 0, as = 0, sc = 0, cc = 0,
      rc = tonumber(ARGV[base + 8]), rca = tonumber(ARGV[base + 9]),
      rf = tonumber(ARGV[base + 10]), rfa = tonumber(ARGV[base + 11]),
    }
    redis.call('HSET', K.data, id, ARGV[base + 2])
    if delay > 0 then schedule(id, rec, now + delay) else enqueue(id, rec, false) end
    saveRecord(id, rec)
    emit('added', id, 'name', rec.n)
  end
  result[#result + 1] = id
  result[#result + 1] = created
end
return result
