#!/bin/bash
cd /tmp/res/x2
JAR=/tmp/jars/keepcopies.jar ./long2.sh > keep-copies.txt 2>&1
JAR=/tmp/jars/main.jar ./long2.sh > keep-main.txt 2>&1
