"""Benchmark: hundreds of people registering for one table meeting at the same moment,
through the real production stack.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379/0 \\
        .venv/bin/python bench/registration_race.py [--attempts 400] [--tables 8] [--seats 10]
        [--workers 2] [--concurrency 50]

PostgreSQL only (SQLite runs one write transaction at a time: there is no race to see).
Creates a throw-away database on the DATABASE_URL server, the demo site, a meeting with
`--tables` tables of `--seats` seats and one account per person, each already logged in (a
session row, as the log-in form would leave it). Starts `bin/serve-production` on a free port
with `--workers` uvicorn workers, the task worker and Redis. Every person opens the meeting
page (their CSRF token), then all of them post the registration form to `…/zapisz/` at once,
`--concurrency` requests in flight, each at a random table, waiting list on; one attempt in
twenty is a second, simultaneous one by somebody already registering (at another table).

Prints one JSON line, figures counted in the database afterwards: {"attempts", "confirmed",
"waitlisted", "overbooked_tables", "duplicate_people", "per_s", "p95_ms", "failed"} —
`per_s` are registration requests answered per second, `p95_ms` their 95th-percentile
latency seen by the clients, `failed` the answers that were neither the redirect of a
registration nor the refusal of somebody's second attempt. Everything else goes to stderr.
The server is stopped, the database dropped and the Redis keys deleted at the end, also after
an error, Ctrl+C or SIGTERM. Each run takes a few minutes (migrations, collectstatic).
"""

import argparse
import json
import logging
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from common import ROOT, throwaway_site  # bench/common.py: the throw-away site

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SECOND_TRIES = 20  # one attempt in this many is somebody's second, at another table


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(args, tmp: Path) -> dict:
    """Production settings for this process and the server alike: same key (the sessions
    made here must be valid there), database, Redis prefix; plain HTTP on 127.0.0.1."""
    prefix = f"bench-race-{os.getpid()}"
    port = free_port()
    values = {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "REDIS_KEY_PREFIX": prefix,
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": str(tmp / "static"),
        "MEDIA_ROOT": str(tmp / "media"),
        # The task worker delivers the confirmations to nowhere: the people are invented.
        "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "WEB_CONCURRENCY": str(args.workers),
        "PORT": str(port),
        "PYTHONUNBUFFERED": "1",
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
    }
    os.environ.update(values)
    return {"url": f"http://127.0.0.1:{port}", "prefix": prefix}


def build(args):
    """The demo site, the meeting and its people, each with a session; returns the meeting
    and one session key per person."""
    from datetime import timedelta

    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    from cms.models import User
    from demo import gmina as demo
    from events.models import EventIndexPage, WorkshopPage, WorkshopTable

    started = time.perf_counter()
    logging.getLogger("wagtail").setLevel(logging.WARNING)  # not every page it publishes
    demo.build(discussion=False)
    now = timezone.now()
    workshop = WorkshopPage(
        title="Spotkanie stolikowe – wyścig zapisów",
        slug="wyscig-zapisow",
        starts_at=now + timedelta(days=10),
        ends_at=now + timedelta(days=10, hours=3),
        venue_address="Centrum Aktywności Lokalnej „Przystań”, ul. Przewozowa 12, Nadrzecze",
        registration_opens_at=now - timedelta(days=1),
        registration_closes_at=now + timedelta(days=4),
        tables=[
            WorkshopTable(
                sort_order=number,
                name=f"Stolik {number + 1}",
                capacity=args.seats,
                city_moderator_name="Joanna Michalak",
                city_moderator_affiliation="Wydział Kultury",
                ngo_moderator_name="Łukasz Sobczak",
                ngo_moderator_affiliation="Fundacja „Nadrzeczańska Scena”",
            )
            for number in range(args.tables)
        ],
    )
    EventIndexPage.objects.get().add_child(instance=workshop)
    workshop.save_revision().publish()

    people_count = args.attempts - args.attempts // SECOND_TRIES
    password = make_password("Wyscig-zapisow-2026")  # one known hash: no hashing per person
    people = User.objects.bulk_create(
        User(
            email=f"uczestnik{n}@example.org",
            first_name="Uczestnik",
            last_name=str(n),
            password=password,
        )
        for n in range(people_count)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=person, email=person.email, primary=True, verified=True)
        for person in people
    )
    # Logged in: the session the log-in form would store, written directly (posting the
    # log-in form N times would measure password hashing, not registration).
    store = SessionStore()
    sessions = []
    for person in people:
        data = {
            SESSION_KEY: str(person.pk),
            BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[-1],
            HASH_SESSION_KEY: person.get_session_auth_hash(),
        }
        sessions.append(
            Session(
                session_key=get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789"),
                session_data=store.encode(data),
                expire_date=now + timedelta(hours=2),
            )
        )
    Session.objects.bulk_create(sessions)
    log(
        f"built: {args.tables} tables × {args.seats} seats, {people_count} people "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return workshop, [session.session_key for session in sessions]


def start_server(tmp: Path):
    log_path = tmp / "server.log"
    log_file = log_path.open("w")
    server = subprocess.Popen(  # noqa: S603 - our own script, fixed arguments
        [str(ROOT / "bin" / "serve-production")],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=log_file,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: stopped as a whole
    )
    return server, log_file, log_path


def wait_until_up(args, server, log_path: Path, url: str) -> None:
    """Until every uvicorn worker has started and the health check answers."""
    import requests

    began = time.monotonic()
    deadline = began + 300
    while True:
        if server.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"bin/serve-production did not come up:\n{log_path.read_text()}")
        started = set(re.findall(r"Started server process \[(\d+)\]", log_path.read_text()))
        if len(started) >= args.workers:
            try:
                if requests.get(url + "/healthz", timeout=10).status_code == 200:
                    break
            except requests.RequestException:
                pass
        time.sleep(0.3)
    took = time.monotonic() - began
    log(f"server up in {took:.1f} s: {args.workers} uvicorn workers at {url}")


def stop_server(server, log_file) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
    log_file.close()


def race(args, url: str, page_url: str, table_ids: list[int], session_keys: list[str]):
    """Every person fetches the page (CSRF token), then all post at once. Returns the
    latencies of the posts in ms, their statuses and the wall time of the posting."""
    import requests
    from django.conf import settings

    local = threading.local()

    def client():
        if not hasattr(local, "http"):
            local.http = requests.Session()  # one keep-alive connection per thread
        local.http.cookies.clear()  # cookies are per person, sent explicitly
        return local.http

    def open_page(session_key):
        cookies = {settings.SESSION_COOKIE_NAME: session_key}
        response = client().get(url + page_url, cookies=cookies, timeout=60)
        response.raise_for_status()
        cookies[settings.CSRF_COOKIE_NAME] = response.cookies[settings.CSRF_COOKIE_NAME]
        return cookies, TOKEN.search(response.text).group(1)

    rng = random.Random(args.seed)
    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        started = time.perf_counter()
        people = list(pool.map(open_page, session_keys))
        log(f"{len(people)} people opened the page in {time.perf_counter() - started:.1f} s")
        attempts = [(person, rng.choice(table_ids)) for person in people]
        for person, table in rng.sample(attempts, args.attempts - len(attempts)):
            attempts.append((person, rng.choice([t for t in table_ids if t != table] or [table])))
        rng.shuffle(attempts)

        def register(attempt):
            (cookies, token), table = attempt
            began = time.perf_counter()
            response = client().post(
                url + page_url + "zapisz/",
                data={"csrfmiddlewaretoken": token, "table": table, "waitlist": "on"},
                cookies=cookies,
                headers={"Referer": url + page_url},
                allow_redirects=False,
                timeout=120,
            )
            elapsed = (time.perf_counter() - began) * 1000
            if response.status_code == 400 and "Masz już zgłoszenie" not in response.text:
                log(f"unexpected refusal: {TOKEN.sub('', response.text)[:300]}")
            return elapsed, response.status_code

        started = time.perf_counter()
        results = list(pool.map(register, attempts))
        wall = time.perf_counter() - started
    return [ms for ms, _ in results], Counter(status for _, status in results), wall


def count(workshop) -> dict:
    from django.db import connections
    from django.db.models import Count, F, Q

    from events.models import Registration, RegistrationStatus

    connections.close_all()  # a fresh connection: everything the server committed
    active = Registration.objects.active().filter(workshop=workshop)
    tables = workshop.tables.annotate(
        taken=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED))
    )
    return {
        "confirmed": active.filter(status=RegistrationStatus.CONFIRMED).count(),
        "waitlisted": active.filter(status=RegistrationStatus.WAITING).count(),
        "overbooked_tables": tables.filter(taken__gt=F("capacity")).count(),
        "duplicate_people": active.values("user")
        .annotate(registrations=Count("pk"))
        .filter(registrations__gt=1)
        .count(),
    }


def forget_redis(prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    keys = list(client.scan_iter(f"{prefix}*"))
    if keys:
        client.delete(*keys)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=400)
    parser.add_argument("--tables", type=int, default=8)
    parser.add_argument("--seats", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers (at least 2)")
    parser.add_argument("--concurrency", type=int, default=50, help="requests in flight")
    parser.add_argument("--seed", type=int, default=2027, help="random seed of the tables")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit(
            "bench/registration_race.py needs PostgreSQL: set DATABASE_URL=postgres://… "
            "(SQLite runs one write transaction at a time, so there is no race to measure)."
        )
    if not os.environ.get("REDIS_URL"):
        sys.exit(
            "bench/registration_race.py needs REDIS_URL: the production stack runs with Redis."
        )
    if args.workers < 2 or args.attempts < 2 or args.tables < 1 or args.seats < 1:
        sys.exit("Use at least 2 workers, 2 attempts, 1 table and 1 seat.")

    # SIGTERM (e.g. a CI timeout) unwinds like Ctrl+C, through every clean-up below.
    def stop(*_):
        log("SIGTERM: stopping the server and dropping the database")
        sys.exit(143)

    signal.signal(signal.SIGTERM, stop)

    tmp = Path(tempfile.mkdtemp(prefix="bench-race-"))
    site = environment(args, tmp)
    try:
        started = time.perf_counter()
        with throwaway_site():
            log(f"database migrated in {time.perf_counter() - started:.1f} s")
            workshop, session_keys = build(args)
            table_ids = list(workshop.tables.values_list("pk", flat=True))
            server, log_file, log_path = start_server(tmp)
            try:
                wait_until_up(args, server, log_path, site["url"])
                latencies, statuses, wall = race(
                    args, site["url"], workshop.url, table_ids, session_keys
                )
            except Exception:
                log(f"server log:\n{log_path.read_text()[-5000:]}")
                raise
            finally:
                stop_server(server, log_file)
            log(
                f"answers: {dict(sorted(statuses.items()))}; posting took {wall:.2f} s; "
                f"latency median {statistics.median(latencies):.0f} ms, "
                f"max {max(latencies):.0f} ms"
            )
            figures = count(workshop)
            second_tries = args.attempts - len(session_keys)
            print(
                json.dumps(
                    {
                        "attempts": args.attempts,
                        **figures,
                        "per_s": round(args.attempts / wall, 1),
                        "p95_ms": round(statistics.quantiles(latencies, n=100)[94], 1),
                        "failed": args.attempts - statuses[302] - min(statuses[400], second_tries),
                    }
                ),
                flush=True,
            )
    finally:
        forget_redis(site["prefix"])
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
