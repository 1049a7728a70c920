-- deadletter: sends dead-lettered jobs back to their original queue (this one), or purges them.
-- KEYS: the queue keys (see _queue.lua).
-- ARGV: 1-4 queue settings; 5 'retry' | 'purge'; 6 'all' (then 7 = most to handle) or 'ids' (then 7.. ids).
-- Returns: {handledCount, id1 status1, ...} with status 'ok', 'missing' or 'exists' (a job with that id is
--          in the queue in another state) per id given.
-- @include _queue
-- @include _select
local now = nowMs()
local function handle(id)
  local raw = redis.call('HGET', K.deadjobs, id)
  if not raw then return 'missing' end
  if ARGV[5] == 'retry' then
    local rec = loadRecord(id)
    if rec and redis.call('ZREM', K.failed, id) == 0 then return 'exists' end
    if not rec then
      -- The job itself was cleaned up: rebuild it from the dead-letter entry.
      local entry = cjson.decode(raw)
      rec = {n = entry.name, o = entry.opts, ts = now, d = 0, p = 0, a = 1, as = 0}
      local ok, opts = pcall(cjson.decode, entry.opts or '{}')
      if ok and type(opts) == 'table' then
        rec.a = tonumber(opts.attempts) or 1
        rec.p = tonumber(opts.priority) or 0
      end
      redis.call('HSET', K.jobs, dataField(id), entry.data)
    end
    requeueFresh(id, rec)
    emit('retried', id, 'from', 'dead-letter')
  end
  redis.call('ZREM', K.dead, id)
  redis.call('HDEL', K.deadjobs, id)
  return 'ok'
end
return forSelection(6, K.dead, handle)
