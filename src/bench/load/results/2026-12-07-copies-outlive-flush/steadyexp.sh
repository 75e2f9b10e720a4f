#!/bin/bash
# change 42's build against the build before at the steady state: long.sh of ../2026-12-07-two-replica-mix/ once on each
cd "$(dirname "$0")/../2026-12-07-two-replica-mix"; R=/tmp/res/x2
JAR=/tmp/jars/c42.jar WARM=6 MEASURED=3 AGAIN=0 C2OUT=c2-st.txt ./long.sh > $R/steady-c42.txt 2>&1
JAR=/tmp/jars/main.jar WARM=6 MEASURED=3 AGAIN=0 C2OUT=c2-st.txt ./long.sh > $R/steady-main.txt 2>&1
echo done > $R/st-done
