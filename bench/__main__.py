"""``python -m bench``: run every benchmark, print the table, write bench/results/latest.json."""

import sys

from bench.run import main

sys.exit(main())
