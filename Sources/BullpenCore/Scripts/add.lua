-- add: adds one or more jobs (a bulk add is one call). A job id that exists already is left untouched.
-- KEYS: the queue keys (see _queue.lua).
-- ARGV: 1-4 queue settings; 5 job count N; then 7 values per job: id ('' = next number), name, data (JSON),
--       the job record without its leading `{"ts":<ms>,` (JSON built by the client: see RecordTemplates.swift),
--       delay ms, priority (0 = none), lifo (0/1).
-- Returns: {created, firstAutoId}: created has one character per job, '1' when it was added and '0' when
--          its id existed; the jobs without an id of their own got firstAutoId, firstAutoId + 1, ... in
--          order (0 when there were none). A compact reply: one element per call, not two per job.
--
-- Writes are batched per call (one HSET for every record and data, one push per list, one wake, one
-- 'added' event), and the record is spliced as text, not built with cjson: a bulk add costs a few
-- commands per call, whatever its size.
--
-- Events: a single add emits 'added' with fields id and name, as every event names its job. A bulk add
-- emits one 'added' entry for all the jobs it created, with fields ids (the ids, one per line) and name
-- (when every job has that name) or names (one per line); `Queue.events` reads it back as one event per
-- job. One XADD per job was 40% of a bulk add's Redis time. Ids and names hold no line breaks (validated).
-- @include _queue
local count = tonumber(ARGV[5])
if #ARGV ~= 5 + count * 7 then return redis.error_reply('ERR add: expected ' .. count .. ' jobs of 7 arguments') end
local now = nowMs()
local head = '{"ts":' .. string.format('%d', now) .. ','

-- Auto ids: one HINCRBY for the call. Numeric ids are the queue's own (a custom jobId cannot be all
-- digits), so a fresh number needs no HEXISTS.
local autoIds = 0
for i = 0, count - 1 do
  if ARGV[6 + i * 7] == '' then autoIds = autoIds + 1 end
end
local nextId = 0
if autoIds > 0 then nextId = redis.call('HINCRBY', K.meta, 'id', autoIds) - autoIds end

-- The 'added' events, without MAXLEN (which cost about 2 µs an XADD): one XTRIM per bulk call, or, for
-- single adds of numbered jobs, on every 64th number (the cap is approximate anyway). A single add with
-- an id of its own trims as every other event does.
local plainEvents = Q.maxEvents > 0 and (count > 1 or autoIds == count)
local addedIds, addedNames, oneName = {}, {}, ARGV[7]
local function added(id, name)
  if count > 1 then
    if not plainEvents then return end
    addedIds[#addedIds + 1] = id
    addedNames[#addedNames + 1] = name
    if name ~= oneName then oneName = nil end
  elseif plainEvents then
    redis.call('XADD', K.events, '*', 'event', 'added', 'id', id, 'name', name)
  else
    emit('added', id, 'name', name)
  end
end

local firstAutoId = autoIds > 0 and nextId + 1 or 0
local result, records = {}, {}
local left, right, prioritized, delayed = {}, {}, {}, {}
local seen = {}
local firstDue
for i = 0, count - 1 do
  local base = 6 + i * 7
  local id = ARGV[base]
  local created = 0
  if id == '' then
    nextId = nextId + 1
    id = string.format('%d', nextId)
    created = 1
  elseif not seen[id] and redis.call('HEXISTS', K.jobs, id) == 0 then
    created = 1
  end
  if created == 1 then
    seen[id] = true
    records[#records + 1] = id
    records[#records + 1] = head .. ARGV[base + 3]
    records[#records + 1] = dataField(id)
    records[#records + 1] = ARGV[base + 2]
    local delay, priority = tonumber(ARGV[base + 4]), tonumber(ARGV[base + 5])
    if delay > 0 then
      local due = now + delay
      firstDue = math.min(firstDue or due, due)
      delayed[#delayed + 1] = due
      delayed[#delayed + 1] = id
    elseif priority > 0 then
      prioritized[#prioritized + 1] = {id, priority, ARGV[base + 6] == '1'}
    elseif ARGV[base + 6] == '1' then
      right[#right + 1] = id
    else
      left[#left + 1] = id
    end
    added(id, ARGV[base + 1])
  end
  result[#result + 1] = created
end

if plainEvents and #addedIds > 0 then
  if oneName then
    redis.call('XADD', K.events, '*', 'event', 'added', 'ids', table.concat(addedIds, '\n'), 'name', oneName)
  else
    redis.call('XADD', K.events, '*', 'event', 'added', 'ids', table.concat(addedIds, '\n'),
      'names', table.concat(addedNames, '\n'))
  end
end
if plainEvents and (count > 1 or nextId % 64 == 0) then redis.call('XTRIM', K.events, 'MAXLEN', '~', Q.maxEvents) end
if #records > 0 then
  callInChunks('HSET', K.jobs, records, 2000)
end
-- Same order as one push per job: the first added is taken first (RPOP), the last LIFO one first.
if #left > 0 then callInChunks('LPUSH', K.wait, left, 1000) end
if #right > 0 then callInChunks('RPUSH', K.wait, right, 1000) end
if #prioritized > 0 then
  -- The sequences one HINCRBY per job would have handed out, in the same order (see enqueue).
  local seq = redis.call('HINCRBY', K.meta, 'pseq', #prioritized) - #prioritized
  local scored = {}
  for _, job in ipairs(prioritized) do
    seq = seq + 1
    local s = seq % 2147483648
    scored[#scored + 1] = job[2] * 4294967296 + (job[3] and -s or s)
    scored[#scored + 1] = job[1]
  end
  callInChunks('ZADD', K.prioritized, scored, 2000)
end
if #left + #right + #prioritized > 0 then wake() end
if firstDue then
  callInChunks('ZADD', K.delayed, delayed, 2000)
  noteDue(firstDue)
  redis.call('ZADD', K.marker, firstDue, 'd')
end
return {table.concat(result), firstAutoId}
