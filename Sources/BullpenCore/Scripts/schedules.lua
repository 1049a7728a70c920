-- schedules: repeatable-job schedules of a queue (upsert, remove, list, due).
-- KEYS: the queue keys (see _queue.lua).
-- ARGV: 1-4 queue settings; 5 action:
--   'upsert' 6 id, 7 spec (JSON), 8 first tick ms (-1: none), 9 source ('topology' | 'api')
--            -> the next tick (an unchanged spec keeps its planned tick), or -1
--   'remove' 6 id -> 1 when it existed, else 0
--   'list'        -> {now, id1, entry1, next1 (-1: done), ...}
--   'due'    6 at most N -> {now, next future tick or -1, id1, tick1, entry1, ...} for ticks due now
--   'sync'   6 source, 7.. ids to keep -> removes the source's schedules not listed; the count removed
-- An entry is JSON {"spec": <spec JSON text>, "runs": N, "source": S}.
-- @include _queue
local action = ARGV[5]
local function now() return nowMs() end
if action == 'upsert' then
  local id, spec, first = ARGV[6], ARGV[7], tonumber(ARGV[8])
  local raw = redis.call('HGET', K.scheduled, id)
  local entry = raw and cjson.decode(raw) or {runs = 0}
  if raw and entry.spec == spec then
    local planned = redis.call('ZSCORE', K.schedules, id)
    return planned and tonumber(planned) or -1
  end
  entry.spec, entry.source = spec, ARGV[9]
  redis.call('HSET', K.scheduled, id, cjson.encode(entry))
  if first >= 0 then redis.call('ZADD', K.schedules, first, id) else redis.call('ZREM', K.schedules, id) end
  emit('schedule-updated', '', 'schedule', id, 'next', first)
  return first
elseif action == 'remove' then
  redis.call('ZREM', K.schedules, ARGV[6])
  return redis.call('HDEL', K.scheduled, ARGV[6])
elseif action == 'list' then
  local result = {now()}
  local all = redis.call('HGETALL', K.scheduled)
  for i = 1, #all, 2 do
    local planned = redis.call('ZSCORE', K.schedules, all[i])
    result[#result + 1] = all[i]
    result[#result + 1] = all[i + 1]
    result[#result + 1] = planned and tonumber(planned) or -1
  end
  return result
elseif action == 'due' then
  local t = now()
  local due = redis.call('ZRANGEBYSCORE', K.schedules, '-inf', t, 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[6]))
  local following = redis.call('ZRANGEBYSCORE', K.schedules, '(' .. t, '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
  local result = {t, following[2] and tonumber(following[2]) or -1}
  for i = 1, #due, 2 do
    result[#result + 1] = due[i]
    result[#result + 1] = tonumber(due[i + 1])
    result[#result + 1] = redis.call('HGET', K.scheduled, due[i]) or '{}'
  end
  return result
elseif action == 'sync' then
  local keep = {}
  for i = 7, #ARGV do keep[ARGV[i]] = true end
  local removed = 0
  local all = redis.call('HGETALL', K.scheduled)
  for i = 1, #all, 2 do
    local entry = cjson.decode(all[i + 1])
    if entry.source == ARGV[6] and not keep[all[i]] then
      redis.call('HDEL', K.scheduled, all[i])
      redis.call('ZREM', K.schedules, all[i])
      removed = removed + 1
    end
  end
  return removed
end
return redis.error_reply('ERR schedules: unknown action ' .. tostring(action))
