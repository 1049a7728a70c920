-- finish: workers report the outcome of jobs they hold, each maybe taking its next job in the same call.
-- A batch script: the finishes of several slots that leave in one pipeline run as one call (see WirePlan).
-- KEYS: the queue keys (see _queue.lua).
-- ARGV: 1-4 queue settings; 5-8 the take settings of the finishes that take their next job (see
--       takeSettings in _take.lua; the finishes of a call share them); then for each finish, its argument
--       count and its arguments: id, lease token, outcome ('completed' | 'failed'), return value JSON or
--       failure reason, stack trace ('' = none), retry delay ms (-1 = do not retry: unrecoverable), the
--       lease token of its next job ('' = take none). A lease token is the lease itself (see leaseOf in
--       _queue.lua).
-- Returns: one reply per finish, in order: {status, takeResult...} where status is 'completed',
--          'retrying', 'delayed', 'failed' (for good), 'stale' (the lease token is not the job's: refused,
--          nothing written) or 'duplicate' (this token finished the job already: a retried call after a
--          lost reply); takeResult is take's reply when it takes next. A finish that raised an error
--          answers that error (and takes nothing), and the others still run.
--
-- Completions under a live lease, the common case, run together (completeTogether), and so do the takes
-- of next jobs (takeMany): each redis.call costs about as much as the command it runs, and a batch then
-- runs a handful of commands rather than a handful per job. The other finishes (failures, refused and
-- repeated ones, records that do not decode) run one by one (finishOne). Every finish of a call runs
-- before its takes, so a job one finish retries at once may go to another's take; and the completions'
-- event entry comes before the events of the finishes that ran one by one.
-- @include _queue
-- @include _take

-- Ends a job's running attempt under `lease` (parsed): one more attempt made, finished by this token.
local function endAttempt(rec, lease)
  endLease(rec, lease)
  rec.am = (rec.am or 0) + 1
  rec.lt = lease.nonce
end

-- Marks a record completed with its return value.
local function markCompleted(rec, value, now)
  rec.s = 'completed'
  rec.rv = value
  rec.fo = now
end

-- Finishes one job, any outcome. Returns its status.
local function finishOne(at, now)
  local id, token, outcome = ARGV[at], ARGV[at + 1], ARGV[at + 2]
  local lease = parseLease(token)
  local rec = loadRecord(id)
  -- One ZREM checks the lease and ends it (a lease names its job: another job's is refused).
  if not rec or not lease or lease.id ~= id or redis.call('ZREM', K.active, token) == 0 then
    return (rec and lease and rec.lt == lease.nonce) and 'duplicate' or 'stale'
  end
  endAttempt(rec, lease)
  if outcome == 'completed' then
    markCompleted(rec, ARGV[at + 3], now)
    saveRecord(id, rec)
    redis.call('ZADD', K.completed, now, id)
    emit('completed', id, 'returnvalue', ARGV[at + 3])
    retain(K.completed, id, rec.rc or -1, rec.rca or 0, now)
    return 'completed'
  end
  local reason, delay = ARGV[at + 3], tonumber(ARGV[at + 5])
  if ARGV[at + 4] ~= '' then
    rec.stk = rec.stk or {}
    table.insert(rec.stk, 1, ARGV[at + 4])
    if #rec.stk > 10 then table.remove(rec.stk) end
  end
  if delay >= 0 and rec.am < (rec.a or 1) then
    rec.fr = reason
    local status = 'retrying'
    if delay > 0 then
      schedule(id, rec, now + delay)
      status = 'delayed'
    else
      enqueue(id, rec, false)
    end
    saveRecord(id, rec)
    emit('retrying', id, 'reason', reason, 'attemptsMade', rec.am, 'delay', delay)
    return status
  end
  failForGood(id, rec, reason, now)
  return 'failed'
end

-- Whether a stored record is as `add` wrote it for a job that keeps its record when it completes and did
-- not start out delayed: JSON that ends with the fresh mark `,"f":1}` (RecordTemplates.swift writes it last,
-- only then). Scripts write records back as MessagePack, so a record that ends with the mark has not changed
-- since: no attempt was made. Such a record completes by text (completedText), without decoding and packing
-- it: those cost more than the rest of a completion. Records without the mark (from older versions, or
-- rewritten as JSON by them) are decoded. Looking at the last bytes only: a search of the whole record for
-- the fields that rule text out cost a twentieth of a batch.
local function isFresh(raw)
  return string.byte(raw, 1) == 123 and string.find(raw, ',"f":1}', -7, true) ~= nil
end

-- A fresh record (see isFresh) completed by lease token `nonce` (letters and digits: it is written as is),
-- started at `started` (ms as text), with return value `value` at `at` (ms as text): the fields endAttempt
-- and markCompleted would set, in place of the fresh mark (the record is no longer fresh).
local function completedText(raw, nonce, started, value, at)
  return string.sub(raw, 1, -8) .. ',"s":"completed","am":1,"as":1,"lt":"' .. nonce
    .. '","rv":' .. cjson.encode(value) .. ',"fo":' .. at .. ',"po":' .. started .. '}'
end

-- The finishes (indices into `finishes`) that report a completion, once per job (a job has one lease at a
-- time, but a second finish of it in the same call must see the first one's record: finishOne answers it),
-- 1,000 at most (the commands below take all their arguments at once, and Lua's unpack stops near 8,000).
-- A finish that already has its answer (malformed) is left out.
local function pickCompletions(finishes, statuses)
  local picked, seen = {}, {}
  for i, at in ipairs(finishes) do
    local id = ARGV[at]
    if not statuses[i] and ARGV[at + 2] == 'completed' and not seen[id] and #picked < 1000 then
      seen[id] = true
      picked[#picked + 1] = i
    end
  end
  return picked
end

-- The retention rule of a fresh record (none): read-only.
local noRule = {}

-- Completes the picked finishes whose lease is live. One HMGET reads every record; then, finish by finish,
-- its record is decoded (one that does not decode is left to finishOne, which answers its error; a fresh
-- one is not decoded at all, see isFresh) and a ZREM checks and ends its lease (one ZMSCORE for all cost
-- more: it formats every score); then one command of each kind writes the records, the completed set and
-- the events (one stream entry). Returns the status of each finish it completed, by index; the others
-- (refused or repeated) are left to finishOne, which answers them as such. Per finish it makes no table
-- of its own: a table costs more than most of what a completion does.
local function completeTogether(finishes, picked, now)
  local statuses = {}
  if #picked == 0 then return statuses end
  local ids = {}
  for n, i in ipairs(picked) do ids[n] = ARGV[finishes[i]] end
  local raws = redis.call('HMGET', K.jobs, unpack(ids))
  local records, finished, event, at = {}, {}, {'event', 'completed'}, msText(now)
  -- The jobs completed, side by side: the finish's index, the job id, its record (noRule when fresh).
  local doneAt, doneIDs, doneRecs = {}, {}, {}
  for n, i in ipairs(picked) do
    local id, token, raw = ids[n], ARGV[finishes[i] + 1], raws[n]
    -- A nonce of other characters (not one of Lease's) leaves the finish to finishOne.
    local leaseID, nonce, started = string.match(token, '^(%S+) (%w+) (%d+) ')
    if raw and leaseID == id then
      local fresh, rec = isFresh(raw), noRule
      local decoded = fresh
      if not fresh then decoded, rec = pcall(decodeRecord, raw) end
      if decoded and redis.call('ZREM', K.active, token) == 1 then
        local value = ARGV[finishes[i] + 3]
        records[#records + 1] = id
        if fresh then
          records[#records + 1] = completedText(raw, nonce, started, value, at)
        else
          endAttempt(rec, parseLease(token))
          markCompleted(rec, value, now)
          records[#records + 1] = cmsgpack.pack(rec)
        end
        finished[#finished + 1] = at
        finished[#finished + 1] = id
        event[#event + 1] = 'id'
        event[#event + 1] = id
        event[#event + 1] = 'returnvalue'
        event[#event + 1] = value
        doneAt[#doneAt + 1], doneIDs[#doneIDs + 1], doneRecs[#doneRecs + 1] = i, id, rec
      end
    end
  end
  if #doneAt == 0 then return statuses end
  redis.call('HSET', K.jobs, unpack(records))
  appendEvent(event)
  -- Retention: jobs under one rule (the usual case) enter the completed set together and the rule runs
  -- once (per job only when it keeps none); under several, each job enters and its own rule runs in
  -- turn, as one finish at a time would (a rule that keeps 5 must not trim a job that asked to stay).
  local count, age, uniform = doneRecs[1].rc or -1, doneRecs[1].rca or 0, true
  for k, i in ipairs(doneAt) do
    statuses[i] = 'completed'
    uniform = uniform and (doneRecs[k].rc or -1) == count and (doneRecs[k].rca or 0) == age
  end
  if uniform then
    redis.call('ZADD', K.completed, unpack(finished))
    for k, id in ipairs(doneIDs) do
      if count == 0 or k == #doneIDs then retain(K.completed, id, count, age, now) end
    end
  else
    for k, id in ipairs(doneIDs) do
      redis.call('ZADD', K.completed, at, id)
      retain(K.completed, id, doneRecs[k].rc or -1, doneRecs[k].rca or 0, now)
    end
  end
  return statuses
end

-- A caught error as the error reply it answers.
local function errorReply(err)
  return type(err) == 'table' and err or redis.error_reply(tostring(err))
end

local now = nowMs()
-- Where each finish's arguments start (ARGV[at] holds their count). A finish of another length (a caller
-- of another layout) is refused, not misread: its answer is an error, and nothing is taken for it.
local finishes, statuses = {}, {}
local at = 9
while at <= #ARGV do
  finishes[#finishes + 1] = at + 1
  if ARGV[at] ~= '7' then
    statuses[#finishes] = redis.error_reply('finish: 7 arguments a finish expected, got ' .. tostring(ARGV[at]))
  end
  at = at + 1 + (tonumber(ARGV[at]) or 0)
end

-- A command that fails in completeTogether (a key of the wrong type, say) fails the completions it picked:
-- some of them may have been written.
local picked = pickCompletions(finishes, statuses)
local ok, together = pcall(completeTogether, finishes, picked, now)
for _, i in ipairs(picked) do
  if not ok then statuses[i] = errorReply(together) else statuses[i] = together[i] end
end
for i, first in ipairs(finishes) do
  if statuses[i] == nil then
    local done, status = pcall(finishOne, first, now)
    statuses[i] = done and status or errorReply(status)
  end
end

-- The next jobs of the finishes that asked for one (and did not fail), taken together, 500 at a time. A
-- take that fails answers its error to each of its finishes, whose outcomes are written.
local replies, takers = {}, {}
for i, first in ipairs(finishes) do
  local status = statuses[i]
  replies[i] = type(status) == 'string' and {status} or status
  if type(status) == 'string' and ARGV[first + 6] ~= '' then takers[#takers + 1] = i end
end
local settings = takeSettings(5)
settings.chained = true
for from = 1, #takers, 500 do
  local tokens, into = {}, {}
  for n = from, math.min(from + 499, #takers) do
    tokens[#tokens + 1] = ARGV[finishes[takers[n]] + 6]
    into[#into + 1] = replies[takers[n]]
  end
  local took, failure = pcall(takeMany, settings, tokens, now, into)
  if not took then
    for n = 1, #tokens do replies[takers[from + n - 1]] = errorReply(failure) end
  end
end
return replies
