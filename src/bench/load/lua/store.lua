-- POST /api/v1/entries with a 2 kB result under a new key each time.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
function init(args) common_init(); init_headers() end
function request() return store_request() end
