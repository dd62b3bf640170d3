-- Articles read by NEW visitors: no cookie, a different article on every request and a different
-- address for every visitor (as nginx would pass it on), so every request is a counted view and a new
-- visit (a reader without a cookie is known by address and User-Agent).
--   wrk -s bench/wrk/articles_new.lua URL -- PATHS_FILE THREADS OFFSET [SWITCH_AT] [RUN]
-- RUN (a number) makes the addresses of one run differ from every other run's.
-- Thread k takes articles k, k+THREADS, k+2×THREADS … of the list, starting at OFFSET.
-- With SWITCH_AT (Unix time, whole seconds), requests from then on go to the bare view, which
-- counts nothing: when wrk stops, no counted request is left half-way, so bench/run.py can
-- check that every article page received is exactly one counted view.
dofile("bench/wrk/common.lua")

local paths, stride, offset, switch_at, run

function init(args)
   paths = read_lines(args[1])
   stride = tonumber(args[2])
   offset = tonumber(args[3] or "0")
   switch_at = tonumber(args[4] or "0")
   run = tonumber(args[5] or "0")
end

function request()
   if switch_at > 0 and os.time() >= switch_at then
      return wrk.format("GET", "/bench/bare/")
   end
   local i = offset + (id - 1) + n * stride
   n = n + 1
   local path = paths[(i % #paths) + 1]
   -- fd00:<run>:<thread>::<n>: unique per request, thread and run.
   local address = string.format("fd00:%x:%x::%x", run % 65536, id, n)
   return wrk.format("GET", path, headers_with({["X-Forwarded-For"] = address}))
end
