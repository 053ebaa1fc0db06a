"""Shared pieces of the dashboard's command lines (python -m dashboard.brief, python -m dashboard.charts)."""

from __future__ import annotations

import argparse
import sys


class FrenchArgumentParser(argparse.ArgumentParser):
    """argparse's own messages are English: keep them, but explain in French and exit 2."""

    def error(self, message):
        self.print_usage(sys.stderr)
        print(f"Erreur : option invalide ou manquante ({message}). Voir --help.", file=sys.stderr)
        raise SystemExit(2)
