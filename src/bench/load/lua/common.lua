-- Shared by the scenario scripts of run-load-bench.sh (wrk 4, LuaJIT). Environment:
--   BENCH_KEYS    file of "cacheKey fileHash" lines (the preloaded entries)
--   BENCH_RESULT  the 2 kB JSON result that stores send
--   BENCH_NONCE   16 hex digits, different for every wrk run, so stored keys are unique
--   BENCH_ADDRS   optional "127.0.0.1:p1,127.0.0.1:p2": wrk thread i drives address i (replicas)
--   BENCH_TOKEN   optional bearer token
keys, hashes = {}, {}

local threads = 0

function setup(thread)
   threads = threads + 1
   thread:set("tid", threads)
   local addrs = os.getenv("BENCH_ADDRS")
   if addrs and addrs ~= "" then
      local list = {}
      for host, port in string.gmatch(addrs, "([^:,]+):(%d+)") do
         list[#list + 1] = { host, port }
      end
      local target = list[(threads - 1) % #list + 1]
      thread.addr = wrk.lookup(target[1], target[2])[1]
   end
end

local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then
   wrk.headers["Authorization"] = "Bearer " .. token
end

function common_init()
   math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
   for _ = 1, 10 do math.random() end
end

function load_keys()
   local f = assert(io.open(assert(os.getenv("BENCH_KEYS"), "BENCH_KEYS unset"), "r"))
   for line in f:lines() do
      local k, h = line:match("^(%x+) (%x+)")
      if k then
         keys[#keys + 1] = k
         hashes[#hashes + 1] = h
      end
   end
   f:close()
   assert(#keys > 0, "no keys in BENCH_KEYS")
end

function read_file(path)
   local f = assert(io.open(path, "r"))
   local text = f:read("*a")
   f:close()
   return text
end

json_headers = nil
get_headers = nil

function init_headers()
   get_headers = {}
   json_headers = { ["Content-Type"] = "application/json" }
   for k, v in pairs(wrk.headers) do
      get_headers[k] = v
      json_headers[k] = v
   end
end

-- Unique 64-hex file hashes: run nonce, wrk thread, counter.
local stores = 0
local result_json = nil

function store_request()
   if not result_json then
      result_json = read_file(os.getenv("BENCH_RESULT"))
   end
   stores = stores + 1
   local hash = os.getenv("BENCH_NONCE") .. string.format("%08x", tid or 0) .. string.rep("0", 32)
      .. string.format("%08x", stores)
   local body = '{"cacheType":"refactor","repoPath":"/home/ci/proj","filePath":"src/new/file_' .. stores
      .. '.rs","fileHash":"' .. hash .. '","fileSize":9000,"provider":"xai","model":"grok-beta",'
      .. '"inputTokens":4000,"outputTokens":1000,"result":' .. result_json .. '}'
   return wrk.format("POST", "/api/v1/entries", json_headers, body)
end

function hit_request(method)
   return wrk.format(method or "GET", "/api/v1/entries/" .. keys[math.random(#keys)], get_headers)
end

function lookup_body(hash)
   return '{"cacheType":"refactor","model":"grok-beta","fileHash":"' .. hash .. '","promptHash":"","schemaVersion":1}'
end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      "WRK_RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d mean_us=%d max_us=%d status=%d connect=%d read=%d write=%d timeout=%d\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.mean, latency.max,
      e.status, e.connect, e.read, e.write, e.timeout))
end
