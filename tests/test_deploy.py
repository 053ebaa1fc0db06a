"""deploy/ for real: Debian's Caddy with deploy/Caddyfile (only its {$…} variables set) in front of two Streamlit
servers started by deploy/vigie@.service's own command, on one real PostgreSQL (tests/conftest.py's server, run as
the postgres user), everything on 127.0.0.1.

An import through one server is on the other's next page load (its caches warm, nothing cleared); two imports at
once in two processes are both recorded, once each; the security headers come through Caddy; the sticky-session
cookie names a server, and a stopped server's browsers go to the other; the nightly backup's commands write a
dated archive.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pwd
import re
import secrets
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import select

from plans import schema as s
from plans.db import make_engine, upgrade
from tests.test_app import GOOD_CSV, PLAN
from tests.test_browser import (  # noqa: F401 - fixtures: Debian's chromium
    CHROMIUM,
    browser_context_args,
    browser_type_launch_args,
    free_port,
)

pytestmark = [pytest.mark.postgres, pytest.mark.browser, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
CADDY = shutil.which("caddy")
COOKIE = "vigie_serveur"
WHEN = "2026-01-15"  # « données au » of the imports (the pages show today)

if not CADDY:
    pytest.skip("Debian caddy missing: apt-get install -y caddy (make test does it)", allow_module_level=True)


def unit_command(port: int, key: str = "ExecStart", unit: str = "vigie@.service") -> list[str]:
    """The ``key`` command of ``unit`` in deploy/ as systemd runs it for ``port`` (``%i``), with /srv/vigie read as
    this checkout."""
    text = (DEPLOY / unit).read_text(encoding="utf-8")
    line = re.search(rf"^{key}=(.*?[^\\])$", text, re.S | re.M).group(1)
    line = re.sub(r"\\\n\s*", " ", line).replace("%i", str(port)).replace("%%", "%").replace("$$", "$")
    return [a.replace("/srv/vigie/.venv/bin/python", sys.executable).replace("/srv/vigie", str(ROOT))
            for a in shlex.split(line)]


def wait_for(url: str, proc: subprocess.Popen, seconds: float = 45) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=1) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer (exit code {proc.poll()})")


def lb_cookie(dial: str) -> str:
    """The value Caddy's ``lb_policy cookie`` (no secret) gives the browsers it sends to ``dial``."""
    return hmac.new(b"", dial.encode(), hashlib.sha256).hexdigest()


def as_nobody(base: Path) -> list[str]:
    """Caddy is not run as root: as nobody when the tests are root (``base`` given to nobody)."""
    if os.geteuid() != 0:
        return []
    nobody = pwd.getpwnam("nobody")
    for path in [base, *base.rglob("*")]:
        os.chown(path, nobody.pw_uid, nobody.pw_gid)
    return ["runuser", "-u", "nobody", "--"]


@pytest.fixture(scope="module")
def collective(pg_server):
    """Two Vigie servers on one PostgreSQL behind Caddy: {url, dials, database_url}."""
    from plans.seed import seed

    # a name of its own: pytest may set this module's fixture up again (when it regroups tests by the session's
    # parametrised fixtures), on the same server
    url = pg_server.create_database(f"vigie_deploy_{secrets.token_hex(4)}")
    ports = [free_port(), free_port()]
    env = {**os.environ, "DATABASE_URL": url, "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_urlsafe(32)}
    env.pop("VIGIE_EDITOR_PASSWORD_HASH", None)
    check = subprocess.run(unit_command(ports[0], "ExecStartPre"), cwd=ROOT, env=env, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr  # the login configuration checked first
    procs = [subprocess.Popen(unit_command(p), cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL) for p in ports]
    eng = make_engine(url)  # while the servers start (they read the database at the first page only)
    upgrade(eng)
    seed(eng)
    eng.dispose()
    base = Path(tempfile.mkdtemp(prefix="vigie-caddy-", dir="/tmp"))  # not under root's 0700 pytest dir
    shutil.copy(DEPLOY / "Caddyfile", base / "Caddyfile")
    (base / "home").mkdir()
    caddy_port = free_port()
    dials = [f"127.0.0.1:{p}" for p in ports]
    caddy_env = {"PATH": os.environ["PATH"], "HOME": str(base / "home"), "XDG_DATA_HOME": str(base / "home"),
                 "XDG_CONFIG_HOME": str(base / "home"), "VIGIE_SITE": f"http://127.0.0.1:{caddy_port}",
                 "VIGIE_REPLICAS": " ".join(dials), "VIGIE_CADDY_ADMIN": "off"}
    caddy = subprocess.Popen([*as_nobody(base), CADDY, "run", "--config", str(base / "Caddyfile"),
                              "--adapter", "caddyfile"], cwd=base, env=caddy_env,
                             stdout=subprocess.DEVNULL, stderr=open(base / "caddy.log", "wb"))  # noqa: SIM115
    try:
        for p, proc in zip(ports, procs, strict=True):
            wait_for(f"http://127.0.0.1:{p}/_stcore/health", proc)
        try:
            wait_for(f"http://127.0.0.1:{caddy_port}/_stcore/health", caddy, seconds=15)
        except RuntimeError as exc:
            raise RuntimeError((base / "caddy.log").read_text()[-2000:]) from exc
        yield {"url": f"http://127.0.0.1:{caddy_port}", "dials": dials, "database_url": url, "servers": procs}
    finally:
        for proc in [caddy, *procs]:
            proc.terminate()
        for proc in [caddy, *procs]:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(base, ignore_errors=True)


def pinned_page(browser, collective, k: int):
    """A browser whose sticky-session cookie sends it to server ``k``."""
    context = browser.new_context(viewport={"width": 1400, "height": 1400}, locale="fr-FR")
    context.add_cookies([{"name": COOKIE, "value": lb_cookie(collective["dials"][k]), "url": collective["url"]}])
    return context.new_page()


def realised(page) -> str:
    """The overview's « Réalisées » figure once drawn."""
    metric = page.locator("[data-testid='stMetric']", has_text="Réalisées").locator("[data-testid='stMetricValue']")
    metric.wait_for(timeout=60_000)
    return metric.inner_text().strip()


def wait_realised(page, value: str) -> None:
    page.wait_for_function(
        """v => [...document.querySelectorAll("[data-testid='stMetric']")].some(
               m => m.innerText.includes('Réalisées') &&
                    m.querySelector("[data-testid='stMetricValue']").innerText.trim() === v)""",
        arg=value, timeout=60_000)


def imported_runs(database_url: str) -> tuple[list, list]:
    """(the imported runs, the trail's « import confirmed » rows)."""
    eng = make_engine(database_url)
    try:
        with eng.connect() as conn:
            runs = conn.execute(select(s.import_runs.c.id, s.import_runs.c.file_name, s.import_runs.c.file_hash)
                                .where(s.import_runs.c.outcome == "imported")).all()
            trail = conn.execute(select(s.audit_log.c.run_id)
                                 .where(s.audit_log.c.kind == "import_confirmed")).scalars().all()
        return runs, trail
    finally:
        eng.dispose()


def test_headers_and_the_sticky_cookie_come_through_caddy(collective):
    chosen = set()
    for _ in range(12):  # a browser without the cookie is given one, naming one of the two servers
        with urllib.request.urlopen(collective["url"] + "/", timeout=10) as answer:
            headers = answer.headers
            cookie = re.search(rf"{COOKIE}=([0-9a-f]+)", headers.get("Set-Cookie") or "")
            assert cookie, headers
            chosen.add(cookie.group(1))
    assert chosen <= {lb_cookie(d) for d in collective["dials"]}
    assert len(chosen) == 2  # both servers are used (12 tries: one in 2,048 to fail by chance)
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "connect-src 'self' wss:" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    assert "camera=()" in headers["Permissions-Policy"]
    assert headers.get("Server") is None  # neither Caddy's nor Tornado's
    with urllib.request.urlopen(collective["url"] + "/_stcore/health", timeout=10) as answer:
        assert answer.read() == b"ok" and answer.headers.get("Server") is None


def test_an_import_through_one_server_is_on_the_others_next_page(collective, browser, tmp_path):
    first, second = pinned_page(browser, collective, 0), pinned_page(browser, collective, 1)
    try:
        _import_through_one_seen_through_the_other(collective, first, second, tmp_path)
    finally:
        first.context.close()
        second.context.close()


# One command-line import (``python -m loaders import …``) loaded, then held until the file argv[1] exists: the
# two processes are started with the test and released together.
HELD_IMPORT = """import sys, time
from pathlib import Path
import loaders.pipeline
from loaders.cli import main
while not Path(sys.argv[1]).exists():
    time.sleep(0.01)
sys.exit(main(sys.argv[2:]))
"""


def _import_through_one_seen_through_the_other(collective, first, second, tmp_path) -> None:
    go = tmp_path / "go"
    files = []
    for k, ref in enumerate(("F03", "F04")):
        path = tmp_path / f"suivi-{ref}.csv"
        path.write_bytes(f"Réf.;Statut;Commentaire\n{ref};Réalisée;fait ({k})\n".encode())
        files.append(path)
    env = {**os.environ, "DATABASE_URL": collective["database_url"]}
    procs = [subprocess.Popen([sys.executable, "-c", HELD_IMPORT, str(go), "import", str(p), "--plan", PLAN,
                               "--as-of", WHEN], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True) for p in files]
    try:
        _through_caddy(collective, first, second, tmp_path, go, procs)
    finally:
        for proc in procs:
            if not go.exists():  # the test stopped before releasing them
                proc.kill()
            proc.wait(timeout=120)


def _through_caddy(collective, first, second, tmp_path, go, procs) -> None:
    for page in (first, second):  # both servers draw the overview (side by side): their caches hold « Réalisées » 0
        page.goto(collective["url"])
    assert [realised(first), realised(second)] == ["0", "0"]
    # the import, through the first server (Données page, websocket and upload through Caddy)
    good = tmp_path / "suivi.csv"
    good.write_bytes(GOOD_CSV)
    first.goto(f"{collective['url']}/data_page")
    file_input = first.locator("input[type=file]").first
    file_input.wait_for(state="attached", timeout=30_000)
    file_input.set_input_files(str(good))
    first.wait_for_selector("text=/Vérification seule/", timeout=30_000)
    first.get_by_role("button", name="Confirmer l'import").click(timeout=30_000)
    first.wait_for_selector("text=/Import réussi/", timeout=30_000)
    second.reload()  # the other server, next page load: F01 « Réalisée »
    wait_realised(second, "1")
    # two imports at once, in two processes (the command line, on the same database), released together
    go.touch()
    outputs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    runs, trail = imported_runs(collective["database_url"])
    names = sorted(r.file_name for r in runs)
    assert names == ["suivi-F03.csv", "suivi-F04.csv", "suivi.csv"], names  # each once
    assert len({r.file_hash for r in runs}) == 3
    assert sorted(trail) == sorted(r.id for r in runs)  # and each once in the trail
    for page in (first, second):  # both servers, next page load: F01, F03 and F04
        page.goto(collective["url"])
    wait_realised(first, "3")
    wait_realised(second, "3")


def test_the_nightly_backup_writes_a_dated_archive_and_is_in_the_trail(collective, tmp_path):
    env = {**os.environ, "DATABASE_URL": collective["database_url"]}
    for key in ("ExecStart", "ExecStartPost"):  # vigie-backup.service's commands, into tmp_path
        command = [a.replace("/var/backups/vigie", str(tmp_path))
                   for a in unit_command(0, key, "vigie-backup.service")]
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
    archives = list(tmp_path.glob("vigie-*.zip"))
    assert len(archives) == 1 and re.fullmatch(r"vigie-\d{4}-\d{2}-\d{2}-\d{4}\.zip", archives[0].name), archives
    eng = make_engine(collective["database_url"])
    try:
        with eng.connect() as conn:
            kinds = conn.execute(select(s.audit_log.c.kind, s.audit_log.c.actor)).all()
    finally:
        eng.dispose()
    assert ("backup", "ligne de commande") in [tuple(k) for k in kinds], kinds


def test_a_stopped_server_is_left_out_and_its_browsers_go_to_the_other(collective):
    """Last (it stops a server): a browser whose cookie names the stopped server is served by the other one,
    and given its cookie."""
    stopped = collective["servers"][0]
    stopped.terminate()
    stopped.wait(timeout=10)
    request = urllib.request.Request(collective["url"] + "/",
                                     headers={"Cookie": f"{COOKIE}={lb_cookie(collective['dials'][0])}"})
    with urllib.request.urlopen(request, timeout=20) as answer:
        assert answer.status == 200
        assert f"{COOKIE}={lb_cookie(collective['dials'][1])}" in (answer.headers.get("Set-Cookie") or "")
