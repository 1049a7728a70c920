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

-- The reply to a take that found nothing: {'empty', ms until the next delayed job is due, or -1}.
local function emptyReply(now)
  local nextDue = redis.call('ZRANGE', K.delayed, 0, 0, 'WITHSCORES')
  if not nextDue[2] then return {'empty', -1} end
  return {'empty', math.max(0, tonumber(nextDue[2]) - now)}
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
-- and data with one HMGET. Returns {id, raw record, data} for each; an id without a record was removed while
-- queued and is skipped, so fewer may come back while jobs still wait.
local function popJobs(count)
  local ids = redis.call('RPOP', K.wait, count) or {}
  if #ids < count then
    local popped = redis.call('ZPOPMIN', K.prioritized, count - #ids)
    for k = 1, #popped, 2 do ids[#ids + 1] = popped[k] end
  end
  if #ids == 0 then return {}, true end
  local fields = {}
  for _, id in ipairs(ids) do
    fields[#fields + 1] = id
    fields[#fields + 1] = dataField(id)
  end
  local stored = redis.call('HMGET', K.jobs, unpack(fields))
  local jobs = {}
  for k, id in ipairs(ids) do
    local raw = stored[2 * k - 1]
    if raw then jobs[#jobs + 1] = {id, raw, stored[2 * k] or redis.call('HGET', K.data, id) or 'null'} end
  end
  return jobs, false
end

-- Takes a job with a lease for each token in `tokens`, in order, with one command of each kind for them
-- all (each redis.call costs about as much as the command it runs, so a batch of finishes that take their
-- next jobs runs a handful of commands, not a handful per job). `a` holds the take settings (see
-- takeSettings), which the takes share. Due delayed jobs are promoted first, then the wait list is
-- served, then the prioritized set.
-- Returns one reply per token: {'job', id, data, lease expiry, the record as stored (see JobRecord.swift),
-- start time} | {'empty', ms until the next delayed job is due, or -1} | {'paused'} |
-- {'limited', ms until the window opens}; tokens beyond the jobs there are (or the limit allows) get the
-- same 'empty' (or 'limited') reply.
local function takeMany(a, tokens, now)
  local replies = {}
  local function rest(reply)
    for k = #replies + 1, #tokens do replies[k] = reply end
    return replies
  end
  if not openGate(now) then return rest({'paused'}) end
  local allowed = #tokens
  if a.limitMax > 0 then
    allowed = math.min(allowed, a.limitMax - tonumber(redis.call('GET', K.limiter) or '0'))
    if allowed <= 0 then return rest({'limited', limitWait(a)}) end
  end
  local jobs, drained = {}, false
  while #jobs < allowed and not drained do
    local more
    more, drained = popJobs(allowed - #jobs)
    for _, job in ipairs(more) do jobs[#jobs + 1] = job end
  end
  if #jobs > 0 then
    if a.limitMax > 0 and redis.call('INCRBY', K.limiter, #jobs) == #jobs then
      redis.call('PEXPIRE', K.limiter, a.limitMs)
    end
    local expiry = now + a.leaseMs
    local leases, event, started, expiryText = {}, {'event', 'active'}, msText(now), msText(expiry)
    for k, job in ipairs(jobs) do
      local id = job[1]
      leases[#leases + 1] = expiryText
      leases[#leases + 1] = leaseOf(id, tokens[k], started, a.worker)
      event[#event + 1] = 'id'
      event[#event + 1] = id
      event[#event + 1] = 'worker'
      event[#event + 1] = a.worker
      replies[k] = {'job', id, job[3], expiry, job[2], now}
    end
    redis.call('ZADD', K.active, unpack(leases))
    appendEvent(event)
    -- More work is waiting: wake another idle worker too. Not when a busy worker chains jobs (finish and
    -- take next): the other workers were woken by the adds, and a backlog keeps them busy.
    if not a.chained and (redis.call('LLEN', K.wait) > 0 or redis.call('ZCARD', K.prioritized) > 0) then wake() end
  end
  if #replies == #tokens then return replies end
  if #jobs == allowed and allowed < #tokens then return rest({'limited', limitWait(a)}) end
  return rest(emptyReply(now))
end

-- The take settings from ARGV at `first`: the worker's id, its lease ms, and the queue's rate limit (most
-- jobs a window, 0 for none; the window ms).
local function takeSettings(first)
  return {worker = ARGV[first], leaseMs = tonumber(ARGV[first + 1]), limitMax = tonumber(ARGV[first + 2]), limitMs = tonumber(ARGV[first + 3])}
end
