#!/bin/bash
cd "$(dirname "$0")/../2026-12-07-two-replica-mix"; R=/tmp/res/x2
for round in 1 2; do
JAR=/tmp/jars/noflush.jar WARM=6 MEASURED=3 AGAIN=0 C2OUT=c2-nf.txt ./long.sh > $R/noflush-$round.txt 2>&1
JAR=/tmp/jars/main.jar WARM=6 MEASURED=3 AGAIN=0 C2OUT=c2-nf.txt ./long.sh > $R/nfmain-$round.txt 2>&1
done
echo done > $R/nf-done
