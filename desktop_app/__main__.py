"""``python -m desktop_app``: the same as the ``nqdesk`` command (the Windows portable build starts this way)."""

from desktop_app.cli import main

raise SystemExit(main())
