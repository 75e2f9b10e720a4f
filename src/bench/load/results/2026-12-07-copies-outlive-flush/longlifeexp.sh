#!/bin/bash
cd "$(dirname "$0")/../2026-12-07-two-replica-mix"; R=/tmp/res/x2
for round in 1 2; do
JAR=/tmp/jars/longlife.jar WARM=6 MEASURED=3 AGAIN=0 C2OUT=c2-ll.txt ./long.sh > $R/longlife-$round.txt 2>&1
JAR=/tmp/jars/main.jar WARM=6 MEASURED=3 AGAIN=0 C2OUT=c2-ll.txt ./long.sh > $R/llmain-$round.txt 2>&1
done
echo done > $R/ll-done
