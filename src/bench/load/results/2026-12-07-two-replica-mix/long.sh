#!/bin/bash
# two replicas: their mix WARM x 20 s (16), MEASURED x 20 s more (0), one replica's mix 3 x 20 s, then theirs AGAIN x
# 20 s (2); C2 sampled throughout into C2OUT (c2-long.txt)
cd "$(dirname "$0")" && source ./two-replicas.sh
(./c2sample.sh > /tmp/res/x2/${C2OUT:-c2-long.txt} &)
for i in $(seq 1 ${WARM:-16}); do run x2-mix-warm-$i mix $A 20; done
for i in $(seq 1 ${MEASURED:-0}); do run x2-mix-$i mix $A 20; done
for i in 1 2 3; do run x1-mix-$i mix "" 20; done
for i in $(seq 1 ${AGAIN:-2}); do run x2-mix-again-$i mix $A 20; done
finish
