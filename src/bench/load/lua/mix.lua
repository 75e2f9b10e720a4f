-- 90 % GET hits on random preloaded keys, 10 % stores of new keys.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
function init(args) common_init(); init_headers(); load_keys() end
function request()
   if math.random() < 0.1 then return store_request() end
   return hit_request("GET")
end
