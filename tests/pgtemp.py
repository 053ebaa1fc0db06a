"""A throw-away PostgreSQL 15 server for tests (initdb + pg_ctl as the postgres user when root)."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


def available() -> bool:
    return (PG_BIN / "initdb").exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TempPostgres:
    def __init__(self):
        self.port = _free_port()
        self.base = Path(tempfile.mkdtemp(prefix="vigie-pg-", dir="/tmp"))
        self.data = self.base / "data"
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.base, pw.pw_uid, pw.pw_gid)
            self.prefix = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args) -> None:
        subprocess.run([*self.prefix, *map(str, args)], check=True, capture_output=True)

    def start(self) -> TempPostgres:
        self._run(PG_BIN / "initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        opts = (f"-p {self.port} -k {self.base} -h 127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off")
        self._run(PG_BIN / "pg_ctl", "-D", self.data, "-l", self.base / "server.log", "-w", "start", "-o", opts)
        return self

    def url(self, db: str = "postgres", tcp: bool = True) -> str:
        if tcp:
            return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{db}"
        return f"postgresql+psycopg://postgres@/{db}?host={self.base}&port={self.port}"

    def create_database(self, name: str) -> str:
        from sqlalchemy import create_engine, text

        eng = create_engine(self.url(), isolation_level="AUTOCOMMIT")
        with eng.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        eng.dispose()
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run(PG_BIN / "pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.base, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
