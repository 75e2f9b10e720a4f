-- A fixed GET of the URL given to wrk (nginx, trivial app, /api/v1/pricing). No init or request
-- function: wrk then sends one prepared request without calling Lua per request.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
