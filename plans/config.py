"""Every setting of Vigie, declared once: name, default, type, help line, and where it is changed.

Two kinds of setting (the ``plan_section`` field tells them apart):

* **process settings** (database URL, upload size limit, cache TTL, editor password, anonymous reading) are read from
  an environment variable when it is set and not blank, else take their default;
* **plan defaults** (monitoring thresholds, governance rule) are the values a plan gets when its own
  ``settings`` JSON column (``plans.settings[plan_section][name]``, filled from the catalogue's
  ``plan.toml``) does not say. No environment variable changes them: a plan's figures depend on its
  data only.

Everything else asks this module (``get``, ``default``, ``plan_defaults``, ``with_defaults``); the
README's « Réglages » tables list each setting (``tests/test_config.py`` checks it). Like datasette's
``SETTINGS``: one declarative tuple, read in one place.

    python -m plans.config              # every setting with its current value
    python -m plans.config get NAME     # one value (the Makefile passes upload_max_mb to Streamlit)
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = REPO_ROOT / "data" / "vigie.db"

Value = str | int | float | bool | None
TRUE, FALSE = ("true", "1", "yes", "oui", "vrai"), ("false", "0", "no", "non", "faux")


@dataclass(frozen=True)
class Setting:
    name: str
    default: Value
    type: type
    help: str
    env: str | None = None  # environment variable read by get(); None for plan defaults
    plan_section: str | None = None  # key of plans.settings holding a plan's own value


SETTINGS: tuple[Setting, ...] = (
    Setting("database_url", f"sqlite:///{DEFAULT_DB}", str,
            "Base de données (SQLAlchemy) ; par défaut le fichier SQLite data/vigie.db du dépôt. "
            "postgres:// et postgresql:// sont lus comme postgresql+psycopg://.",
            env="DATABASE_URL"),
    Setting("upload_max_mb", 50, int,
            "Taille maximale d'un fichier importé, en Mo (page Données, ligne de commande, et limite "
            "du serveur Streamlit passée par make run).",
            env="VIGIE_UPLOAD_MAX_MB"),
    Setting("cache_ttl_seconds", 600, int,
            "Durée (secondes) pendant laquelle l'application garde en cache les résultats lus dans la base.",
            env="VIGIE_CACHE_TTL_SECONDS"),
    Setting("editor_password_hash", None, str,
            "Empreinte scrypt du mot de passe éditeur (python -m dashboard.auth hash) ; sans elle ni "
            "editor_password_hash dans .streamlit/secrets.toml, l'import est ouvert.",
            env="VIGIE_EDITOR_PASSWORD_HASH"),
    Setting("anonymous_reading", True, bool,
            "Avec une connexion configurée ([auth] dans .streamlit/secrets.toml) : false réserve la lecture aux "
            "personnes inscrites ; true (défaut) la laisse ouverte à tous, sans connexion.",
            env="VIGIE_ANONYMOUS_READING"),
    Setting("stalled_days", 180, int,
            "Une mesure est au point mort quand ni son statut ni son information n'ont changé depuis ce "
            "nombre de jours.", plan_section="thresholds"),
    Setting("stalled_postponements", 2, int,
            "… ou quand son échéance a été reportée au moins ce nombre de fois.", plan_section="thresholds"),
    Setting("freshness_days", 90, int,
            "Une évaluation est récente si elle a au plus ce nombre de jours (indicateur de fraîcheur).",
            plan_section="thresholds"),
    Setting("partial_weight", 0.5, float,
            "Poids d'une mesure « partiellement réalisée » dans l'avancement (réalisée = 1).",
            plan_section="thresholds"),
    Setting("committee_event_prefix", "comite-", str,
            "Les événements dont la clé commence ainsi sont les réunions du comité de coordination.",
            plan_section="governance"),
    Setting("meetings_required_per_year", 2, int,
            "Nombre de réunions du comité attendues par an (règle de gouvernance).", plan_section="governance"),
)

BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}


def setting(name: str) -> Setting:
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(f"réglage inconnu : {name!r} (connus : {', '.join(BY_NAME)})") from None


def default(name: str) -> Any:  # of the setting's declared type
    """The declared default of ``name``."""
    return setting(name).default


def get(name: str) -> Any:  # of the setting's declared type, or None
    """The value of ``name`` now: its environment variable when set and not blank, else its default.
    The variable is read at each call (tests and the CLI set it after import)."""
    s = setting(name)
    raw = os.environ.get(s.env, "").strip() if s.env else ""
    if not raw:
        return s.default
    try:
        return _parse_bool(raw) if s.type is bool else s.type(raw)
    except ValueError:
        expected = "true ou false" if s.type is bool else s.type.__name__
        raise ValueError(f"{s.env}={raw!r} : {expected} attendu ({s.help})") from None


def _parse_bool(raw: str) -> bool:
    word = raw.strip().lower()
    if word in TRUE or word in FALSE:
        return word in TRUE
    raise ValueError(raw)


def plan_defaults(section: str) -> dict[str, Value]:
    """The defaults of one section of a plan's settings (``thresholds`` or ``governance``)."""
    return {s.name: s.default for s in SETTINGS if s.plan_section == section}


def with_defaults(section: str, values: dict | None) -> dict[str, Value]:
    """A plan's ``section`` settings (e.g. ``summary()["thresholds"]``) completed by the defaults."""
    return {**plan_defaults(section), **(values or {})}


def main(argv: list[str]) -> int:
    if argv[:1] == ["get"] and len(argv) == 2:
        try:
            value = get(argv[1])
        except (KeyError, ValueError) as exc:
            print(exc.args[0], file=sys.stderr)
            return 2
        print("" if value is None else value)
        return 0
    if argv:
        from plans.i18n import text

        print(text("cli.config_usage"), file=sys.stderr)
        return 2
    for s in SETTINGS:
        where = s.env or f"plans.settings.{s.plan_section}"
        value = get(s.name)
        if s.name == "editor_password_hash" and value:
            value = "(secret)"
        elif s.name == "database_url":
            value = re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", str(value))  # never print a password
        print(f"{s.name} = {value!r}  [{where}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
