-- log: appends lines to a job's log, keeping the newest `max` lines.
-- KEYS: the queue keys (see _queue.lua).
-- ARGV: 1-4 queue settings; 5 job id, 6 max lines; 7.. the lines.
-- Returns: the number of lines kept, or -1 when there is no such job.
-- @include _queue
local id, max = ARGV[5], tonumber(ARGV[6])
if redis.call('HEXISTS', K.jobs, id) == 0 then return -1 end
local lines = cjson.decode(redis.call('HGET', K.logs, id) or '[]')
if type(lines) ~= 'table' then lines = {} end
for i = 7, #ARGV do lines[#lines + 1] = ARGV[i] end
while #lines > max do table.remove(lines, 1) end
redis.call('HSET', K.logs, id, cjson.encode(lines))
return #lines
