"""One engine factory for the whole application.

The ``database_url`` setting (``plans.config``: env ``DATABASE_URL``, else the embedded SQLite file
``data/vigie.db`` at the repository root, WAL journal, foreign keys on) selects the database.
PostgreSQL: ``postgresql+psycopg://user@host:5432/dbname``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from plans import config

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def database_url(url: str | None = None) -> str:
    """The URL to use: explicit argument, else the ``database_url`` setting (``DATABASE_URL``, else the
    SQLite default)."""
    url = url or str(config.get("database_url"))
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://"):]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


SQLITE_BUSY_TIMEOUT_MS = 120_000  # a writer waits this long for another (an import) before « database is locked »


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    """Create an engine for ``url`` (see :func:`database_url`)."""
    url = database_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database
        if db and db != ":memory:":
            Path(db).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def alembic_config(engine_or_url: Engine | str) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    url = engine_or_url if isinstance(engine_or_url, str) else None
    if url is None:
        cfg.attributes["engine"] = engine_or_url
    else:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Build or update the schema with Alembic (never ``create_all``)."""
    from alembic import command

    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    from alembic import command

    command.downgrade(alembic_config(engine), revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    if head is None:
        raise RuntimeError("plans/migrations/versions holds no revision")
    return head


def schema_outdated(exc: BaseException | None, url: str | None = None) -> tuple[str | None, str] | None:
    """(current revision, head) when the database's schema is older than the code — told by the
    error (a missing column or table) or by Alembic's version table; None otherwise."""
    first = (str(getattr(exc, "orig", None) or exc or "").strip().splitlines() or [""])[0]
    orig = getattr(exc, "orig", None)
    try:
        current = current_revision(make_engine(url)) if url is not None else None
    except Exception:  # the database itself is unreachable: not a schema question
        current = None
    head = head_revision()
    stale = any(w in first for w in ("no such column", "no such table")) or \
        type(orig).__name__ in ("UndefinedColumn", "UndefinedTable")
    if stale or (current is not None and current != head):
        return current, head
    return None


DatabaseError = SQLAlchemyError  # what a caller outside plans/ catches (the loaders import no SQLAlchemy)


def failure_kind(exc: BaseException) -> str:
    """What a database failure means for the user: ``busy`` (another writer held the database past the wait:
    SQLite « database is locked », PostgreSQL's lock timeout), ``duplicate`` (a unique constraint), ``error``."""
    orig = getattr(exc, "orig", None)
    first = str(orig if orig is not None else exc).strip().lower()
    if isinstance(exc, IntegrityError):
        return "duplicate" if "unique" in first or "duplicate" in first else "error"
    if "database is locked" in first or "database is busy" in first or type(orig).__name__ == "LockNotAvailable":
        return "busy"
    return "error"


UNREACHABLE = ("connect", "unable to open database", "could not translate host", "server closed the connection",
               "name or service not known", "no route to host", "timeout expired")


def database_failure(exc: BaseException, lang: str = "fr") -> str | None:
    """A database failure in the user's words (busy, unreachable, refused), None if ``exc`` is not one. Never
    the driver's text: it names the host, port, user and database, and its SQL."""
    if not isinstance(exc, SQLAlchemyError):
        return None
    from plans.i18n import text

    kind = failure_kind(exc)
    first = str(getattr(exc, "orig", None) or exc).strip().lower()
    if kind != "busy" and isinstance(exc, OperationalError) and any(w in first for w in UNREACHABLE):
        kind = "unreachable"
    return text(f"db.{kind if kind in ('busy', 'unreachable') else 'failed'}", lang)


def friendly_error(exc: BaseException, url: str | None = None) -> str:
    """One readable French line for a failure (a DBAPI error carries its whole SQL query): a schema older
    than the code says how to update it; a database failure is worded by :func:`database_failure` (no driver
    text); anything else keeps its first line."""
    outdated = schema_outdated(exc, url)
    if outdated:
        current, head = outdated
        was = f" (révision {current}, attendue {head})" if current else ""
        return (f"la base de données n'est pas à jour{was}. Mettez-la à jour avec « python -m plans migrate » "
                "(ou make run, qui le fait), puis recommencez.")
    worded = database_failure(exc)
    if worded is not None:
        return worded
    first = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [""])[0]
    if len(first) > 200:
        first = first[:199] + "…"
    return first
