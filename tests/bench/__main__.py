"""``python -m tests.bench``: the benchmark ``make bench`` runs."""

import sys

from .run import main

sys.exit(main())
