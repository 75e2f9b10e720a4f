-- HEAD /api/v1/entries/{key}, random keys over the preloaded entries, with Connection: close.
-- wrk cannot tell that an answer to HEAD has no body: on a kept-alive connection it waits for a
-- body that never comes (the server sends neither Content-Length nor chunks). So each HEAD gets a
-- connection of its own; the "GET hit, Connection: close" row (get-hit-close.lua) is its yardstick.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
function init(args) common_init(); init_headers(); get_headers["Connection"] = "close"; load_keys() end
function request() return hit_request("HEAD") end
