#!/bin/bash
# during the x2 mix: 3 thread dumps of replica 1 and pg_stat_activity samples
sleep $1
P=$(pgrep -f "server.port=19001" | head -1)
for i in 1 2 3; do jstack $P > /tmp/res/x2/jstack-$2-$i.txt; sleep 1; done
for i in $(seq 1 20); do psql -t -A postgresql://postgres@127.0.0.1:5432/test -c "SELECT state, coalesce(wait_event_type,'-')||':'||coalesce(wait_event,'-'), left(regexp_replace(query,'\s+',' ','g'),60) FROM pg_stat_activity WHERE datname='test' AND state <> 'idle' AND pid <> pg_backend_pid()"; sleep 0.2; done > /tmp/res/x2/activity-$2.txt
