#!/bin/bash
cd "$(dirname "$0")"; R=/tmp/res/x2
JAR=/tmp/jars/keepcopies.jar WARM=7 MEASURED=3 AGAIN=0 C2OUT=c2-long2.txt ./long.sh > $R/keep-copies.txt 2>&1
JAR=/tmp/jars/main.jar WARM=7 MEASURED=3 AGAIN=0 C2OUT=c2-long2.txt ./long.sh > $R/keep-main.txt 2>&1
