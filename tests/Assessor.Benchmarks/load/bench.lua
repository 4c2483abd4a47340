-- One wrk script for every endpoint of the load benchmark, configured by environment variables:
--   BENCH_METHOD (GET|POST), BENCH_BODY (a file whose bytes are the body), BENCH_KEY (an API key, sent as Bearer),
--   BENCH_IDEMPOTENT (a prefix: each request gets its own Idempotency-Key), BENCH_PATHS (a file of paths, one a line,
--   taken round-robin instead of the URL's path).
-- done() prints one line "RESULT {json}" that LoadBenchmark.cs reads.
local method = os.getenv("BENCH_METHOD") or "GET"
local key = os.getenv("BENCH_KEY")
local idempotent = os.getenv("BENCH_IDEMPOTENT")
local bodyFile = os.getenv("BENCH_BODY")
local pathsFile = os.getenv("BENCH_PATHS")
local body = nil
if bodyFile and bodyFile ~= "" then
  local f = assert(io.open(bodyFile, "rb"))
  body = f:read("*a")
  f:close()
end

local paths = nil
if pathsFile and pathsFile ~= "" then
  paths = {}
  for line in io.lines(pathsFile) do
    if line ~= "" then paths[#paths + 1] = line end
  end
end

local threadCount = 0
function setup(thread)
  threadCount = threadCount + 1
  thread:set("tid", threadCount)
end

local counter = 0
function request()
  counter = counter + 1
  local headers = {}
  if key and key ~= "" then headers["Authorization"] = "Bearer " .. key end
  if body then headers["Content-Type"] = "application/json" end
  if idempotent and idempotent ~= "" then
    headers["Idempotency-Key"] = idempotent .. "-" .. tostring(tid) .. "-" .. tostring(counter)
  end
  local path = nil
  if paths then path = paths[(counter % #paths) + 1] end
  return wrk.format(method, path, headers, body)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1000000
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests":%d,"seconds":%.3f,"rps":%.1f,"p50":%.3f,"p90":%.3f,"p99":%.3f,"max":%.3f,"non2xx":%d,"socketErrors":%d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
