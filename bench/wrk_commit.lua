-- wrk script for learner-state saves: each request is a real commit with a fresh,
-- increasing sequence number, spread over many attempts so that concurrent
-- requests never race on one attempt (a stale commit would be ignored, not saved).
--   BENCH_TOKENS  file: one commit URL path per line (/scorm/commit/<token>/)
--   BENCH_STATE   file: the JSON of the "cmi" object to save (one line)
-- A response counts as good only when it is 200 and says the state was applied.

local threads = {}
local thread_count = 0

function setup(thread)
  thread:set("thread_index", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

function init(args)
  local all = {}
  for line in io.lines(os.getenv("BENCH_TOKENS")) do
    if line ~= "" then table.insert(all, line) end
  end
  local threads_total = tonumber(os.getenv("BENCH_THREADS") or "2")
  paths = {}
  for i, path in ipairs(all) do
    if (i - 1) % threads_total == thread_index then table.insert(paths, path) end
  end
  local file = io.open(os.getenv("BENCH_STATE"))
  state = file:read("*a"):gsub("%s+$", "")
  file:close()
  sequences = {}
  for i = 1, #paths do sequences[i] = 0 end
  idx = 0
  ok = 0
  bad = 0
  headers = { ["Content-Type"] = "application/json" }
end

function request()
  idx = idx % #paths + 1
  sequences[idx] = sequences[idx] + 1
  local body = '{"seq": ' .. sequences[idx] .. ', "cmi": ' .. state .. '}'
  return wrk.format("POST", paths[idx], headers, body)
end

function response(status, headers, body)
  body = body or ""
  if status == 200 and (string.find(body, '"applied":true', 1, true) or string.find(body, '"applied": true', 1, true)) then
    ok = ok + 1
  else
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local nbad, nok = 0, 0
  for _, t in ipairs(threads) do
    nbad = nbad + (t:get("bad") or 0)
    nok = nok + (t:get("ok") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "bytes": %d, "ok": %d, "bad": %d, ' ..
    '"err_connect": %d, "err_read": %d, "err_write": %d, "err_status": %d, "err_timeout": %d, ' ..
    '"lat_mean_us": %.1f, "lat_p50_us": %d, "lat_p90_us": %d, "lat_p99_us": %d, "lat_max_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, nok, nbad,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
