#!/bin/bash
# two replicas on one schema: per-table statistics around their hits, their mix and one replica's mix; C2 sampled
cd "$(dirname "$0")" && source ./two-replicas.sh
stats() { psql -t -A $PSQL -c "SELECT '$1', relname, heap_blks_hit+coalesce(idx_blks_hit,0)+coalesce(toast_blks_hit,0) FROM pg_statio_user_tables WHERE schemaname='$SCHEMA' ORDER BY relname" >> /tmp/res/x2/statio.txt; psql -t -A $PSQL -c "SELECT '$1', relname, n_tup_upd, n_tup_hot_upd, n_dead_tup, seq_scan, seq_tup_read, idx_scan FROM pg_stat_user_tables WHERE schemaname='$SCHEMA' ORDER BY relname" >> /tmp/res/x2/tables.txt; psql -t -A $PSQL -c "SELECT '$1', (SELECT sum(idx_scan) FROM pg_stat_user_indexes WHERE schemaname='$SCHEMA' AND relname='entries'), (SELECT sum(idx_scan) FROM pg_stat_user_indexes WHERE schemaname='$SCHEMA' AND relname='entry_results'), (SELECT n_tup_ins FROM pg_stat_user_tables WHERE schemaname='$SCHEMA' AND relname='entries'), (SELECT n_tup_upd FROM pg_stat_user_tables WHERE schemaname='$SCHEMA' AND relname='entries'), (SELECT xact_commit FROM pg_stat_database WHERE datname='test')"; }
(./c2sample.sh > /tmp/res/x2/c2.txt &)
run warm-mix mix $A 45 >/dev/null; run warm-hit get-hit $A 20 >/dev/null; sleep 6
stats before-hit; run x2-hit get-hit $A 10; stats after-hit; sleep 6
stats before-mix; run x2-mix mix $A 20; stats after-mix; sleep 6
stats before-mix1; run x1-mix mix "" 10; stats after-mix1
finish
