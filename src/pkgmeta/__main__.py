"""``python -m pkgmeta``: runs the command line of ``pkgmeta._cli``."""

from __future__ import annotations

import sys

from ._cli import main

if __name__ == "__main__":
    sys.exit(main())
