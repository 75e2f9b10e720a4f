#!/bin/bash
cd "$(dirname "$0")"; R=/tmp/res/x2
WARM=7 MEASURED=3 AGAIN=0 C2OUT=c2-long2.txt ./long.sh > $R/flush-default.txt 2>&1
cp $R/c2-long2.txt $R/c2-flush-default.txt
APP_EXTRA="--cache.access-flush-interval=PT60S" WARM=7 MEASURED=3 AGAIN=0 C2OUT=c2-long2.txt ./long.sh > $R/flush-60s.txt 2>&1
cp $R/c2-long2.txt $R/c2-flush-60s.txt
