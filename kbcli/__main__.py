import sys

from kbcli import main

sys.exit(main())
