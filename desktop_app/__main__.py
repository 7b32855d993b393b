"""``python -m desktop_app``: the same as the ``nqdesk`` command (used by the Windows launcher)."""

import sys

from .cli import main

sys.exit(main())
