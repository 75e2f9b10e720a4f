-- wrk driver for the soak: 90 % hits (GET of a stored key) and 10 % stores (POST of a new result).
-- The keys to hit are read from the file named by the KEYS_FILE environment variable, one per
-- line (run-soak.sh stores them before the run). RATE, when set, is the target of requests per
-- second over all connections: each request waits connections / RATE seconds (wrk's delay()).

local keys = {}
local counter = 0
local pause_ms = 0

function init(args)
  for line in io.lines(os.getenv("KEYS_FILE")) do
    keys[#keys + 1] = line
  end
  local rate = tonumber(os.getenv("RATE") or "0")
  local connections = tonumber(os.getenv("CONNECTIONS") or "1")
  if rate > 0 then
    pause_ms = math.floor(1000 * connections / rate)
  end
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000))
end

function delay()
  return pause_ms
end

function request()
  counter = counter + 1
  if math.random(100) <= 90 then
    local key = keys[math.random(#keys)]
    return wrk.format("GET", "/api/v1/entries/" .. key, {["X-Cache-Namespace"] = "soak"})
  end
  local body = string.format(
    '{"cacheType":"refactor","repoPath":"/soak","filePath":"src/f%d.rs","content":"fn f() { %d %d }",' ..
    '"provider":"xai","model":"grok-beta","tokensUsed":%d,"result":{"score":%d,"notes":["soak","%d"]}}',
    math.random(1000), math.random(1000000000), counter, math.random(100, 9000), math.random(100), counter)
  return wrk.format("POST", "/api/v1/entries",
    {["Content-Type"] = "application/json", ["X-Cache-Namespace"] = "soak"}, body)
end
