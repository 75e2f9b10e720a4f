-- POST /api/v1/lookup by the factors of a random preloaded entry (a hit).
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
function init(args) common_init(); init_headers(); load_keys() end
function request()
   return wrk.format("POST", "/api/v1/lookup", json_headers, lookup_body(hashes[math.random(#hashes)]))
end
