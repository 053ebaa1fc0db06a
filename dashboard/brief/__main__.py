"""``python -m dashboard.brief``: see :mod:`dashboard.brief.cli`."""

from dashboard.brief.cli import main

raise SystemExit(main())
