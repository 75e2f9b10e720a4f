#!/bin/sh
# The analysis command that llmcache runs on a miss (a placeholder: adapt the prompt, the
# provider and the result's shape). Copy it to .ci/llm-analyse.sh in your repository.
#
#   usage: llm-analyse.sh FILE
#
# Prints the result, one JSON value, on stdout, and writes the provider's token counts to the file
# named by $LLMCACHE_USAGE, for the server to price. Needs XAI_API_KEY, curl and jq; any LLM CLI
# that prints JSON would do as well (llmcache only needs the JSON on stdout).
set -eu

file=$1
model=${LLM_MODEL:-grok-4}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

jq -n --arg model "$model" --arg path "$file" --rawfile content "$file" '{
  model: $model,
  response_format: {type: "json_object"},
  messages: [
    {role: "system", content: "You review source files. Answer with one JSON object: {\"summary\": string, \"issues\": [{\"line\": number, \"severity\": \"low\"|\"medium\"|\"high\", \"message\": string}]}."},
    {role: "user", content: ("File " + $path + ":\n\n" + $content)}
  ]}' >"$work/request.json"

# The API key goes to curl on its standard input, not on its command line.
printf 'header = "Authorization: Bearer %s"\n' "$XAI_API_KEY" |
  curl --config - -fsS --max-time 300 https://api.x.ai/v1/chat/completions \
    -H 'Content-Type: application/json' --data-binary "@$work/request.json" -o "$work/answer.json"

# The provider's usage object as it came: the server maps it to input, cached and output tokens.
jq '{usage: .usage}' "$work/answer.json" >"${LLMCACHE_USAGE:-/dev/null}"
jq '.choices[0].message.content | fromjson' "$work/answer.json"
