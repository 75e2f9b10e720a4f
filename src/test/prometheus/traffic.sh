#!/usr/bin/env bash
# Drives writes, hits and misses against a running llm-cache-server with curl, in three waves a
# few seconds apart, so that a Prometheus scraping every second sees every counter move (rates,
# increases and latency quantiles get real values, not 0/0). Used by .ci/run as the --traffic of
# check-dashboard.sh.
# Usage: traffic.sh BASE_URL [NAMESPACE...]     (default namespaces: alpha beta)
# Exit status: 0 when every request got the status it should, 1 otherwise.
set -uo pipefail

base=${1:?usage: traffic.sh BASE_URL [NAMESPACE...]}
base=${base%/}
shift
namespaces=("$@")
[ ${#namespaces[@]} -gt 0 ] || namespaces=(alpha beta)

failed=0
# request NAMESPACE WANTED_STATUS METHOD PATH [JSON]
request() {
  local ns=$1 want=$2 method=$3 path=$4 body=${5:-}
  local args=(-sS -o /dev/null -w '%{http_code}' --max-time 10 -X "$method" -H "X-Cache-Namespace: $ns")
  [ -z "$body" ] || args+=(-H 'Content-Type: application/json' --data-binary "$body")
  local got
  got=$(curl "${args[@]}" "$base$path") || got="curl failed"
  if [ "$got" != "$want" ]; then
    echo "traffic: $method $path in $ns answered $got, wanted $want" >&2
    failed=1
  fi
}
sha256() { printf '%s' "$1" | sha256sum | cut -c1-64; }
# The contract's key: sha256 of cacheType \n model \n fileHash \n promptHash \n schemaVersion.
key() { sha256 "$(printf '%s\n%s\n%s\n%s\n%s' "$1" "$2" "$(sha256 "$3")" "" 1)"; }
entry() { # cacheType provider model content tokens
  printf '{"cacheType":"%s","filePath":"src/%s.rs","content":"%s","provider":"%s","model":"%s","result":{"score":42,"smells":["long method","deep nesting","magic number"],"summary":"%s analysed for the dashboard check"},"tokensUsed":%s}' \
    "$1" "$4" "$4" "$2" "$3" "$4" "$5"
}
# A write with OpenAI's raw usage (1920 of 2006 prompt tokens cached), for the prompt-caching panels.
cached_entry() { # content
  printf '{"cacheType":"docs","filePath":"src/%s.rs","content":"%s","provider":"openai","model":"gpt-4o","result":{"score":7},"usage":{"prompt_tokens":2006,"completion_tokens":300,"total_tokens":2306,"prompt_tokens_details":{"cached_tokens":1920}}}' \
    "$1" "$1"
}
lookup() { printf '{"cacheType":"%s","model":"%s","content":"%s"}' "$1" "$2" "$3"; }
absent=$(printf '0%.0s' $(seq 64))

wave() {
  local wave=$1 ns
  for ns in "${namespaces[@]}"; do
    request "$ns" 201 POST /api/v1/entries "$(entry refactor xai grok-beta "main-$wave" 5000)"
    request "$ns" 201 POST /api/v1/entries "$(entry security anthropic claude-sonnet "auth-$wave" 12000)"
    request "$ns" 201 POST /api/v1/entries "$(cached_entry "cached-$wave")"
    request "$ns" 200 GET "/api/v1/entries/$(key refactor grok-beta "main-$wave")"
    request "$ns" 200 GET "/api/v1/entries/$(key security claude-sonnet "auth-$wave")"
    request "$ns" 200 POST /api/v1/lookup "$(lookup refactor grok-beta "main-$wave")"
    request "$ns" 404 POST /api/v1/lookup "$(lookup refactor grok-beta "never-stored-$wave")"
    request "$ns" 404 GET "/api/v1/entries/$absent"
    request "$ns" 200 POST /api/v1/lookup/batch \
      "{\"lookups\":[$(lookup security claude-sonnet "auth-$wave"),$(lookup docs grok-beta "missing-$wave")]}"
    request "$ns" 200 GET /api/v1/stats
    request "$ns" 200 GET /api/v1/budget
    # a store over an existing entry (duplicate spend), and a miss lease with a waiter it serves
    request "$ns" 200 POST /api/v1/entries "$(entry refactor xai grok-beta "main-$wave" 5000)"
    request "$ns" 404 GET "/api/v1/entries/$(key refactor grok-beta "leased-$wave")?lease=PT1M"
    request "$ns" 200 GET "/api/v1/entries/$(key refactor grok-beta "leased-$wave")?wait=PT5S" &
    sleep 0.5
    request "$ns" 201 POST /api/v1/entries "$(entry refactor xai grok-beta "leased-$wave" 5000)"
    wait
  done
}

wave 1
sleep 3
wave 2
sleep 2
wave 3
[ $failed -eq 0 ] && echo "traffic: 3 waves of writes, hits and misses in ${namespaces[*]}"
exit $failed
