-- GET /api/v1/entries/{key}, random keys over the preloaded entries.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
function init(args) common_init(); init_headers(); load_keys() end
function request() return hit_request("GET") end
