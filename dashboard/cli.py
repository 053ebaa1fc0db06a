"""Shared pieces of the dashboard's command lines (python -m dashboard.brief, python -m dashboard.charts)."""

from __future__ import annotations

import argparse
import sys

from dashboard.i18n import t
from plans.i18n import text


class FrenchArgumentParser(argparse.ArgumentParser):
    """argparse's own messages are English: keep them, but explain in French and exit 2."""

    def error(self, message):
        self.print_usage(sys.stderr)
        print(t("cli.usage_error", message=message), file=sys.stderr)
        raise SystemExit(2)


def error(message: object) -> str:
    """« Erreur : <message> », the line a command prints on stderr before exiting (plans' cli.error)."""
    return text("cli.error", message=message)
