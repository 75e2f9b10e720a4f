-- POST /api/v1/lookup/batch of 100 lookups of random preloaded entries (all hits).
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local bodies = {}
function init(args)
   common_init(); init_headers(); load_keys()
   for b = 1, 64 do
      local items = {}
      for i = 1, 100 do items[i] = lookup_body(hashes[math.random(#hashes)]) end
      bodies[b] = '{"lookups":[' .. table.concat(items, ",") .. ']}'
   end
end
function request()
   return wrk.format("POST", "/api/v1/lookup/batch", json_headers, bodies[math.random(#bodies)])
end
