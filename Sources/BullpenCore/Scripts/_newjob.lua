-- Library: creates one job from the 7 per-job arguments that add.lua documents, starting at ARGV[base]
-- (after _queue.lua). Returns the job id and 1 when created, 0 when a job with that id existed.
local function createJob(base, now)
  local id = ARGV[base]
  if redis.call('HEXISTS', K.jobs, id) == 1 then return id, 0 end
  local rec = decodeRecord('{"ts":' .. string.format('%d', now) .. ',' .. ARGV[base + 3])
  redis.call('HSET', K.jobs, dataField(id), ARGV[base + 2])
  local delay = tonumber(ARGV[base + 4])
  if delay > 0 then schedule(id, rec, now + delay) else enqueue(id, rec, false) end
  saveRecord(id, rec)
  emit('added', id, 'name', ARGV[base + 1])
  return id, 1
end
