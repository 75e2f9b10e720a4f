-- GET /api/v1/entries/{key} on random keys that are not stored (404).
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local misses = {}
function init(args)
   common_init(); init_headers()
   for i = 1, 4096 do
      local parts = {}
      for j = 1, 8 do parts[j] = string.format("%08x", math.random(0, 0x7fffffff)) end
      misses[i] = table.concat(parts)
   end
end
function request()
   return wrk.format("GET", "/api/v1/entries/" .. misses[math.random(#misses)], get_headers)
end
