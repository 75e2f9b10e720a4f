#!/bin/bash
# a flush that writes no access counts, against the build before, two rounds (noflush-N.txt, nfmain-N.txt)
exec "$(dirname "$0")/alternate.sh" noflush.jar noflush nfmain 2
