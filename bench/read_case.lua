-- wrk script for bench/read_case.py.
--   wrk ... -s bench/read_case.lua http://127.0.0.1:PORT -- PATHS_FILE TOKEN
-- Each request takes the next path of PATHS_FILE (one per line; each thread starts at its
-- own place), with "Authorization: Bearer TOKEN". At the end one line:
--   WRK_RESULT requests duration_us connect read write status timeout p50_us p90_us p99_us max_us

local paths = {}
local token = ""
local next_index = 0
local threads_set_up = 0

function setup(thread)
  thread:set("thread_id", threads_set_up)
  threads_set_up = threads_set_up + 1
end

function init(args)
  token = args[2] or ""
  for line in io.lines(args[1]) do
    if #line > 0 then
      paths[#paths + 1] = line
    end
  end
  if #paths == 0 then
    error("no paths in " .. args[1])
  end
  next_index = ((thread_id or 0) * 7919) % #paths
  wrk.headers["Authorization"] = "Bearer " .. token
end

function request()
  next_index = next_index % #paths + 1
  return wrk.format("GET", paths[next_index])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK_RESULT %d %d %d %d %d %d %d %d %d %d %d\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max
  ))
end
