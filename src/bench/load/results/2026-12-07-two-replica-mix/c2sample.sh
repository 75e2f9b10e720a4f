#!/bin/bash
# every 2 s: the C2 and C1 compiler threads' CPU (ms) of replica 1 and 2
while true; do
  line="$(date +%T)"
  for port in 19001 19002; do
    P=$(pgrep -f "server.port=$port" | head -1); [[ -z $P ]] && continue
    for t in /proc/$P/task/*; do n=$(cat $t/comm 2>/dev/null); if [[ $n == "C2 CompilerThre" ]]; then s=($(cat $t/stat | sed 's/.*) //')); line="$line $port:C2=$(( (${s[11]}+${s[12]})*10 ))"; fi; done
    s=($(sed 's/.*) //' /proc/$P/stat)); line="$line $port:all=$(( (${s[11]}+${s[12]})*10 ))"
  done
  echo "$line"; sleep 2
done
