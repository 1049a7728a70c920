-- Library for the scripts that lease jobs to workers (take, finish); include it after _queue.

-- Whether the queue takes jobs (not paused), looked up once per script run, after promoting the delayed
-- jobs that are due: the finishes of a batch that each take their next job share one look, at one `now`.
local gateOpen
local function openGate(now)
  if gateOpen == nil then
    local meta = redis.call('HMGET', K.meta, 'paused', 'due')
    if meta[2] ~= 'none' and (not meta[2] or tonumber(meta[2]) <= now) then promoteDue(now) end
    gateOpen = not meta[1]
  end
  return gateOpen
end

-- Ms until the rate-limit window opens (the window gets its expiry here if it lost it).
local function limitWait(a)
  local ttl = redis.call('PTTL', K.limiter)
  if ttl < 0 then
    redis.call('PEXPIRE', K.limiter, a.limitMs)
    ttl = a.limitMs
  end
  return ttl
end

-- Pops up to `count` job ids in line order (the wait list, then the prioritized set) and reads their records
-- and data with one HMGET; appends each job's id, record and data to `ids`, `raws` and `data` (lists kept
-- side by side: a table per job would cost more than the rest of its take). An id without a record was
-- removed while queued and is skipped. Returns false when there was no id to pop.
local function popJobs(count, ids, raws, data)
  local popped = redis.call('RPOP', K.wait, count) or {}
  if #popped < count then
    local ranked = redis.call('ZPOPMIN', K.prioritized, count - #popped)
    for k = 1, #ranked, 2 do popped[#popped + 1] = ranked[k] end
  end
  if #popped == 0 then return false end
  local fields = {}
  for _, id in ipairs(popped) do
    fields[#fields + 1] = id
    fields[#fields + 1] = dataField(id)
  end
  local stored = redis.call('HMGET', K.jobs, unpack(fields))
  for k, id in ipairs(popped) do
    local raw = stored[2 * k - 1]
    if raw then
      ids[#ids + 1] = id
      raws[#raws + 1] = raw
      data[#data + 1] = stored[2 * k] or redis.call('HGET', K.data, id) or 'null'
    end
  end
  return true
end

-- Takes a job with a lease for each token in `tokens`, in order, with one command of each kind for them
-- all (each redis.call costs about as much as the command it runs, so a batch of finishes that take their
-- next jobs runs a handful of commands, not a handful per job). `a` holds the take settings (see
-- takeSettings), which the takes share. Due delayed jobs are promoted first, then the wait list is
-- served, then the prioritized set.
-- Appends each take's reply to the list `into[k]`: 'job', id, data, lease expiry, the record as stored
-- (see JobRecord.swift), start time | 'empty', ms until the next delayed job is due, or -1 | 'paused' |
-- 'limited', ms until the window opens; tokens beyond the jobs there are (or the limit allows) get the
-- same 'empty' (or 'limited') reply.
local function takeMany(a, tokens, now, into)
  local taken = 0
  local function rest(...)
    local parts = {...}
    for k = taken + 1, #tokens do
      for _, part in ipairs(parts) do into[k][#into[k] + 1] = part end
    end
  end
  if not openGate(now) then return rest('paused') end
  local allowed = #tokens
  if a.limitMax > 0 then
    allowed = math.min(allowed, a.limitMax - tonumber(redis.call('GET', K.limiter) or '0'))
    if allowed <= 0 then return rest('limited', limitWait(a)) end
  end
  local ids, raws, data = {}, {}, {}
  while #ids < allowed and popJobs(allowed - #ids, ids, raws, data) do end
  taken = #ids
  if taken > 0 then
    if a.limitMax > 0 and redis.call('INCRBY', K.limiter, taken) == taken then
      redis.call('PEXPIRE', K.limiter, a.limitMs)
    end
    local expiry = now + a.leaseMs
    -- One 'active' entry for the takes, the worker's id once for all of them (see QueueEvent.swift).
    local leases, event, started, expiryText = {}, {'event', 'active', 'worker', a.worker}, msText(now), msText(expiry)
    for k, id in ipairs(ids) do
      leases[#leases + 1] = expiryText
      leases[#leases + 1] = leaseOf(id, tokens[k], started, a.worker)
      event[#event + 1] = 'id'
      event[#event + 1] = id
      local reply = into[k]
      reply[#reply + 1] = 'job'
      reply[#reply + 1] = id
      reply[#reply + 1] = data[k]
      reply[#reply + 1] = expiry
      reply[#reply + 1] = raws[k]
      reply[#reply + 1] = now
    end
    redis.call('ZADD', K.active, unpack(leases))
    appendEvent(event)
    -- More work is waiting: wake another idle worker too. Not when a busy worker chains jobs (finish and
    -- take next): the other workers were woken by the adds, and a backlog keeps them busy.
    if not a.chained and (redis.call('LLEN', K.wait) > 0 or redis.call('ZCARD', K.prioritized) > 0) then wake() end
  end
  if taken == #tokens then return end
  if taken == allowed then return rest('limited', limitWait(a)) end
  local nextDue = redis.call('ZRANGE', K.delayed, 0, 0, 'WITHSCORES')
  rest('empty', nextDue[2] and math.max(0, tonumber(nextDue[2]) - now) or -1)
end

-- The take settings from ARGV at `first`: the worker's id, its lease ms, and the queue's rate limit (most
-- jobs a window, 0 for none; the window ms).
local function takeSettings(first)
  return {worker = ARGV[first], leaseMs = tonumber(ARGV[first + 1]), limitMax = tonumber(ARGV[first + 2]), limitMs = tonumber(ARGV[first + 3])}
end
