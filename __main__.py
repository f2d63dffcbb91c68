"""``python -m bordermap``: the command line."""

import sys

from bordermap.cli import main

sys.exit(main())
