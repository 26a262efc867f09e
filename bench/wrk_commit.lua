-- wrk script for learner-state saves: each request is a real commit with a fresh,
-- increasing sequence number, spread over many attempts so that concurrent
-- requests never race on one attempt (a stale commit would be ignored, not saved).
--   BENCH_TOKENS   file: one commit URL path per line (/scorm/commit/<token>/), then a
--                  space and the attempt's stored sequence (the next commit's is above it)
--   BENCH_STATE    file: the JSON of the "cmi" object to save (one line)
--   BENCH_RECEIPTS 1 (default): as the player, each commit carries the receipt of the
--                  attempt's last answer (its tag, and how the stored state differs from
--                  this commit's: the answer's own delta, since the state sent is the same)
--   BENCH_CHANGE   1: each commit changes the suspend_data (its first 8 characters are the
--                  sequence), as a SCO that rewrites its bookmark on every page; the
--                  receipt's delta then also carries the stored suspend_data, as the
--                  player's would
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
  change_state = os.getenv("BENCH_CHANGE") == "1"
  local _, value_start = state:find('"suspend_data": "', 1, true)
  suspend_head = state:sub(1, value_start)
  suspend_rest = state:sub(value_start + 9) -- after the 8 characters a commit changes
  suspend_tail = suspend_rest:sub(1, suspend_rest:find('"', 1, true) - 1)
  receipts = {}
  idx = 0
  ok = 0
  bad = 0
  with_receipt = 0
  headers = { ["Content-Type"] = "application/json" }
end

local function mark(sequence)
  return string.format("%08d", sequence)
end

-- The receipt with one more change: the stored suspend_data, which this commit replaces.
local function with_stored_suspend_data(receipt, sequence)
  local change = '[["cmi","suspend_data"],"' .. mark(sequence) .. suspend_tail .. '"]'
  local head = receipt:sub(1, -3) -- without the closing "]}"
  if head:sub(-1) == "[" then return head .. change .. "]}" end
  return head .. "," .. change .. "]}"
end

function request()
  idx = idx % #paths + 1
  sequences[idx] = sequences[idx] + 1
  local sent = state
  if change_state then sent = suspend_head .. mark(sequences[idx]) .. suspend_rest end
  local stored = ""
  if receipts[idx] then
    local receipt = receipts[idx]
    if change_state then receipt = with_stored_suspend_data(receipt, tonumber(receipt:match('^{"tag":"%d+%.(%d+)%.'))) end
    stored = ', "stored": ' .. receipt
    with_receipt = with_receipt + 1
  end
  local body = '{"seq": ' .. sequences[idx] .. ', "cmi": ' .. sent .. stored .. '}'
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
    if not first_bad then first_bad = status .. " " .. body:sub(1, 300) end
  end
end

function done(summary, latency, requests)
  local nbad, nok, nreceipts = 0, 0, 0
  for _, t in ipairs(threads) do
    nbad = nbad + (t:get("bad") or 0)
    nok = nok + (t:get("ok") or 0)
    nreceipts = nreceipts + (t:get("with_receipt") or 0)
    local first_bad = t:get("first_bad")
    if first_bad then io.write("first bad answer: " .. first_bad .. "\n") end
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
