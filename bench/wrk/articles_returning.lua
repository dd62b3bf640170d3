-- Articles read by RETURNING visitors: each request carries one of the pre-created visitor cookies
-- (with that visitor's address) and asks for an article that visitor has already read inside the
-- counting window, so no request is a new view or a new visit.
--   wrk -s bench/wrk/articles_returning.lua URL -- VISITORS_FILE THREADS
-- VISITORS_FILE lines: cookie<TAB>address<TAB>article path.
dofile("bench/wrk/common.lua")

local visitors, stride

function init(args)
   visitors = {}
   for _, line in ipairs(read_lines(args[1])) do
      table.insert(visitors, split_tabs(line))
   end
   stride = tonumber(args[2])
end

function request()
   local i = (id - 1) + n * stride
   n = n + 1
   local visitor = visitors[(i % #visitors) + 1]
   return wrk.format("GET", visitor[3], headers_with({["Cookie"] = "lv=" .. visitor[1], ["X-Forwarded-For"] = visitor[2]}))
end
