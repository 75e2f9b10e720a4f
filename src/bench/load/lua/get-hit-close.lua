-- GET hits as in get-hit.lua, but with Connection: close: the yardstick of the HEAD row.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
function init(args) common_init(); init_headers(); get_headers["Connection"] = "close"; load_keys() end
function request() return hit_request("GET") end
