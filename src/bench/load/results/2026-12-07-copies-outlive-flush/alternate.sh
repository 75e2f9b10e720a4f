#!/bin/bash
# alternate.sh JAR NAME BEFORE_NAME ROUNDS: long.sh of ../2026-12-07-two-replica-mix/ (two replicas' mix 6 x 20 s to
# warm, 3 x 20 s measured, then one replica's mix 3 x 20 s) on /tmp/jars/JAR, then on /tmp/jars/main.jar, ROUNDS
# times; outputs /tmp/res/x2/NAME-N.txt and /tmp/res/x2/BEFORE_NAME-N.txt (N the round), then /tmp/res/x2/NAME-done
JAR_A=$1 NAME=$2 BEFORE_NAME=$3 ROUNDS=$4
cd "$(dirname "$0")/../2026-12-07-two-replica-mix"; R=/tmp/res/x2
once() { # jar output
  JAR=/tmp/jars/$1 WARM=6 MEASURED=3 AGAIN=0 C2OUT=c2-$NAME.txt ./long.sh > "$R/$2" 2>&1
}
for round in $(seq 1 "$ROUNDS"); do
  once "$JAR_A" "$NAME-$round.txt"
  once main.jar "$BEFORE_NAME-$round.txt"
done
echo done > "$R/$NAME-done"
