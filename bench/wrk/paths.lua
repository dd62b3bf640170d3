-- Pages read by a returning visitor: cycles through the paths in a list file, each request carrying
-- one of the pre-created visitor cookies (and that visitor's address, as nginx would pass it on).
--   wrk -s bench/wrk/paths.lua URL -- PATHS_FILE [VISITORS_FILE] THREADS
-- Used for the bare view, home, category, search and the campaign pages.
dofile("bench/wrk/common.lua")

local paths, visitors, stride

function init(args)
   paths = read_lines(args[1])
   if args[2] ~= nil and args[2] ~= "-" then
      visitors = {}
      for _, line in ipairs(read_lines(args[2])) do
         table.insert(visitors, split_tabs(line))
      end
   end
   stride = tonumber(args[3] or "1")
end

function request()
   local i = (id - 1) + n * stride
   n = n + 1
   local path = paths[(i % #paths) + 1]
   if visitors == nil then
      return wrk.format("GET", path)
   end
   local visitor = visitors[(i % #visitors) + 1]
   return wrk.format("GET", path, headers_with({["Cookie"] = "lv=" .. visitor[1], ["X-Forwarded-For"] = visitor[2]}))
end
