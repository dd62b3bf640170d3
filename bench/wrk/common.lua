-- Shared by every scenario (loaded with dofile from the repository root, where bench/run.py runs wrk).
-- Counts responses by status in each thread and prints one JSON line, "BENCH_RESULT {...}", at the end,
-- which bench/run.py reads: requests, 200s (and how many of them were the bare view's "ok"), other statuses, errors, latency percentiles (microseconds).

wrk.headers["User-Agent"] = "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36"
wrk.headers["Accept"] = "text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8"
wrk.headers["Accept-Language"] = "vi-VN,vi;q=0.9"

local threads = {}
local next_id = 1

function setup(thread)
   thread:set("id", next_id)
   next_id = next_id + 1
   table.insert(threads, thread)
end

ok = 0
bare_ok = 0
other = 0
n = 0

function response(status, headers, body)
   if status == 200 then
      ok = ok + 1
      if body == "ok" then
         bare_ok = bare_ok + 1 -- the bare view's answer (see articles_new.lua)
      end
   else
      other = other + 1
   end
end

-- Lines of a text file (the lists bench/run.py writes: paths, or "cookie<TAB>address<TAB>path").
function read_lines(path)
   local lines = {}
   for line in io.lines(path) do
      if line ~= "" then
         table.insert(lines, line)
      end
   end
   assert(#lines > 0, "empty list: " .. path)
   return lines
end

-- wrk.format() uses the headers it is given instead of wrk.headers: merge them, so every request
-- keeps the browser's User-Agent (a request without one is taken for a bot and counts nothing).
function headers_with(extra)
   local headers = {}
   for name, value in pairs(wrk.headers) do
      headers[name] = value
   end
   for name, value in pairs(extra) do
      headers[name] = value
   end
   return headers
end

function split_tabs(line)
   local fields = {}
   for field in string.gmatch(line, "[^\t]+") do
      table.insert(fields, field)
   end
   return fields
end

function done(summary, latency, requests)
   local total_ok, total_bare, total_other = 0, 0, 0
   for _, thread in ipairs(threads) do
      total_ok = total_ok + thread:get("ok")
      total_bare = total_bare + thread:get("bare_ok")
      total_other = total_other + thread:get("other")
   end
   local e = summary.errors
   io.write(string.format(
      'BENCH_RESULT {"requests": %d, "duration_us": %d, "ok": %d, "bare_ok": %d, "other": %d, ' ..
      '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
      '"latency_us": {"mean": %.1f, "p50": %d, "p90": %d, "p99": %d, "max": %d}}\n',
      summary.requests, summary.duration, total_ok, total_bare, total_other,
      e.connect, e.read, e.write, e.status, e.timeout,
      latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
