#!/bin/bash
cd /tmp/res/x2
./long2.sh > flush-default.txt 2>&1
cp c2-long2.txt c2-flush-default.txt
APP_EXTRA="--cache.access-flush-interval=PT60S" ./long2.sh > flush-60s.txt 2>&1
cp c2-long2.txt c2-flush-60s.txt
