#!/bin/bash
# the same with copies kept 120 s, against the build before (longlife-N.txt, llmain-N.txt; round 2 was stopped)
exec "$(dirname "$0")/alternate.sh" longlife.jar longlife llmain 2
