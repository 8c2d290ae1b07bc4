"""Resilience checks of the production stack (issue 8): each breaks one piece on purpose and
checks what the site promises meanwhile and afterwards.

    .venv/bin/python bench/resilience.py worker        # a uvicorn worker is SIGKILLed
    .venv/bin/python bench/resilience.py redis         # Redis stops and starts again
    .venv/bin/python bench/resilience.py database      # PostgreSQL becomes unreachable
    .venv/bin/python bench/resilience.py task-worker   # the e-mail worker is stopped, killed
    .venv/bin/python bench/resilience.py all           # the four, one after another

Each case starts its own `bin/serve-production` on a throw-away PostgreSQL database with the
demo (bench/stack.py), prints one JSON line of what it saw and exits 1 when a promise was
broken (the line's "broken" lists which), 2 when the stack could not be set up. Everything
it starts (the server, a private Redis, the database proxy, the database) is stopped and
dropped at the end, also on failure. Progress goes to stderr.

`worker`: 50 pages (--clients) hold the demo consultation's live feed open over 2 workers;
3 comments are posted, the worker holding most pages is SIGKILLed, 3 more are posted while
its pages reconnect, 3 after. Every page must end with all 9 comments, each once.

`redis`: the stack uses a private redis-server on a free port (never the shared one). While
it is down, the consultation page and the log-in page must answer 200 and a comment can be
posted; after it is back, every open page must get the next comment, and the one posted
meanwhile, without a reload.

`database`: the stack reaches PostgreSQL through a TCP proxy in this process. E-mails are
queued, then the proxy is cut (connections dropped, new ones refused) for 8 s: pages must
answer the Polish maintenance page with 503 and a comment POST must show its text back;
after the proxy is restored every queued e-mail must be delivered, none twice (counted in
the files of the file-based delivery backend).

`task-worker`: 400 e-mails are queued; the task worker is stopped with SIGTERM, then killed
with SIGKILL (up to three times, until a kill interrupts a delivery); bin/serve-production
starts it again each time. Every e-mail must be delivered exactly once.

The pages are simulated in Python the way cms/static/cms/live.js and
comments/static/comments/discussion.js behave: reconnect after 1 s, then 2, 4 ... 30 s; after a
reconnection fetch `<page>dyskusja/zmiany/?od=<last message - 5 s>` and each listed comment's
`<page>dyskusja/<id>/`; a comment already on the page is replaced, not added.
"""

import argparse
import asyncio
import email
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

from live_fanout import demo_password, form_fields, logged_in, raise_file_limit
from stack import (
    DEMO_CONSULTATION,
    BenchError,
    demo_template,
    established_per_process,
    free_port,
    log,
    production_stack,
)
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

# Demo accounts that may comment (demo/people.py); each may post 5 comments in 10 minutes.
POSTERS = [
    "ewa.nowicka@example.org",
    "jan.wroblewski@example.org",
    "moderator@nadrzecze.example",
    "koordynator@nadrzecze.example",
]
MAIL_SUBJECT = "Sprawdzenie odpornosci, wiadomosc nr"
# How long the server waits before taking over an unfinished e-mail delivery, and how often
# its periodic job looks (production: 600 s and 60 s); short here, so a case fits in minutes.
FAST_RECOVERY = {"EMAIL_DELIVERY_TIMEOUT": "10", "PERIODIC_SECONDS": "3"}


# --- A page with the live discussion, as the browser runs it --------------------------------


def now_iso() -> str:
    """`new Date().toISOString()`."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class LivePage:
    """One open consultation page: live.js's socket and discussion.js's handling of it."""

    def __init__(self, feed: str, origin: str, base: str, shown: list[int]):
        self.feed, self.origin, self.base = feed, origin, base
        self.shown = list(shown)  # comment ids in the page's DOM, in insertion order
        self.last_seen = now_iso()  # discussion.js: `lastSeen`, from the page's load
        self.state = "off"
        self.opened = 0  # sockets opened
        self.closed = 0  # sockets that closed under the page
        self.catch_ups = 0
        self.live: Counter[int] = Counter()  # comment id -> live messages about it
        self.caught_up: set[int] = set()  # ids placed by a catch-up
        self.catch_up_tasks: set[asyncio.Task] = set()
        self.stopped = False
        self.socket = None

    async def run(self):
        delay = 1.0  # live.js: `delay`, in seconds here
        while not self.stopped:
            try:
                self.socket = await connect(
                    self.feed, origin=self.origin, open_timeout=10, close_timeout=1
                )
            except Exception:  # noqa: BLE001 - any failed attempt: onclose, try again
                self.state = "off"
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30)
                continue
            # onopen: a connection after a lost one (or a failed first try) catches up.
            self.opened += 1
            if delay > 1:
                self._start(self.catch_up())
            delay = 1.0
            self.state = "on"
            try:
                async for data in self.socket:
                    self.on_message(json.loads(data))
            except ConnectionClosed:
                pass
            if self.stopped:
                return
            # onclose
            self.closed += 1
            self.state = "off"
            await asyncio.sleep(delay)
            delay = min(delay * 2, 30)

    def _start(self, coroutine):
        task = asyncio.create_task(coroutine)
        self.catch_up_tasks.add(task)
        task.add_done_callback(self.catch_up_tasks.discard)

    def on_message(self, message: dict):
        # discussion.js: lastSeen = 5 s before this message arrived.
        self.last_seen = (
            (datetime.now(UTC) - timedelta(seconds=5))
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z")
        )
        if message.get("id") is not None:
            self.live[message["id"]] += 1
        self.handle(message)

    def handle(self, message: dict) -> str | None:
        if not message.get("public") or not message.get("html"):
            return None
        if message["id"] in self.shown:  # document.getElementById("k-" + id): replaced
            return "changed"
        if message.get("parent") and message["parent"] not in self.shown:
            return None  # the reply's parent is not on the page: discussion.js drops it
        self.shown.append(message["id"])
        return "new"

    async def catch_up(self):
        import requests

        self.catch_ups += 1
        since = quote(self.last_seen, safe="")
        accept = {"Accept": "application/json"}

        def get(url):
            response = requests.get(url, headers=accept, timeout=30)
            return response.json() if response.ok else None

        try:
            changes = await asyncio.to_thread(get, f"{self.base}dyskusja/zmiany/?od={since}")
            ids = (changes or {}).get("ids", [])
            comments = await asyncio.gather(
                *(asyncio.to_thread(get, f"{self.base}dyskusja/{id_}/") for id_ in ids)
            )
        except requests.RequestException:
            return  # the fetch failed: discussion.js does not retry either
        for comment in comments:
            if comment and self.handle({**comment, "public": True}) == "new":
                self.caught_up.add(comment["id"])

    async def stop(self):
        self.stopped = True
        if self.socket is not None:
            with suppress(Exception):
                await self.socket.close()


class OpenPages:
    """N pages of the demo consultation, opened at the same moment."""

    def __init__(self, stack, clients: int):
        import requests

        self.stack = stack
        self.page_url = stack.url + DEMO_CONSULTATION
        html = requests.get(self.page_url, timeout=30).text
        found = re.search(r'data-discussion="(\d+)"', html)
        base = re.search(r'data-base="([^"]+)"', html)
        if found is None or base is None:
            raise BenchError(f"{self.page_url} shows no live discussion (data-discussion)")
        feed = f"{stack.ws_url}/ws/konsultacje/{found.group(1)}/"
        shown = [int(id_) for id_ in re.findall(r'id="k-(\d+)"', html)]
        self.pages = [
            LivePage(feed, stack.url, stack.url + base.group(1), shown) for _ in range(clients)
        ]
        self.tasks = []

    async def open(self, timeout: float = 60):
        log(f"opening {len(self.pages)} pages with the live feed")
        self.tasks = [asyncio.create_task(page.run()) for page in self.pages]
        await self.until(lambda: all(page.state == "on" for page in self.pages), timeout)

    async def until(self, condition, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return True
            await asyncio.sleep(0.1)
        return condition()

    def on(self) -> int:
        return sum(page.state == "on" for page in self.pages)

    def lacking(self, ids) -> list[tuple[int, int]]:
        """(page number, comment id) for every comment a page does not show."""
        return [
            (number, id_)
            for number, page in enumerate(self.pages)
            for id_ in ids
            if id_ not in page.shown
        ]

    def shown_twice(self) -> int:
        return sum(len(page.shown) - len(set(page.shown)) for page in self.pages)

    async def close(self):
        for page in self.pages:
            await page.stop()
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)


class Commenter:
    """Demo residents posting through the page's form, a fresh connection per request (a
    keep-alive connection to a killed worker would fail the next request)."""

    def __init__(self, stack, password: str):
        self.stack = stack
        self.password = password
        self.sessions = {}
        self.posted = 0

    def session(self, email_address: str):
        if email_address not in self.sessions:
            session = logged_in(self.stack.url, email_address, self.password)
            session.headers["Connection"] = "close"
            self.sessions[email_address] = session
        return self.sessions[email_address]

    def fields(self, email_address: str, text: str) -> list[tuple[str, str]]:
        page = self.session(email_address).get(self.stack.url + DEMO_CONSULTATION, timeout=30)
        return [
            (name, text if name == "comment" else value)
            for name, value in form_fields(page.text, "comment-form")
        ]

    def submit(self, email_address: str, fields):
        page_url = self.stack.url + DEMO_CONSULTATION
        return self.session(email_address).post(
            page_url + "dyskusja/dodaj/",
            data=fields,
            headers={"Referer": page_url},
            timeout=30,
            allow_redirects=False,
        )

    def post(self, text: str) -> int:
        email_address = POSTERS[self.posted % len(POSTERS)]
        self.posted += 1
        response = self.submit(email_address, self.fields(email_address, text))
        posted = re.search(r"#k-(\d+)$", response.headers.get("Location", ""))
        if response.status_code != 302 or posted is None:
            raise BenchError(f"posting a comment failed ({response.status_code})")
        return int(posted.group(1))

    async def post_async(self, text: str) -> int:
        return await asyncio.to_thread(self.post, text)


# --- Pieces to break ----------------------------------------------------------------------------


class PrivateRedis:
    """A redis-server of our own on a free port, without persistence (a restart loses
    everything, as a crashed or freshly provisioned Redis would)."""

    def __init__(self, folder: Path):
        self.port = free_port()
        self.folder = folder
        self.process = None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        import redis

        server = shutil.which("redis-server")
        if server is None:
            raise BenchError("redis-server is not installed (apt-get install redis-server)")
        self.process = subprocess.Popen(  # noqa: S603 - a fixed command line
            [server, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            with suppress(redis.RedisError):
                if redis.Redis.from_url(self.url, socket_connect_timeout=1).ping():
                    return
            if time.monotonic() > deadline:
                raise BenchError(f"the private redis-server on port {self.port} did not start")
            time.sleep(0.1)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


class DatabaseProxy:
    """A TCP proxy to PostgreSQL, in a thread of this process, that can be cut (every
    connection dropped, new ones refused) and restored."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.port = free_port()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.server = None
        self.transports = set()
        self.connections = 0

    def _call(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=10)

    def start(self):
        self.thread.start()
        self._call(self._listen())

    def cut(self):
        self._call(self._cut())

    def restore(self):
        self._call(self._listen())

    def stop(self):
        with suppress(Exception):
            self._call(self._cut())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)

    async def _listen(self):
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)

    async def _cut(self):
        if self.server is not None:
            self.server.close()
            self.server = None
        for transport in list(self.transports):
            transport.abort()
        self.transports.clear()

    async def _serve(self, client_reader, client_writer):
        try:
            server_reader, server_writer = await asyncio.open_connection(*self.target)
        except OSError:
            client_writer.transport.abort()
            return
        self.connections += 1
        pair = {client_writer.transport, server_writer.transport}
        self.transports |= pair

        async def pipe(reader, writer):
            with suppress(OSError, asyncio.IncompleteReadError):
                while data := await reader.read(65536):
                    writer.write(data)
                    await writer.drain()
            writer.transport.abort()

        await asyncio.gather(
            pipe(client_reader, server_writer),
            pipe(server_reader, client_writer),
            return_exceptions=True,
        )
        self.transports -= pair


# --- E-mail ---------------------------------------------------------------------------------


def queue_emails(stack, count: int, tag: str) -> None:
    """Sends `count` e-mails through the site's EMAIL_BACKEND (the task queue), as the site
    does: each becomes a `deliver_email` task for the task worker."""
    code = (
        "from django.core.mail import send_mail\n"
        f"for number in range({count}):\n"
        f"    send_mail('{MAIL_SUBJECT} {tag}-%04d' % number, 'Treść wiadomości testowej.',"
        " None, ['osoba%04d@example.org' % number])\n"
    )
    done = stack.manage("shell", "-c", code)
    if done.returncode:
        raise BenchError(f"queueing e-mails failed:\n{done.stderr[-2000:]}")


def delivered(mail_dir: Path, tag: str) -> tuple[Counter, Counter]:
    """(subject -> copies, subject -> distinct Message-IDs) of our e-mails among the files the
    file-based backend wrote (messages separated by a line of 79 dashes)."""
    copies, ids = Counter(), {}
    if not mail_dir or not mail_dir.is_dir():
        return copies, Counter()
    for path in mail_dir.iterdir():
        with suppress(OSError):
            for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                if not chunk.strip():
                    continue
                message = email.message_from_bytes(chunk)
                subject = str(message.get("Subject", ""))
                if f"{MAIL_SUBJECT} {tag}-" not in subject:
                    continue
                copies[subject] += 1
                ids.setdefault(subject, set()).add(message.get("Message-ID"))
    return copies, Counter({subject: len(found) for subject, found in ids.items()})


def queue_state(database_url: str) -> dict[str, int]:
    """deliver_email tasks by status, read directly from the database."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True, connect_timeout=5) as db:
        rows = db.execute(
            "SELECT status, count(*) FROM django_tasks_database_dbtaskresult"
            " WHERE task_path = 'cms.mail.deliver_email' GROUP BY status"
        ).fetchall()
    return dict(rows)


def mail_outcome(stack, count: int, tag: str, timeout: float) -> dict:
    """Waits until every e-mail is delivered and the queue is idle; what was delivered."""
    deadline = time.monotonic() + timeout
    while True:
        copies, _ids = delivered(stack.mail_dir, tag)
        state = queue_state(stack.database_url)
        idle = not state.get("READY") and not state.get("RUNNING")
        if (len(copies) >= count and idle) or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    time.sleep(1)  # a duplicate being written right now would still be counted
    copies, ids = delivered(stack.mail_dir, tag)
    return {
        "emails": count,
        "delivered": len(copies),
        "missing": count - len(copies),
        "duplicates": sum(copies.values()) - len(copies),
        "distinct_message_ids_per_email": max(ids.values(), default=0),
        "tasks": queue_state(stack.database_url),
    }


# --- The cases ----------------------------------------------------------------------------


async def worker_case(args, password: str) -> dict:
    broken = []
    with production_stack(url=None, workers=2, template=args.template) as stack:
        pages = OpenPages(stack, args.clients)
        commenter = Commenter(stack, password)
        try:
            await pages.open()
            if pages.on() < args.clients:
                raise BenchError(f"only {pages.on()} of {args.clients} pages connected")

            workers = stack.uvicorn_workers()
            held = established_per_process(stack.port)
            per_worker = {pid: held.get(pid, 0) for pid in workers}
            log(f"pages per worker: {per_worker}")
            posted = {"before": [], "during": [], "after": []}
            for number in range(3):
                posted["before"].append(await commenter.post_async(f"Przed awarią, nr {number}."))
            await pages.until(lambda: not pages.lacking(posted["before"]), 15)

            victim = max(per_worker, key=per_worker.get)
            # Forms ready beforehand, sent all at once right after the kill: the comments are
            # in while the killed worker's pages wait their 1 s before reconnecting.
            forms = [
                await asyncio.to_thread(commenter.fields, poster, f"W czasie awarii ({poster}).")
                for poster in POSTERS[1:4]
            ]
            log(f"SIGKILL to worker {victim}, which holds {per_worker[victim]} pages")
            os.kill(victim, signal.SIGKILL)
            killed_at = time.monotonic()
            responses = await asyncio.gather(
                *(
                    asyncio.to_thread(commenter.submit, poster, fields)
                    for poster, fields in zip(POSTERS[1:4], forms, strict=True)
                )
            )
            during_s = time.monotonic() - killed_at
            for response in responses:
                found = re.search(r"#k-(\d+)$", response.headers.get("Location", ""))
                if response.status_code != 302 or found is None:
                    raise BenchError(f"a comment posted after the kill: {response.status_code}")
                posted["during"].append(int(found.group(1)))

            await pages.until(lambda: pages.on() == args.clients, 30)
            reconnected_s = time.monotonic() - killed_at
            await pages.until(lambda: len(stack.uvicorn_workers()) >= 2, 20)
            replacement = sorted(set(stack.uvicorn_workers()) - set(workers))
            for number in range(3):
                posted["after"].append(await commenter.post_async(f"Po awarii, nr {number}."))
            everything = [id_ for ids in posted.values() for id_ in ids]
            await pages.until(lambda: not pages.lacking(everything), args.timeout)
            await asyncio.sleep(1)  # a late duplicate would still be seen

            lacking = pages.lacking(everything)
            twice = pages.shown_twice()
            dropped = [page for page in pages.pages if page.closed]
            if lacking:
                broken.append("comments_missing")
            if twice:
                broken.append("comments_shown_twice")
            if not dropped:
                broken.append("no_page_lost_its_worker")
            if pages.on() < args.clients:
                broken.append("pages_not_reconnected")
            return {
                "case": "worker_killed",
                "clients": args.clients,
                "per_worker": sorted(per_worker.values(), reverse=True),
                "killed_worker_pages": len(dropped),
                "comments": {phase: len(ids) for phase, ids in posted.items()},
                "posted_during_s": round(during_s, 2),
                "all_reconnected_s": round(reconnected_s, 1),
                "worker_restarted": bool(replacement),
                "on_killed_pages_by_catch_up": sum(len(page.caught_up) for page in dropped),
                "catch_ups": sum(page.catch_ups for page in pages.pages),
                "missing": len(lacking),
                "shown_twice": twice,
                "live_duplicates": sum(
                    count - 1 for page in pages.pages for count in page.live.values() if count > 1
                ),
                "broken": broken,
            }
        finally:
            await pages.close()


async def redis_case(args, password: str) -> dict:
    import requests

    broken = []
    folder = Path(tempfile.mkdtemp(prefix="konsultacje-redis-"))
    redis_server = PrivateRedis(folder)
    try:
        redis_server.start()
        with production_stack(
            url=None, workers=2, redis_url=redis_server.url, template=args.template
        ) as stack:
            pages = OpenPages(stack, args.clients)
            commenter = Commenter(stack, password)
            try:
                await pages.open()
                before = await commenter.post_async("Przed restartem Redisa.")
                if not await pages.until(lambda: not pages.lacking([before]), 15):
                    raise BenchError("the live feed did not work before Redis was stopped")
                # Logged in and holding a form before the outage, as a reader would be.
                fields = await asyncio.to_thread(
                    commenter.fields, POSTERS[1], "W czasie restartu Redisa."
                )

                log("stopping Redis")
                redis_server.stop()
                stopped_at = time.monotonic()

                def during():
                    seen = {}
                    for name, path in [
                        ("consultation_page", DEMO_CONSULTATION),
                        ("consultation_index", "/konsultacje/"),
                        ("login_page", "/konto/login/"),
                        ("health", "/health/"),
                    ]:
                        seen[name] = requests.get(stack.url + path, timeout=30).status_code
                    response = commenter.submit(POSTERS[1], fields)
                    seen["comment_post"] = response.status_code
                    found = re.search(r"#k-(\d+)$", response.headers.get("Location", ""))
                    return seen, int(found.group(1)) if found else None

                if args.down:
                    statuses, meanwhile = await asyncio.to_thread(during)
                    log(f"while Redis is down: {statuses}")
                    for name in ("consultation_page", "consultation_index", "login_page"):
                        if statuses[name] != 200:
                            broken.append(f"{name}_not_200_while_redis_down")
                    if meanwhile is None:
                        broken.append("comment_post_failed_while_redis_down")
                else:  # a restart at once (a supervisor bringing a crashed Redis back)
                    statuses, meanwhile = None, None
                await asyncio.sleep(max(0, args.down - (time.monotonic() - stopped_at)))

                log("starting Redis again")
                redis_server.start()
                restarted_at = time.monotonic()
                health_after = await asyncio.to_thread(
                    lambda: requests.get(stack.url + "/health/", timeout=30).status_code
                )
                await pages.until(lambda: pages.on() == args.clients, 40)
                await asyncio.sleep(1)
                after = await commenter.post_async("Po restarcie Redisa.")
                expected = [after] + ([meanwhile] if meanwhile else [])
                await pages.until(lambda: not pages.lacking(expected), args.timeout)
                resumed_s = time.monotonic() - restarted_at
                lacking_after = pages.lacking([after])
                lacking_meanwhile = pages.lacking([meanwhile]) if meanwhile else []
                if lacking_after:
                    broken.append("live_updates_not_resumed")
                if lacking_meanwhile:
                    broken.append("comment_posted_during_outage_missing")
                if pages.shown_twice():
                    broken.append("comments_shown_twice")
                return {
                    "case": "redis_restart",
                    "clients": args.clients,
                    "down_s": round(restarted_at - stopped_at, 1),
                    "while_down": statuses,
                    "health_after": health_after,
                    "reconnected_pages": sum(1 for page in pages.pages if page.closed),
                    "after_restart_live": sum(1 for page in pages.pages if page.live[after]),
                    "after_restart_missing": len(lacking_after),
                    "meanwhile_missing": len(lacking_meanwhile),
                    "shown_twice": pages.shown_twice(),
                    "resumed_within_s": round(resumed_s, 1),
                    "broken": broken,
                }
            finally:
                await pages.close()
    finally:
        redis_server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def database_case(args, password: str) -> dict:
    import requests

    broken = []
    tag = secrets.token_hex(3)
    proxy = DatabaseProxy(("127.0.0.1", 5432))
    proxy.start()
    try:
        with production_stack(
            url=None,
            workers=2,
            database_address=("127.0.0.1", proxy.port),
            # Longer than the cut: a delivery the cut interrupts is finished by its worker
            # when the database is back, not taken over by another run meanwhile.
            extra_env={**FAST_RECOVERY, "EMAIL_DELIVERY_TIMEOUT": "30"},
            template=args.template,
        ) as stack:
            commenter = Commenter(stack, password)
            text = f"Uwaga wpisana w czasie awarii bazy danych {tag}."
            fields = commenter.fields(POSTERS[0], text)
            reader = commenter.session(POSTERS[1])

            log(f"queueing {args.emails} e-mails, then cutting the database off")
            queue_emails(stack, args.emails, tag)
            proxy.cut()
            cut_at = time.monotonic()
            time.sleep(0.3)  # what was in flight fails now
            at_cut = queue_state(stack.database_url)
            sent_at_cut = len(delivered(stack.mail_dir, tag)[0])

            def read(session, path):
                response = session.get(stack.url + path, timeout=30)
                return {
                    "status": response.status_code,
                    "polish_maintenance_page": '<html lang="pl">' in response.text
                    and "Serwis jest chwilowo niedostępny" in response.text,
                    "retry_after": response.headers.get("Retry-After"),
                    "traceback": "Traceback" in response.text,
                }

            # At once, as readers would: each waits for the database up to its timeout.
            requests_at_once = {
                "anonymous_directory": (requests, "/organizacje/"),
                "anonymous_consultation": (requests, DEMO_CONSULTATION),
                "logged_in_consultation": (reader, DEMO_CONSULTATION),
                "health": (requests, "/health/"),
            }
            with ThreadPoolExecutor(len(requests_at_once) + 1) as pool:
                answers = {
                    name: pool.submit(read, *request) for name, request in requests_at_once.items()
                }
                post = pool.submit(commenter.submit, POSTERS[0], fields)
                seen = {name: answer.result() for name, answer in answers.items()}
                posted = post.result()
            seen["comment_post"] = {
                "status": posted.status_code,
                "text_kept": text in posted.text,
                "polish_maintenance_page": "Serwis jest chwilowo niedostępny" in posted.text,
            }
            log(f"while the database is cut: {seen}")
            for name in ("anonymous_directory", "logged_in_consultation"):
                if seen[name]["status"] != 503 or not seen[name]["polish_maintenance_page"]:
                    broken.append(f"{name}_not_polish_503")
            if seen["anonymous_consultation"]["status"] not in (200, 503):
                broken.append("anonymous_consultation_neither_cached_nor_503")
            if any(found["traceback"] for found in seen.values() if "traceback" in found):
                broken.append("traceback_shown")
            if seen["comment_post"]["status"] != 503 or not seen["comment_post"]["text_kept"]:
                broken.append("comment_text_not_kept")
            if seen["health"]["status"] != 503:
                broken.append("health_not_503")

            time.sleep(max(0, args.cut - (time.monotonic() - cut_at)))
            log("restoring the database connection")
            proxy.restore()
            restored_at = time.monotonic()
            cut_s = restored_at - cut_at
            # Logged in: never a stored page, each request needs the database.
            first_after = reader.get(stack.url + DEMO_CONSULTATION, timeout=30).status_code
            back_s = None
            while time.monotonic() - restored_at < 60:
                if reader.get(stack.url + DEMO_CONSULTATION, timeout=30).status_code == 200:
                    back_s = round(time.monotonic() - restored_at, 1)
                    break
                time.sleep(0.5)
            if back_s is None:
                broken.append("site_not_back_within_60_s")
            mail = mail_outcome(stack, args.emails, tag, timeout=90)
            if mail["missing"]:
                broken.append("emails_lost")
            if mail["duplicates"]:
                broken.append("emails_sent_twice")
            return {
                "case": "database_unreachable",
                "cut_s": round(cut_s, 1),
                "while_cut": seen,
                "first_status_after": first_after,
                "site_back_s": back_s,
                "queued_at_cut": at_cut,
                "delivered_before_cut": sent_at_cut,
                **mail,
                "broken": broken,
            }
    finally:
        proxy.stop()


def task_worker_case(args, password: str) -> dict:
    broken = []
    tag = secrets.token_hex(3)
    with production_stack(
        url=None, workers=2, extra_env=FAST_RECOVERY, template=args.template
    ) as stack:
        (first,) = stack.task_workers() or [None]
        if first is None:
            raise BenchError("no task worker process found")
        log(f"queueing {args.emails} e-mails")
        queue_emails(stack, args.emails, tag)

        def sent() -> int:
            return len(delivered(stack.mail_dir, tag)[0])

        def wait_sent(at_least: int, timeout: float = 30):
            deadline = time.monotonic() + timeout
            while sent() < at_least and time.monotonic() < deadline:
                time.sleep(0.05)

        def replacement(old: int, timeout: float = 20) -> int | None:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                workers = [pid for pid in stack.task_workers() if pid != old]
                if workers:
                    return workers[0]
                time.sleep(0.1)
            return None

        events = []
        wait_sent(args.emails // 10)
        log(f"SIGTERM to task worker {first}")
        os.kill(first, signal.SIGTERM)
        stopped_at = time.monotonic()
        while first in stack.task_workers() and time.monotonic() - stopped_at < 30:
            time.sleep(0.05)
        events.append(
            {
                "signal": "SIGTERM",
                "stopped_within_s": round(time.monotonic() - stopped_at, 2),
                "sent_before": sent(),
            }
        )
        worker = replacement(first)
        if worker is None:
            broken.append("task_worker_not_restarted")
            raise_broken = True
        else:
            raise_broken = False
        kills = 0
        while worker is not None and kills < 3:
            wait_sent(sent() + args.emails // 10)
            os.kill(worker, signal.SIGKILL)
            kills += 1
            time.sleep(0.2)
            running = queue_state(stack.database_url).get("RUNNING", 0)
            events.append({"signal": "SIGKILL", "running_left": running, "sent_before": sent()})
            log(f"SIGKILL to task worker {worker}: {running} delivery left RUNNING")
            worker = replacement(worker)
            if worker is None:
                broken.append("task_worker_not_restarted")
                break
            if running:
                break  # the case that needs the recovery has happened
        mail = mail_outcome(stack, args.emails, tag, timeout=90)
        if mail["missing"]:
            broken.append("emails_lost")
        if mail["duplicates"]:
            broken.append("emails_sent_twice")
        if not raise_broken and not any(event.get("running_left") for event in events):
            log("no kill landed during a delivery: the recovery path was not exercised")
        return {
            "case": "task_worker_stopped",
            "signals": events,
            "interrupted_delivery": any(event.get("running_left") for event in events),
            **mail,
            "broken": broken,
        }


CASES = {
    "worker": lambda args, password: asyncio.run(worker_case(args, password)),
    "redis": lambda args, password: asyncio.run(redis_case(args, password)),
    "database": database_case,
    "task-worker": task_worker_case,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case", choices=[*CASES, "all"])
    parser.add_argument("--clients", type=int, default=None, help="open pages (worker: 50)")
    parser.add_argument("--emails", type=int, default=None, help="e-mails queued")
    parser.add_argument("--cut", type=float, default=8, help="seconds the database is cut off")
    parser.add_argument(
        "--down", type=float, default=6, help="seconds Redis is down (0: restarted at once)"
    )
    parser.add_argument("--timeout", type=float, default=30, help="seconds to wait for pages")
    parser.add_argument("--password", help="the demo accounts' password (default: demo/people.py)")
    args = parser.parse_args()
    password = args.password or demo_password()
    try:
        with demo_template() as template:
            return run_cases(args, password, template)
    except BenchError as error:
        log(f"resilience: {error}")
        return 2


def run_cases(args, password: str, template: str) -> int:
    """Each case on a stack of its own, all copies of one seeded database."""
    status = 0
    for name in CASES if args.case == "all" else [args.case]:
        case_args = argparse.Namespace(**vars(args), template=template)
        case_args.clients = args.clients or (50 if name == "worker" else 20)
        case_args.emails = args.emails or (400 if name == "task-worker" else 150)
        started = time.monotonic()
        try:
            raise_file_limit(case_args.clients + 256)
            outcome = CASES[name](case_args, password)
        except BenchError as error:
            log(f"resilience {name}: {error}")
            print(json.dumps({"case": name, "error": str(error)}), flush=True)
            status = max(status, 2)
            continue
        outcome["seconds"] = round(time.monotonic() - started, 1)
        print(json.dumps(outcome, ensure_ascii=False), flush=True)
        if outcome["broken"]:
            log(f"resilience {name}: broken promises: {', '.join(outcome['broken'])}")
            status = max(status, 1)
    return status


if __name__ == "__main__":
    sys.exit(main())
