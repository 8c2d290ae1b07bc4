"""Benchmark: one comment, 1 000 open pages — the live feed's fan-out across the workers.

    .venv/bin/python bench/live_fanout.py [--clients 1000] [--comments 1] [--workers N] [--url URL]

Opens --clients WebSocket connections to the demo consultation's live feed
(`/ws/konsultacje/<page_id>/`), which the kernel spreads over the uvicorn workers; logs a
demo resident in through the login form and posts a comment through the page's own form
(`<page>dyskusja/dodaj/`, security hash and all); then waits until every client has the
message about that comment. The latency of a client is the time from the moment the POST's
response arrived to the moment that client received the message. With --comments K the
comment is posted K times, one after another, and all K x clients latencies are pooled.

Without --url, starts `bin/serve-production` (what `make prod` runs) with --workers uvicorn
workers (default: the number of cores) against a throw-away PostgreSQL database with the
demo in it and Redis, and stops and drops it all at the end (see bench/stack.py). With
--url, uses an already running `make prod` with the demo in it and leaves it alone.

Prints one JSON line: {"clients", "delivered", "p50_ms", "p95_ms", "p99_ms", ...details};
`per_worker` is how many of the connections each server process holds (read from /proc;
empty when the server is not on this machine). Progress goes to stderr. Exits 1 when a
client could not connect or a message was not delivered (or, with --check, when p95 is
over the target). Target (issue 8): all delivered, p95 under 250 ms on this machine.

The clients run in this process on the same machine as the server, so their own work (1 000
frames to read) is part of the figures.
"""

import argparse
import asyncio
import json
import os
import re
import resource
import statistics
import sys
import time
from contextlib import suppress
from itertools import cycle

from stack import (
    DEMO_CONSULTATION,
    BenchError,
    established_per_process,
    log,
    production_stack,
)
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

TARGET_P95_MS = 250
# Demo residents (demo/people.py); the comments are spread over them, as each may post only
# RATE_LIMIT comments in 10 minutes (settings.COMMENT_RATE_LIMIT).
POSTERS = ["ewa.nowicka@example.org", "jan.wroblewski@example.org"]
RATE_LIMIT = 5
CONNECTING_AT_ONCE = 50


def raise_file_limit(needed: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft >= needed:
        return
    if hard != resource.RLIM_INFINITY and hard < needed:
        raise BenchError(f"{needed} open files needed, the hard limit is {hard} (ulimit -Hn)")
    resource.setrlimit(resource.RLIMIT_NOFILE, (needed, hard))


def form_fields(html: str, form_id: str) -> list[tuple[str, str]]:
    """The fields of a rendered form as a browser would send them untouched."""
    from bs4 import BeautifulSoup

    form = BeautifulSoup(html, "html.parser").find("form", id=form_id)
    if form is None:
        raise BenchError(f'the page has no form id="{form_id}"')
    fields = []
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "textarea":
            fields.append((name, field.get_text()))
        elif field.name == "select":
            chosen = field.find_all("option", selected=True) or field.find_all("option")[:1]
            fields += [(name, option.get("value", option.get_text())) for option in chosen]
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                fields.append((name, field.get("value", "on")))
        elif field.get("type") not in ("submit", "button", "image", "file"):
            fields.append((name, field.get("value", "")))
    return fields


def logged_in(base: str, email: str, password: str):
    import requests

    session = requests.Session()
    login = session.get(base + "/konto/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text)
    if login.status_code != 200 or token is None:
        raise BenchError(f"the login page answered {login.status_code} without a form")
    response = session.post(
        base + "/konto/login/",
        data={"csrfmiddlewaretoken": token.group(1), "login": email, "password": password},
        headers={"Referer": base + "/konto/login/"},
        timeout=30,
        allow_redirects=False,
    )
    if response.status_code != 302:
        raise BenchError(f"logging in as {email} failed ({response.status_code})")
    return session


def post_comment(session, page_url: str, text: str) -> tuple[int, float, float]:
    """Posts through the page's form; (comment id, seconds the POST took, when it returned)."""
    page = session.get(page_url, timeout=30)
    fields = [
        (name, text if name == "comment" else value)
        for name, value in form_fields(page.text, "comment-form")
    ]
    started = time.perf_counter()
    response = session.post(
        page_url + "dyskusja/dodaj/",
        data=fields,
        headers={"Referer": page_url},
        timeout=30,
        allow_redirects=False,
    )
    returned = time.perf_counter()
    posted = re.search(r"#k-(\d+)$", response.headers.get("Location", ""))
    if response.status_code != 302 or posted is None:
        alert = re.search(r'role="alert"[^>]*>(.*?)</', response.text, re.S)
        reason = alert.group(1).strip() if alert else response.text[:300]
        raise BenchError(f"posting the comment failed ({response.status_code}): {reason}")
    return int(posted.group(1)), returned - started, returned


class Reader:
    """One open page: the arrival time of every message its feed sends."""

    def __init__(self):
        self.received: list[tuple[float, str]] = []  # parsed later, off the clock
        self.first_seen: dict[int, float] = {}  # comment id -> first message about it
        self.parsed = 0
        self.closed: str | None = None

    async def listen(self, websocket):
        try:
            async for message in websocket:
                self.received.append((time.perf_counter(), message))
        except ConnectionClosed as error:
            self.closed = str(error)

    def arrival(self, comment_id: int) -> float | None:
        while self.parsed < len(self.received):
            moment, message = self.received[self.parsed]
            self.parsed += 1
            with suppress(ValueError, AttributeError):
                self.first_seen.setdefault(json.loads(message).get("id"), moment)
        return self.first_seen.get(comment_id)


def percentile(values: list[float], share: int) -> float | None:
    if len(values) < 2:
        return round(values[0], 1) if values else None
    return round(statistics.quantiles(values, n=100, method="inclusive")[share - 1], 1)


async def fan_out(stack, args, password: str) -> dict:
    import requests

    page_url = stack.url + DEMO_CONSULTATION
    html = await asyncio.to_thread(lambda: requests.get(page_url, timeout=30).text)
    found = re.search(r'data-discussion="(\d+)"', html)
    if found is None:
        raise BenchError(f"{page_url} shows no live discussion (data-discussion)")
    feed = f"{stack.ws_url}/ws/konsultacje/{found.group(1)}/"

    log(f"connecting {args.clients} clients to {feed}")
    limit = asyncio.Semaphore(CONNECTING_AT_ONCE)
    readers = [Reader() for _ in range(args.clients)]
    sockets, listeners, failures = [], [], []

    async def open_one(reader):
        async with limit:
            try:
                websocket = await connect(feed, origin=stack.url, open_timeout=60)
            except Exception as error:  # noqa: BLE001 - reported below, whatever it is
                failures.append(f"{type(error).__name__}: {error}")
                return
        sockets.append(websocket)
        listeners.append(asyncio.create_task(reader.listen(websocket)))

    started = time.perf_counter()
    try:
        await asyncio.gather(*(open_one(reader) for reader in readers))
        if failures:
            raise BenchError(
                f"{len(failures)} of {args.clients} clients could not connect; first: {failures[0]}"
            )
        connect_s = time.perf_counter() - started
        per_worker = sorted(established_per_process(stack.port).values(), reverse=True)
        log(f"connected in {connect_s:.1f} s; connections per server process: {per_worker}")

        posters = cycle(POSTERS)
        sessions = {}
        deliveries = []  # ms from the POST's response to the message, per client and comment
        since_sent = []  # ms from the moment the POST was sent, the same
        early = 0
        missing = 0
        post_ms = []
        for number in range(args.comments):
            email = next(posters)
            if email not in sessions:
                sessions[email] = await asyncio.to_thread(logged_in, stack.url, email, password)
            text = f"Pomiar rozsyłania na żywo nr {number + 1} ({time.strftime('%H:%M:%S')})."
            comment_id, took, returned = await asyncio.to_thread(  # off the event loop
                post_comment, sessions[email], page_url, text
            )
            post_ms.append(took * 1000)

            deadline = time.perf_counter() + args.timeout
            waiting = readers
            while waiting and time.perf_counter() < deadline:
                await asyncio.sleep(0.05)
                waiting = [reader for reader in waiting if reader.arrival(comment_id) is None]
            missing += len(waiting)
            for reader in readers:
                moment = reader.arrival(comment_id)
                if moment is None:
                    continue
                # The server sends the message as soon as the comment is committed, before
                # the response has left: a client can have it before the POST returns.
                # Those count as 0 ms (and are counted in "early").
                if moment < returned:
                    early += 1
                deliveries.append(max(moment - returned, 0.0) * 1000)
                since_sent.append((moment - returned + took) * 1000)
            if waiting:
                closed = next((reader.closed for reader in waiting if reader.closed), None)
                log(f"{len(waiting)} clients lack comment {comment_id}; a closed one: {closed}")
            log(
                f"comment {comment_id}: {args.clients - len(waiting)} of {args.clients} clients "
                f"within {args.timeout} s; POST took {took * 1000:.0f} ms"
            )
            if number + 1 < args.comments:
                await asyncio.sleep(args.pause)
    finally:
        # As many at a time as when connecting: the readers leave, not all in one instant.
        async def close(websocket):
            async with limit:
                await websocket.close()

        await asyncio.gather(*(close(websocket) for websocket in sockets), return_exceptions=True)

    return {
        "clients": args.clients,
        "delivered": len(deliveries),
        "p50_ms": percentile(deliveries, 50),
        "p95_ms": percentile(deliveries, 95),
        "p99_ms": percentile(deliveries, 99),
        "max_ms": round(max(deliveries), 1) if deliveries else None,
        "comments": args.comments,
        "expected": args.clients * args.comments,
        "missing": missing,
        "early": early,
        "post_ms": [round(value) for value in post_ms],
        "since_post_sent": {
            f"p{share}_ms": percentile(since_sent, share) for share in (50, 95, 99)
        },
        "connect_s": round(connect_s, 1),
        "workers": args.workers if not args.url else None,
        "per_worker": per_worker,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=1000, help="open WebSocket connections")
    parser.add_argument("--comments", type=int, default=1, help="comments posted, one by one")
    parser.add_argument("--pause", type=float, default=1, help="seconds between comments")
    parser.add_argument(
        "--timeout", type=float, default=30, help="seconds to wait for every client's message"
    )
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 2, help="uvicorn workers to start"
    )
    parser.add_argument("--url", help="an already running `make prod`, e.g. http://127.0.0.1:8000")
    parser.add_argument("--password", help="the demo accounts' password (default: demo/people.py)")
    parser.add_argument("--check", action="store_true", help="exit 1 when p95 misses the target")
    args = parser.parse_args()
    if args.comments > RATE_LIMIT * len(POSTERS):
        parser.error(f"at most {RATE_LIMIT * len(POSTERS)} comments in 10 minutes (rate limit)")
    password = args.password or demo_password()
    try:
        raise_file_limit(args.clients + 256)
        with production_stack(url=args.url, workers=args.workers) as stack:
            figures = asyncio.run(fan_out(stack, args, password))
    except BenchError as error:
        log(f"live_fanout: {error}")
        return 1
    print(json.dumps(figures), flush=True)
    if figures["missing"]:
        log(f"live_fanout: {figures['missing']} messages never arrived")
        return 1
    if args.check and figures["p95_ms"] > TARGET_P95_MS:
        log(f"live_fanout: p95 {figures['p95_ms']} ms is over the target {TARGET_P95_MS} ms")
        return 1
    return 0


def demo_password() -> str:
    """DEMO_PASSWORD from demo/people.py, read without setting Django up."""
    from stack import ROOT

    people = (ROOT / "demo" / "people.py").read_text()
    found = re.search(r'^DEMO_PASSWORD = "([^"]+)"', people, re.M)
    if found is None:
        raise SystemExit("live_fanout: DEMO_PASSWORD not found in demo/people.py; pass --password")
    return found.group(1)


if __name__ == "__main__":
    sys.exit(main())
