"""``python -m cslib`` runs the command line (:mod:`cslib.cli`)."""

import sys

from cslib.cli import main

sys.exit(main())
