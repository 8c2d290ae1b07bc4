"""The production command, for real: bin/serve-production with two uvicorn workers, the task
worker, PostgreSQL, Redis and WhiteNoise, driven over HTTP and WebSocket from outside.

Runs when DATABASE_URL points at PostgreSQL and REDIS_URL is set (CI's second pass);
production mode needs both, so on the SQLite defaults there is nothing to serve.
"""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import requests
from websockets.sync.client import connect

ROOT = Path(__file__).resolve().parents[1]
DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "")

pytestmark = pytest.mark.skipif(
    not (DATABASE_URL.startswith("postgres") and REDIS_URL),
    reason="production mode needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)",
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _psql(database_url: str, sql: str) -> None:
    parts = urlsplit(database_url)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    subprocess.run(["psql", admin_url, "-q", "-c", sql], check=True, capture_output=True)


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    name = f"konsultacje_smoke_{uuid.uuid4().hex[:8]}"
    database_url = urlunsplit(urlsplit(DATABASE_URL)._replace(path=f"/{name}"))
    _psql(database_url, f"CREATE DATABASE {name}")
    tmp = tmp_path_factory.mktemp("production")
    port = _free_port()
    env = {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"},
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "REDIS_KEY_PREFIX": name,
        "SECRET_KEY": uuid.uuid4().hex + uuid.uuid4().hex,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": str(tmp / "static"),
        "MEDIA_ROOT": str(tmp / "media"),
        "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp / "mail"),
        "WEB_CONCURRENCY": "2",
        "PORT": str(port),
        "PYTHONUNBUFFERED": "1",
    }
    python = sys.executable
    env["PATH"] = f"{Path(python).parent}:{env['PATH']}"
    manage = [python, "manage.py"]
    production_env = {**env, "DJANGO_SETTINGS_MODULE": "cms.settings.production"}
    subprocess.run(
        [*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=production_env, check=True
    )
    subprocess.run([*manage, "seed_demo", "--force"], cwd=ROOT, env=production_env, check=True)
    log_path = tmp / "server.log"
    log = log_path.open("w")
    server = subprocess.Popen(
        ["bin/serve-production"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if requests.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            except (requests.ConnectionError, requests.Timeout):  # not up yet, or a busy machine
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"bin/serve-production did not come up:\n{log_path.read_text()}")
            time.sleep(0.5)
        # Read the log through its path: seeking the server's own handle would move
        # the offset it writes at.
        yield {"url": base, "port": port, "log": log_path, "mail": tmp / "mail"}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=45)  # at most GRACEFUL_SHUTDOWN_SECONDS (15) plus the task worker
        log.close()
        _psql(database_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_it_runs_two_asgi_worker_processes(production):
    # The first worker may answer /healthz before the second has finished starting.
    deadline = time.monotonic() + 30
    while True:
        started = set(
            re.findall(r"Started server process \[(\d+)\]", production["log"].read_text())
        )
        if len(started) >= 2 or time.monotonic() > deadline:
            break
        time.sleep(0.5)

    assert len(started) == 2


def test_the_home_page_is_served_in_polish(production):
    response = requests.get(production["url"] + "/", timeout=10)

    assert response.status_code == 200
    assert '<html lang="pl">' in response.text
    assert "Konsultacje w Nadrzeczu" in response.text


def test_static_files_come_from_whitenoise_with_hashed_names(production):
    html = requests.get(production["url"] + "/", timeout=10).text
    stylesheet = re.search(r'href="(/static/cms/site\.[0-9a-f]{12}\.css)"', html).group(1)

    response = requests.get(production["url"] + stylesheet, timeout=10)

    assert response.status_code == 200
    assert "immutable" in response.headers["Cache-Control"]
    assert ".skip-link" in response.text


def test_websocket_round_trip_goes_through_redis(production):
    url = f"ws://127.0.0.1:{production['port']}/ws/ping/"
    origin = f"http://127.0.0.1:{production['port']}"
    # Several connections, so that both workers answer some of them.
    for number in range(6):
        with connect(url, origin=origin, open_timeout=10) as socket_:
            socket_.send(json.dumps({"ping": f"próba {number}"}))
            assert json.loads(socket_.recv(timeout=10)) == {"pong": f"próba {number}"}


def test_a_websocket_from_another_origin_is_refused(production):
    url = f"ws://127.0.0.1:{production['port']}/ws/ping/"

    with pytest.raises(Exception, match="403"):  # noqa: B017 - the handshake is rejected
        connect(url, origin="https://evil.example.com", open_timeout=10)


def test_mail_is_sent_by_the_task_worker_not_the_request(production):
    session = requests.Session()
    form = session.get(production["url"] + "/konto/password/reset/", timeout=10).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)

    response = session.post(
        production["url"] + "/konto/password/reset/",
        data={"csrfmiddlewaretoken": token, "email": "ewa.nowicka@example.org"},
        headers={"Referer": production["url"] + "/konto/password/reset/"},
        timeout=10,
        allow_redirects=False,
    )

    assert response.status_code == 302
    deadline = time.monotonic() + 30
    while not list(production["mail"].glob("*.log")) and time.monotonic() < deadline:
        time.sleep(0.5)
    messages = [path.read_text() for path in production["mail"].glob("*.log")]
    assert len(messages) == 1
    assert "To: ewa.nowicka@example.org" in messages[0]


def logged_in(base: str, email: str) -> requests.Session:
    """A demo person's browser session against the running server."""
    session = requests.Session()
    login = session.get(base + "/konto/login/", timeout=10).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login).group(1)
    session.post(
        base + "/konto/login/",
        data={"csrfmiddlewaretoken": token, "login": email, "password": "Nadrzecze-demo-2026"},
        headers={"Referer": base + "/konto/login/"},
        timeout=10,
    )
    return session


def test_a_comment_posted_through_one_worker_reaches_readers_on_every_worker(production):
    from wagtail.test.utils.form_data import querydict_from_html

    base = production["url"]
    page_url = base + "/konsultacje/program-wspolpracy-2027/"
    html = requests.get(page_url, timeout=10).text
    page_id = re.search(r'data-discussion="(\d+)"', html).group(1)
    url = f"ws://127.0.0.1:{production['port']}/ws/konsultacje/{page_id}/"
    origin = f"http://127.0.0.1:{production['port']}"
    with ExitStack() as stack:
        # Eight readers, so that both workers hold some of them.
        readers = [
            stack.enter_context(connect(url, origin=origin, open_timeout=10)) for _ in range(8)
        ]
        session = logged_in(base, "jan.wroblewski@example.org")
        form = querydict_from_html(
            session.get(page_url, timeout=10).text, form_id="comment-form", exclude_csrf=False
        )
        form["comment"] = "Komentarz przez jednego workera, do czytelników na obu."
        response = session.post(
            page_url + "dyskusja/dodaj/",
            data=form,
            headers={"Referer": page_url},
            timeout=10,
            allow_redirects=False,
        )
        assert response.status_code == 302, response.text[:500]

        for reader in readers:
            message = json.loads(reader.recv(timeout=10))
            assert message["event"] == "new"
            assert "do czytelników na obu" in message["html"]


def test_a_seat_taken_through_one_worker_reaches_readers_on_every_worker(production):
    base = production["url"]
    page_url = base + "/konsultacje/program-wspolpracy-2027/spotkanie-stolikowe/"
    html = requests.get(page_url, timeout=10).text
    workshop_id = re.search(r'data-workshop-seats="(\d+)"', html).group(1)
    culture = re.search(r'data-table="(\d+)"', html).group(1)  # the first table
    url = f"ws://127.0.0.1:{production['port']}/ws/spotkania/{workshop_id}/"
    origin = f"http://127.0.0.1:{production['port']}"
    with ExitStack() as stack:
        readers = [
            stack.enter_context(connect(url, origin=origin, open_timeout=10)) for _ in range(8)
        ]
        # Idle for longer than the channel layer's blocking read (5 s): readers stay connected.
        time.sleep(12)
        session = logged_in(base, "ewa.nowicka@example.org")
        token = re.search(
            r'name="csrfmiddlewaretoken" value="([^"]+)"', session.get(page_url, timeout=10).text
        ).group(1)
        response = session.post(
            page_url + "zapisz/",
            data={"csrfmiddlewaretoken": token, "table": culture, "waitlist": "on"},
            headers={"Referer": page_url},
            timeout=10,
            allow_redirects=False,
        )
        assert response.status_code == 302, response.text[:500]
        seats = session.get(page_url + "miejsca/", timeout=10).json()["tables"]
        expected = next(row for row in seats if str(row["table"]) == culture)

        for reader in readers:
            message = json.loads(reader.recv(timeout=10))
            row = next(row for row in message["tables"] if str(row["table"]) == culture)
            assert row == expected
