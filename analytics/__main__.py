"""``python -m analytics``: the command line (see ``analytics.cli``)."""

from analytics.cli import main

raise SystemExit(main())
