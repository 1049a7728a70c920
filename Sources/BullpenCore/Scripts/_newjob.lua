-- Library: creates one job from the 12 per-job arguments that add.lua documents, starting at ARGV[base]
-- (after _queue.lua). Returns the job id and 1 when created, 0 when a job with that id existed.
local function createJob(base, now)
  local id = ARGV[base]
  if id == '' then id = tostring(redis.call('HINCRBY', K.meta, 'id', 1)) end
  if redis.call('HEXISTS', K.jobs, id) == 1 then return id, 0 end
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
  return id, 1
end
