-- Library included at build time by every script of a queue (see QueueKeys.swift for the key order).
--
-- KEYS (the same order for every script, built in one place: QueueKeys.scriptKeys)
--   1 meta        hash    paused flag, id counter, layout version, earliest due time (see noteDue)
--   2 wait        list    waiting job ids; LPUSH to add, RPOP to take (RPUSH puts a job first in line)
--   3 prioritized zset    score = priority * 2^32 + sequence
--   4 delayed     zset    score = due time (ms)
--   5 active      zset    running jobs' leases 'id nonce startedAt worker' (see leaseOf), score = expiry (ms)
--   6 completed   zset    score = finish time (ms)
--   7 failed      zset    score = finish time (ms)
--   8 dead        zset    dead-letter entries, score = time (ms)
--   9 deadjobs    hash    id -> dead-letter entry (JSON)
--  10 marker      zset    wakes workers blocked in BZPOPMIN: member "0" = work now, "d" = next due time
--  11 events      stream  capped event log
--  12 limiter     string  jobs taken in the current rate-limit window
--  13 jobs        hash    id -> job record (JSON from add, MessagePack once rewritten; see JobRecord.swift),
--                          and 'id d' -> job data (JSON text, kept verbatim; see dataField)
--  14 data        hash    job data of queues from before it moved to `jobs` (read as a fallback)
--  15 logs        hash    id -> job log lines (JSON array)
--  16 locks       hash    unused since leases live in `active` (kept in KEYS so obliterate clears old data)
--  17 schedules   zset    schedule id -> next tick (ms)
--  18 scheduled   hash    schedule id -> schedule (JSON)
-- ARGV (the same first four for every script: QueueSettings.scriptArguments)
--   1 maxEvents   events stream cap (0 = no events)
--   2 deadLetter  1 to keep a dead-letter entry for jobs that fail for good
--   3 deadMax     cap of the dead-letter queue
--   4 queue       the queue's name (recorded in dead-letter entries)
-- Script-specific arguments start at ARGV[5].
-- The key and settings tables are inlined at build time: each field read becomes its value, a key field
-- its KEYS entry (see TableInliner in EmbedLua).
-- @inline
local K = {
  meta = KEYS[1], wait = KEYS[2], prioritized = KEYS[3], delayed = KEYS[4], active = KEYS[5],
  completed = KEYS[6], failed = KEYS[7], dead = KEYS[8], deadjobs = KEYS[9], marker = KEYS[10],
  events = KEYS[11], limiter = KEYS[12], jobs = KEYS[13], data = KEYS[14], logs = KEYS[15],
  locks = KEYS[16], schedules = KEYS[17], scheduled = KEYS[18],
}
-- @inline
local Q = {
  maxEvents = tonumber(ARGV[1]), deadLetter = ARGV[2] == '1', deadMax = tonumber(ARGV[3]), name = ARGV[4],
}

-- The shared clock: every host's decisions use the Redis server's time, never their own.
local function nowMs()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- A time in ms as text, for a score or a lease. Lua turns a number argument of redis.call into text with
-- '%.14g' (about 0.5 µs, and Redis parses it back): a script that writes many scores formats each once.
local function msText(ms)
  return string.format('%d', ms)
end

-- Appends an event. The stream is trimmed (approximately, to Q.maxEvents) with the first event of each
-- millisecond (its id ends in '-0'), not on every XADD: `MAXLEN ~` cost a quarter of each XADD, and a busy
-- queue emits dozens of events a millisecond.
-- `fields` is the entry's field-value list: 'event', name, then 'id' and the job's own fields, for one job
-- or for several (each job's fields follow its 'id'; see QueueEvent.swift).
local function appendEvent(fields)
  if Q.maxEvents > 0 then
    local entry = redis.call('XADD', K.events, '*', unpack(fields))
    if string.sub(entry, -2) == '-0' then redis.call('XTRIM', K.events, 'MAXLEN', '~', Q.maxEvents) end
  end
end

-- Appends the event of one job (`id` '' for a queue-wide event), with its fields.
local function emit(event, id, ...)
  appendEvent({'event', event, 'id', id, ...})
end

-- Job records are JSON as `add` writes them (built as text by the client), and MessagePack once a script
-- rewrote them: cmsgpack unpacks and packs a record in about a third of cjson's time, and take and
-- finish each read and write the record of every job. The first byte tells them apart ('{' is JSON, a
-- MessagePack map starts at 0x80). Readers outside the scripts get JSON (`recordJSON`). A decoded record
-- drops the fresh mark `f` (see isFresh in finish.lua): it is only a mark of the text as add wrote it.
local function decodeRecord(raw)
  if string.byte(raw, 1) ~= 123 then return cmsgpack.unpack(raw) end
  local rec = cjson.decode(raw)
  rec.f = nil
  return rec
end

local function loadRecord(id)
  local raw = redis.call('HGET', K.jobs, id)
  if not raw then return nil end
  return decodeRecord(raw)
end

local function saveRecord(id, rec)
  redis.call('HSET', K.jobs, id, cmsgpack.pack(rec))
end

-- A running attempt's lease is its member of the `active` set (scored by its expiry): the string
-- 'id nonce startedAt worker' (the worker id last, as it may hold spaces; an id and a nonce never do).
-- A take adds it and leaves the record as it is, so a take neither decodes nor rewrites a record; the
-- worker builds the same string from the take's reply and uses it as its lease token, so one ZREM both
-- checks a finish's lease and ends it. Until the attempt ends, its state ('active'), start, worker and the
-- attempt itself live in the lease, and `endLease` folds them into the record.
-- `started` is the start time (ms) as text (see msText).
local function leaseOf(id, nonce, started, worker)
  return id .. ' ' .. nonce .. ' ' .. started .. ' ' .. worker
end

-- A lease's parts {id, nonce, po (start ms), worker}, or nil when it is not a lease.
local function parseLease(lease)
  if not lease then return nil end
  local id, nonce, po, worker = string.match(lease, '^(%S+) (%S+) (%d+) (.*)$')
  if not id then return nil end
  return {id = id, nonce = nonce, po = tonumber(po), worker = worker}
end

-- The lease job `id` runs under, or nil. A scan of the running jobs: for get, list and remove only.
local function leaseOfJob(id)
  local prefix = id .. ' '
  for _, lease in ipairs(redis.call('ZRANGE', K.active, 0, -1)) do
    if string.sub(lease, 1, #prefix) == prefix then return lease end
  end
  return nil
end

-- Shows a record as it is while `lease` (parsed) runs it.
local function withLease(rec, lease)
  rec.s = 'active'
  rec.as = (rec.as or 0) + 1
  rec.po = lease.po
  rec.w = lease.worker
end

-- Ends a running attempt whose lease (parsed) left `active`: the record keeps that one more attempt
-- started, and when.
local function endLease(rec, lease)
  rec.as = (rec.as or 0) + 1
  if lease then rec.po = lease.po end
  rec.w = nil
end

-- A stored record as JSON (for get and list), with its running attempt's lease if any.
-- MessagePack keeps no difference between an empty array and an empty map: an empty stack trace list is
-- left out rather than shown as `{}`.
local function recordJSON(raw, lease)
  if not lease and string.byte(raw, 1) == 123 then return raw end
  local rec = decodeRecord(raw)
  if lease then withLease(rec, parseLease(lease)) end
  if type(rec.stk) == 'table' and #rec.stk == 0 then rec.stk = nil end
  return cjson.encode(rec)
end

-- A job's data lives beside its record in `jobs`, under the field 'id d' (an id has no spaces), so that a
-- take reads both with one HMGET. Older queues kept it in `data`, still read when the field is missing.
local function dataField(id)
  return id .. ' d'
end

-- A job's data (JSON text), or 'null'.
local function loadData(id)
  return redis.call('HGET', K.jobs, dataField(id)) or redis.call('HGET', K.data, id) or 'null'
end

-- Deletes every trace of a job but its dead-letter entry (which outlives the job on purpose).
local function forgetJob(id)
  redis.call('HDEL', K.jobs, id, dataField(id))
  redis.call('HDEL', K.data, id)
  redis.call('HDEL', K.logs, id)
end

-- Runs `command key a1 a2 ...` with `values` appended, in calls of at most `step` values (Lua's unpack
-- has a stack limit of about 8,000), so a bulk write of any size is a handful of commands.
local function callInChunks(command, key, values, step)
  local total = #values
  for first = 1, total, step do
    redis.call(command, key, unpack(values, first, math.min(first + step - 1, total)))
  end
end

-- Wakes one worker blocked on the marker (BZPOPMIN): "0" means there is work now.
local function wake()
  redis.call('ZADD', K.marker, 0, '0')
end

-- Puts a job where a worker takes it: the prioritized set when it has a priority, else the wait list
-- (first in line when `first`, for LIFO jobs and for jobs handed back after a drain or a stall).
local function enqueue(id, rec, first)
  rec.s = 'waiting'
  if rec.p and rec.p > 0 then
    local seq = redis.call('HINCRBY', K.meta, 'pseq', 1) % 2147483648
    local score = rec.p * 4294967296 + ((rec.lifo or first) and -seq or seq)
    redis.call('ZADD', K.prioritized, score, id)
  elseif rec.lifo or first then
    redis.call('RPUSH', K.wait, id)
  else
    redis.call('LPUSH', K.wait, id)
  end
  wake()
end

-- The earliest due time of the queue's delayed jobs is kept in meta field `due` ('none' when none is
-- delayed), so that a take learns whether the queue is paused and whether a delayed job is due with one
-- HMGET. The field may be earlier than the truth (a delayed job was removed, or promoted by hand): the next
-- take finds nothing due and corrects it. A queue without the field (made before it) promotes on every
-- take until the first promotion sets it.
local function noteDue(dueMs)
  local known = redis.call('HGET', K.meta, 'due')
  if known == 'none' or (known and dueMs < tonumber(known)) then
    redis.call('HSET', K.meta, 'due', string.format('%d', dueMs))
  end
end

-- Schedules a job for later, and wakes a worker so it learns the new earliest due time.
local function schedule(id, rec, dueMs)
  rec.s = 'delayed'
  redis.call('ZADD', K.delayed, dueMs, id)
  noteDue(dueMs)
  redis.call('ZADD', K.marker, dueMs, 'd')
end

-- Applies a retention rule to a finished set: count < 0 keeps all, 0 keeps none, N keeps the newest N;
-- ageMs > 0 also drops entries finished longer ago than that.
local function retain(set, id, count, ageMs, now)
  if count == 0 then
    redis.call('ZREM', set, id)
    forgetJob(id)
    return
  end
  if ageMs and ageMs > 0 then
    local old = redis.call('ZRANGEBYSCORE', set, '-inf', now - ageMs, 'LIMIT', 0, 1000)
    for _, oldId in ipairs(old) do
      redis.call('ZREM', set, oldId)
      forgetJob(oldId)
    end
  end
  if count and count > 0 then
    local extra = redis.call('ZCARD', set) - count
    if extra > 0 then
      for _, oldId in ipairs(redis.call('ZRANGE', set, 0, extra - 1)) do forgetJob(oldId) end
      redis.call('ZREMRANGEBYRANK', set, 0, extra - 1)
    end
  end
end

-- Fails a job for good: into `failed`, a dead-letter entry (original data, error, time, queue), retention.
local function failForGood(id, rec, reason, now)
  rec.s = 'failed'
  rec.fr = reason
  rec.fo = now
  redis.call('ZADD', K.failed, now, id)
  emit('failed', id, 'reason', reason, 'attemptsMade', rec.am or 0)
  if Q.deadLetter then
    local entry = cjson.encode({
      id = id, name = rec.n, data = loadData(id), opts = rec.o or '{}',
      error = reason, failedAt = now, queue = Q.name, attemptsMade = rec.am or 0, crashes = rec.cc or 0,
    })
    redis.call('HSET', K.deadjobs, id, entry)
    redis.call('ZADD', K.dead, now, id)
    local extra = redis.call('ZCARD', K.dead) - Q.deadMax
    if extra > 0 then
      for _, oldId in ipairs(redis.call('ZRANGE', K.dead, 0, extra - 1)) do redis.call('HDEL', K.deadjobs, oldId) end
      redis.call('ZREMRANGEBYRANK', K.dead, 0, extra - 1)
    end
    emit('dead-lettered', id, 'reason', reason)
  end
  saveRecord(id, rec)
  retain(K.failed, id, rec.rf or -1, rec.rfa or 0, now)
end

-- Moves delayed jobs whose time has come to the waiting line, earliest first: at most 100 per call, so a
-- take stays a few milliseconds long when a million delayed jobs come due (every take promotes more).
local function promoteDue(now)
  local due = redis.call('ZRANGEBYSCORE', K.delayed, '-inf', now, 'LIMIT', 0, 100)
  for _, id in ipairs(due) do
    redis.call('ZREM', K.delayed, id)
    local rec = loadRecord(id)
    if rec then
      enqueue(id, rec, false)
      saveRecord(id, rec)
    end
  end
  local first = redis.call('ZRANGE', K.delayed, 0, 0, 'WITHSCORES')
  redis.call('HSET', K.meta, 'due', first[2] or 'none')
end
