-- tick: fires one tick of a schedule exactly once, and plans the next tick in the same call.
-- KEYS: the queue keys (see _queue.lua).
-- ARGV: 1-4 queue settings; 5 schedule id, 6 the tick being fired (ms; must still be the planned one),
--       7 the next tick (-1: the schedule is done), 8 enqueue a job (1) or skip this tick (0: a missed
--       tick), 9.. the job's 7 arguments as in add.lua (its id derived from the schedule and the tick).
-- Returns: {'fired', job id, created} | {'skipped'} (a missed tick, not replayed) | {'stale'} (another
--          worker fired this tick already: nothing written).
-- @include _queue
-- @include _newjob
local id, tick, nextTick = ARGV[5], tonumber(ARGV[6]), tonumber(ARGV[7])
local planned = redis.call('ZSCORE', K.schedules, id)
if not planned or tonumber(planned) ~= tick then return {'stale'} end
local raw = redis.call('HGET', K.scheduled, id)
if not raw then return {'stale'} end
local entry = cjson.decode(raw)
local result = {'skipped'}
if ARGV[8] == '1' then
  local jobID, created = createJob(9, nowMs())
  entry.runs = (entry.runs or 0) + 1
  redis.call('HSET', K.scheduled, id, cjson.encode(entry))
  result = {'fired', jobID, created}
end
if nextTick >= 0 then redis.call('ZADD', K.schedules, nextTick, id) else redis.call('ZREM', K.schedules, id) end
return result
