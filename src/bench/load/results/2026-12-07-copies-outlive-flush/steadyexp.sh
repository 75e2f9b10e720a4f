#!/bin/bash
# change 42's build against the build before at the steady state, once each (steady-c42-1.txt, steady-main-1.txt)
exec "$(dirname "$0")/alternate.sh" c42.jar steady-c42 steady-main 1
