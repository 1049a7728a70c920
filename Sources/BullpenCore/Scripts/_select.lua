-- Library for the scripts that act on jobs an operator selects (retry, deadletter); include it after _queue.

-- Sends a job back to the queue with fresh attempts (a retry by hand, from `failed` or the dead-letter queue).
local function requeueFresh(id, rec)
  rec.am, rec.sc, rec.cc, rec.fr, rec.fo, rec.rv = 0, 0, 0, nil, nil, nil
  enqueue(id, rec, false)
  saveRecord(id, rec)
end

-- Runs `handle(id)` over a selection in ARGV from index `at`: 'all' (ARGV[at + 1] = the most to handle,
-- oldest first from sorted set `set`) or 'ids' (ARGV[at + 1] ... the ids).
-- Returns {handled count, id1, status1, ...}, with a status ('ok' or why not) for each id given.
local function forSelection(at, set, handle)
  local result, count = {0}, 0
  if ARGV[at] == 'all' then
    for _, id in ipairs(redis.call('ZRANGE', set, 0, tonumber(ARGV[at + 1]) - 1)) do
      if handle(id) == 'ok' then count = count + 1 end
    end
  else
    for i = at + 1, #ARGV do
      local status = handle(ARGV[i])
      if status == 'ok' then count = count + 1 end
      result[#result + 1] = ARGV[i]
      result[#result + 1] = status
    end
  end
  result[1] = count
  return result
end
