"""The production stack for the load benchmarks: `bin/serve-production` (what `make prod` runs)
on a free port, against a throw-away PostgreSQL database with the demo in it, or an already
running `make prod` given by its URL.

    with production_stack(url=None, workers=2) as stack:
        stack.url          # http://127.0.0.1:<port>
        stack.static_root  # the collected static files, when known
        stack.uvicorn_workers(), stack.task_workers()  # PIDs (a stack started here)

Started here: a new database on DATABASE_URL's server (default
postgres://postgres@127.0.0.1:5432/), migrated and seeded with the demo, Redis on REDIS_URL
(default redis://127.0.0.1:6379/0) under a key prefix of its own; everything is stopped,
dropped and deleted on the way out, also when the benchmark fails.

For the resilience checks (bench/resilience.py): `redis_url=` a private Redis instead of
REDIS_URL, `database_address=(host, port)` where the server reaches PostgreSQL (a proxy; the
database is still created, seeded and dropped directly), `extra_env=` more settings for the
server.
"""

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/konsultacje"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
DEMO_CONSULTATION = "/konsultacje/program-wspolpracy-2027/"


class BenchError(Exception):
    """Something the benchmark cannot go on without; its message says what."""


@dataclass
class Stack:
    url: str
    static_root: Path | None
    pid: int | None = None  # bin/serve-production, leader of the stack's process group
    database_url: str | None = None  # the throw-away database, reached directly
    mail_dir: Path | None = None  # where the file-based delivery backend writes e-mails
    log_path: Path | None = None
    env: dict | None = None  # for manage.py: the server's settings, the database directly

    def uvicorn_workers(self) -> list[int]:
        """PIDs of the uvicorn worker processes now running (spawned by uvicorn's master)."""
        return [pid for pid, cmdline in self._processes() if "spawn_main" in cmdline]

    def task_workers(self) -> list[int]:
        """PIDs of the task worker processes (`manage.py task_worker` or `db_worker`)."""
        return [
            pid
            for pid, cmdline in self._processes()
            if "manage.py task_worker" in cmdline or "manage.py db_worker" in cmdline
        ]

    def manage(self, *arguments: str, timeout: float = 120) -> subprocess.CompletedProcess:
        """`manage.py <arguments>` with the server's settings and database."""
        if self.env is None:
            raise BenchError("manage.py needs a stack started here, not --url")
        return subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", *arguments],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def _processes(self) -> list[tuple[int, str]]:
        if self.pid is None:
            return []
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                # Field 5 of /proc/<pid>/stat is the process group; the command name in
                # field 2 may hold spaces, so split after its closing parenthesis.
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(stat[2]) != self.pid or stat[0] == "Z":
                    continue
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except (OSError, IndexError, ValueError):
                continue
            found.append((int(entry.name), cmdline))
        return found

    @property
    def port(self) -> int:
        return urlsplit(self.url).port or 80

    @property
    def ws_url(self) -> str:
        parts = urlsplit(self.url)
        return urlunsplit(parts._replace(scheme="wss" if parts.scheme == "https" else "ws"))


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _admin(database_url: str) -> str:
    return urlunsplit(urlsplit(database_url)._replace(path="/postgres"))


def _execute(database_url: str, sql: str) -> None:
    import psycopg

    try:
        with psycopg.connect(_admin(database_url), autocommit=True, connect_timeout=10) as db:
            db.execute(sql)
    except psycopg.OperationalError as error:
        where = _admin(database_url)
        raise BenchError(f"PostgreSQL at {where} is not reachable: {error}") from None


def _wait_for_task_queue(database_url: str, seconds: float = 180) -> None:
    """Until the task worker has run what seeding the demo queued (search index updates):
    measured requests should not share the machine with it."""
    import psycopg

    deadline = time.monotonic() + seconds
    with psycopg.connect(database_url, autocommit=True, connect_timeout=10) as db:
        while time.monotonic() < deadline:
            (waiting,) = db.execute(
                "SELECT count(*) FROM django_tasks_database_dbtaskresult"
                " WHERE status IN ('READY', 'RUNNING')"
            ).fetchone()
            if not waiting:
                return
            time.sleep(1)
    raise BenchError(f"the task worker still had {waiting} tasks queued after {seconds} s")


def _redis_clear(redis_url: str, prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        keys = list(client.scan_iter(match=f"{prefix}*", count=1000))
        if keys:
            client.delete(*keys)
    finally:
        client.close()


def _redis_check(redis_url: str) -> None:
    import redis

    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=5).ping()
    except redis.RedisError as error:
        raise BenchError(f"Redis at {redis_url} is not reachable: {error}") from None


def _started_workers(log_path: Path) -> set[str]:
    return set(re.findall(r"Started server process \[(\d+)\]", log_path.read_text()))


@contextmanager
def production_stack(
    *,
    url: str | None,
    workers: int,
    redis_url: str | None = None,
    database_address: tuple[str, int] | None = None,
    extra_env: dict[str, str] | None = None,
    template: str | None = None,
):
    if url:
        yield _existing(url.rstrip("/"))
        return
    import requests

    database_url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    redis_url = redis_url or os.environ.get("REDIS_URL", DEFAULT_REDIS_URL)
    if not database_url.startswith("postgres"):
        raise BenchError(f"DATABASE_URL must point at PostgreSQL, not {database_url!r}")
    _redis_check(redis_url)
    name = f"konsultacje_load_{os.getpid()}_{secrets.token_hex(3)}"
    database_url = urlunsplit(urlsplit(database_url)._replace(path=f"/{name}"))
    tmp = Path(tempfile.mkdtemp(prefix="konsultacje-load-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server_database_url = database_url
    if database_address:
        host, db_port = database_address
        netloc = urlsplit(database_url).netloc.rsplit("@", 1)
        netloc = f"{netloc[0]}@{host}:{db_port}" if len(netloc) == 2 else f"{host}:{db_port}"
        server_database_url = urlunsplit(urlsplit(database_url)._replace(netloc=netloc))
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DATABASE_URL=server_database_url,
        REDIS_URL=redis_url,
        REDIS_KEY_PREFIX=name,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=base,
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        STAFF_TWO_FACTOR_REQUIRED="0",  # the demo staff post comments without an authenticator
        SERVE_MEDIA="1",
        STATIC_ROOT=str(tmp / "static"),
        MEDIA_ROOT=str(tmp / "media"),
        EMAIL_DELIVERY_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(tmp / "mail"),
        WEB_CONCURRENCY=str(workers),
        HOST="127.0.0.1",
        PORT=str(port),
        PYTHONUNBUFFERED="1",
        PATH=f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}",
    )
    env.update(extra_env or {})
    # manage.py here (migrate, seed) reaches the database directly, not through the proxy.
    manage_env = {
        **env,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    }
    server = None
    log_file = None
    log_path = tmp / "server.log"
    _execute(
        database_url, f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else "")
    )
    try:
        if template:
            log(f"database {name}: a copy of {template}")
        else:
            log(f"database {name}: migrate and seed the demo")
            _migrate_and_seed(manage_env)
        log(f"starting bin/serve-production with {workers} workers on {base}")
        log_file = log_path.open("w")
        server = subprocess.Popen(  # noqa: S603 - our own script, fixed arguments
            [str(ROOT / "bin" / "serve-production")],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 180
        while True:
            up = False
            with suppress(requests.RequestException):  # not listening yet, or still starting
                up = requests.get(base + "/healthz", timeout=5).status_code == 200
            # uvicorn never starts fewer than two workers (bin/serve-production).
            if up and len(_started_workers(log_path)) >= max(workers, 2):
                break
            if server.poll() is not None:
                raise BenchError(f"bin/serve-production stopped:\n{log_path.read_text()[-3000:]}")
            if time.monotonic() > deadline:
                raise BenchError(f"bin/serve-production did not come up:\n{log_path.read_text()}")
            time.sleep(0.5)
        log("server up; waiting for the task worker to empty its queue")
        _wait_for_task_queue(database_url)
        yield Stack(
            url=base,
            static_root=tmp / "static",
            pid=server.pid,
            database_url=database_url,
            mail_dir=tmp / "mail",
            log_path=log_path,
            env=manage_env,
        )
    finally:
        if server is not None:
            try:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=10)
            except ProcessLookupError:
                pass
        if log_file is not None:
            log_file.close()
        try:
            _execute(database_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            _redis_clear(redis_url, name)
        finally:
            if os.environ.get("BENCH_KEEP_LOG") and log_path.exists():
                log(f"server log kept: {log_path}")
            else:
                shutil.rmtree(tmp, ignore_errors=True)
        log("server stopped, database dropped")


def _migrate_and_seed(manage_env: dict) -> None:
    for command in (["migrate", "--noinput", "-v0"], ["seed_demo", "--force"]):
        done = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=manage_env,
            capture_output=True,
            text=True,
        )
        if done.returncode:
            raise BenchError(f"manage.py {command[0]} failed:\n{done.stderr[-3000:]}")


@contextmanager
def demo_template():
    """A database migrated and seeded once, which `production_stack(template=name)` copies
    (CREATE DATABASE ... TEMPLATE, a second) instead of migrating and seeding again: for a
    script that starts several stacks. Dropped on the way out. Yields its name."""
    database_url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    if not database_url.startswith("postgres"):
        raise BenchError(f"DATABASE_URL must point at PostgreSQL, not {database_url!r}")
    name = f"konsultacje_template_{os.getpid()}_{secrets.token_hex(3)}"
    database_url = urlunsplit(urlsplit(database_url)._replace(path=f"/{name}"))
    redis_url = os.environ.get("REDIS_URL", DEFAULT_REDIS_URL)
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        REDIS_KEY_PREFIX=name,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        PATH=f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}",
    )
    _execute(database_url, f"CREATE DATABASE {name}")
    try:
        log(f"template database {name}: migrate and seed the demo")
        _migrate_and_seed(env)
        yield name
    finally:
        _execute(database_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        with suppress(Exception):  # the shared Redis may be down: nothing worth failing for
            _redis_clear(redis_url, name)


def _existing(url: str) -> Stack:
    import requests

    try:
        response = requests.get(url + "/healthz", timeout=5)
    except requests.RequestException as error:
        raise BenchError(f"nothing answers at {url}: {error}") from None
    if response.status_code != 200:
        raise BenchError(f"{url}/healthz answered {response.status_code}")
    static_root = ROOT / "static_collected"  # where `make prod` collects, when it runs here
    return Stack(url=url, static_root=static_root if static_root.is_dir() else None)


def established_per_process(port: int) -> dict[int, int]:
    """Server-side connections to `port` held by each local process ({} when not visible).

    Reads /proc (Linux): the sockets in ESTABLISHED state whose local port is `port`, and the
    processes whose file descriptors point at them.
    """
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local_port = int(fields[1].rsplit(":", 1)[1], 16)
            if local_port == port and fields[3] == "01":  # 01: ESTABLISHED
                inodes.add(fields[9])
    counts: dict[int, int] = {}
    if not inodes:
        return counts
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            for fd in (entry / "fd").iterdir():
                target = os.readlink(fd)
                if target.startswith("socket:[") and target[8:-1] in inodes:
                    counts[int(entry.name)] = counts.get(int(entry.name), 0) + 1
        except OSError:
            continue
    return counts
