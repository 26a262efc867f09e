-- wrk script for learner-state saves: each request is a real commit with a fresh,
-- increasing sequence number, spread over many attempts so that concurrent
-- requests never race on one attempt (a stale commit would be ignored, not saved).
--   BENCH_TOKENS   file: one commit URL path per line (/scorm/commit/<token>/), then a
--                  space and the attempt's stored sequence (the next commit's is above it)
--   BENCH_STATE    file: the JSON of the "cmi" object to save (one line)
--   BENCH_RECEIPTS 1 (default): as the player, each commit carries the receipt of the
--                  attempt's last answer (its tag, and how the stored state differs from
--                  this commit's: the answer's own delta, since the state sent is the same)
-- A response counts as good only when it is 200 and says the state was applied.

local threads = {}
local thread_count = 0

function setup(thread)
  thread:set("thread_index", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

function init(args)
  local threads_total = tonumber(os.getenv("BENCH_THREADS") or "2")
  paths = {}
  sequences = {}
  by_attempt = {} -- attempt id -> index in paths
  local line_number = 0
  for line in io.lines(os.getenv("BENCH_TOKENS")) do
    local path, sequence = line:match("^(%S+) (%d+)$")
    if path then
      if line_number % threads_total == thread_index then
        table.insert(paths, path)
        sequences[#paths] = tonumber(sequence)
        by_attempt[path:match("^/scorm/commit/(%d+)%-")] = #paths
      end
      line_number = line_number + 1
    end
  end
  local file = io.open(os.getenv("BENCH_STATE"))
  state = file:read("*a"):gsub("%s+$", "")
  file:close()
  use_receipts = (os.getenv("BENCH_RECEIPTS") or "1") == "1"
  receipts = {}
  idx = 0
  ok = 0
  bad = 0
  with_receipt = 0
  headers = { ["Content-Type"] = "application/json" }
end

function request()
  idx = idx % #paths + 1
  sequences[idx] = sequences[idx] + 1
  local stored = ""
  if receipts[idx] then
    stored = ', "stored": ' .. receipts[idx]
    with_receipt = with_receipt + 1
  end
  local body = '{"seq": ' .. sequences[idx] .. ', "cmi": ' .. state .. stored .. '}'
  return wrk.format("POST", paths[idx], headers, body)
end

function response(status, headers, body)
  body = body or ""
  if status == 200 and (string.find(body, '"applied":true', 1, true) or string.find(body, '"applied": true', 1, true)) then
    ok = ok + 1
    if use_receipts then
      -- The receipt is the answer's last member: {"tag":"<attempt>.…","delta":[…]}
      local at = string.find(body, '"stored":', 1, true)
      if at then
        local receipt = string.sub(body, at + 9, -2)
        local index = by_attempt[string.match(receipt, '^{"tag":"(%d+)')]
        if index then receipts[index] = receipt end
      end
    end
  else
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local nbad, nok, nreceipts = 0, 0, 0
  for _, t in ipairs(threads) do
    nbad = nbad + (t:get("bad") or 0)
    nok = nok + (t:get("ok") or 0)
    nreceipts = nreceipts + (t:get("with_receipt") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "bytes": %d, "ok": %d, "bad": %d, "with_receipt": %d, ' ..
    '"err_connect": %d, "err_read": %d, "err_write": %d, "err_status": %d, "err_timeout": %d, ' ..
    '"lat_mean_us": %.1f, "lat_p50_us": %d, "lat_p90_us": %d, "lat_p99_us": %d, "lat_max_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, nok, nbad, nreceipts,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
