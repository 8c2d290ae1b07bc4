"""Benchmark: anonymous readers of the demo consultation against the production stack.

    .venv/bin/python bench/http_load.py [--clients 20] [--seconds 10] [--workers N] [--url URL]

N concurrent anonymous clients (HTTP/1.1 keep-alive connections) fetch the demo consultation
page for T seconds; then, in the same run and from the same server, the same clients fetch
a collected static file of about the page's size (served by WhiteNoise) for T seconds. The
static file is the yardstick: what the same workers deliver when Django does no work.

Without --url, starts `bin/serve-production` (what `make prod` runs) with --workers uvicorn
workers (default: the number of cores) on a free port, against a throw-away PostgreSQL
database with the demo in it (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/)
and Redis (REDIS_URL, default redis://127.0.0.1:6379/0), and stops and drops it all at the
end. With --url, measures an already running `make prod` and leaves it alone.

Prints one JSON line: {"page_rps", "static_rps", "ratio", "p95_ms" (the page's), "errors",
...details}. Progress goes to stderr. Exits 1 when any request failed (or, with --check,
when a target is missed). Target (issue 8): ratio at least 0.3 with 0 errors.

The clients run in this process on the same machine as the server: on a small machine they
take CPU from the workers (`client_cpu` says how much of one core they used per phase).
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
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from stack import DEMO_CONSULTATION, BenchError, log, production_stack

TARGET_RATIO = 0.3


@dataclass
class Phase:
    latencies: list[float] = field(default_factory=list)  # seconds, successful requests
    errors: int = 0
    first_errors: list[str] = field(default_factory=list)
    bytes: int = 0

    def error(self, message: str) -> None:
        self.errors += 1
        if len(self.first_errors) < 5:
            self.first_errors.append(message)


class ResponseError(Exception):
    pass


async def read_response(reader: asyncio.StreamReader) -> tuple[int, int, bool]:
    """(status, body length, server closes) of one HTTP/1.1 response; the body is read."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        if line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    closes = headers.get("connection", "").lower() == "close"
    if "content-length" in headers:
        length = int(headers["content-length"])
        await reader.readexactly(length)
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        length = 0
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)  # the chunk and its CRLF
            length += size
            if size == 0:
                break
    else:
        length = len(await reader.read())
        closes = True
    return status, length, closes


async def client(host: str, port: int, request: bytes, deadline: float, phase: Phase, size: int):
    writer = None
    try:
        while time.perf_counter() < deadline:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            start = time.perf_counter()
            try:
                writer.write(request)
                status, length, closes = await read_response(reader)
            except (OSError, asyncio.IncompleteReadError, ValueError, IndexError) as error:
                phase.error(f"{type(error).__name__}: {error}")
                writer.close()
                writer = None
                continue
            # The page's size varies by a few bytes (its tokens); a short body is an error.
            if status != 200 or not size * 0.9 <= length <= size * 1.1:
                phase.error(f"HTTP {status}, {length} bytes (expected 200, about {size})")
            else:
                phase.latencies.append(time.perf_counter() - start)
                phase.bytes += length
            if closes:
                writer.close()
                writer = None
    finally:
        if writer is not None:
            writer.close()


async def run_phase(url: str, path: str, clients: int, seconds: float, size: int):
    parts = urlsplit(url)
    host, port = parts.hostname, parts.port or 80
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
        "User-Agent: konsultacje-bench\r\nAccept: */*\r\n\r\n"
    ).encode()
    phase = Phase()
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    deadline = start + seconds
    tasks = [
        asyncio.create_task(client(host, port, request, deadline, phase, size))
        for _ in range(clients)
    ]
    done, pending = await asyncio.wait(tasks, timeout=seconds + 30)
    for task in pending:  # a request hanging 30 s past the end
        task.cancel()
        phase.error("no response within 30 s")
    for task in done:
        if task.exception() is not None:
            error = task.exception()
            phase.error(f"client failed: {type(error).__name__}: {error}")
    elapsed = time.perf_counter() - start
    used = resource.getrusage(resource.RUSAGE_SELF)
    client_cpu = (used.ru_utime - cpu.ru_utime + used.ru_stime - cpu.ru_stime) / elapsed
    return phase, elapsed, client_cpu


def p95_ms(latencies: list[float]) -> float | None:
    if len(latencies) < 2:
        return None
    return round(statistics.quantiles(latencies, n=100)[94] * 1000, 1)


def pick_static(stack, page_html: str, page_size: int) -> tuple[str, int]:
    """The collected static file whose size is closest to the page's: from the manifest of
    the collected files when they are on this machine, else among the files the page uses."""
    import requests

    candidates: dict[str, int] = {}
    manifest = stack.static_root / "staticfiles.json" if stack.static_root else None
    if manifest and manifest.exists():
        for hashed in json.loads(manifest.read_text())["paths"].values():
            file = stack.static_root / hashed
            if file.is_file():
                candidates["/static/" + hashed] = file.stat().st_size
    else:
        for path in set(re.findall(r"""["'](/static/[^"'?#\s]+)""", page_html)):
            response = requests.get(stack.url + path, timeout=10)
            if response.status_code == 200:
                candidates[path] = len(response.content)
    if not candidates:
        raise BenchError("found no static file to compare the page with")
    path = min(candidates, key=lambda name: abs(candidates[name] - page_size))
    response = requests.get(stack.url + path, timeout=10, headers={"Accept-Encoding": "identity"})
    if response.status_code != 200:
        raise BenchError(f"the static file {path} answered {response.status_code}")
    return path, len(response.content)


def measure(stack, args) -> dict:
    import requests

    page_url = stack.url + DEMO_CONSULTATION
    response = requests.get(page_url, timeout=30, headers={"Accept-Encoding": "identity"})
    if response.status_code != 200:
        raise BenchError(f"the demo consultation {page_url} answered {response.status_code}")
    page_size = len(response.content)
    static_path, static_size = pick_static(stack, response.text, page_size)
    log(f"page {DEMO_CONSULTATION}: {page_size} B; static {static_path}: {static_size} B")

    async def phases():
        results = {}
        for name, path, size in (
            ("page", DEMO_CONSULTATION, page_size),
            ("static", static_path, static_size),
        ):
            log(f"{name}: warm-up {args.warmup} s")
            await run_phase(stack.url, path, args.clients, args.warmup, size)
            log(f"{name}: {args.clients} clients for {args.seconds} s")
            results[name] = await run_phase(stack.url, path, args.clients, args.seconds, size)
        return results

    results = asyncio.run(phases())
    (page, page_elapsed, page_cpu) = results["page"]
    (static, static_elapsed, static_cpu) = results["static"]
    for name, phase in (("page", page), ("static", static)):
        for message in phase.first_errors:
            log(f"{name} error: {message}")
    page_rps = len(page.latencies) / page_elapsed
    static_rps = len(static.latencies) / static_elapsed
    return {
        "page_rps": round(page_rps, 1),
        "static_rps": round(static_rps, 1),
        "ratio": round(page_rps / static_rps, 3) if static_rps else None,
        "p95_ms": p95_ms(page.latencies),
        "errors": page.errors + static.errors,
        "static_p95_ms": p95_ms(static.latencies),
        "clients": args.clients,
        "seconds": args.seconds,
        "workers": args.workers if not args.url else None,
        "page": DEMO_CONSULTATION,
        "page_bytes": page_size,
        "static": static_path,
        "static_bytes": static_size,
        "client_cpu": {"page": round(page_cpu, 2), "static": round(static_cpu, 2)},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20, help="concurrent connections")
    parser.add_argument("--seconds", type=float, default=10, help="length of each phase")
    parser.add_argument("--warmup", type=float, default=2, help="unmeasured seconds first")
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 2, help="uvicorn workers to start"
    )
    parser.add_argument("--url", help="an already running `make prod`, e.g. http://127.0.0.1:8000")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    try:
        with production_stack(url=args.url, workers=args.workers) as stack:
            figures = measure(stack, args)
    except BenchError as error:
        log(f"http_load: {error}")
        return 1
    print(json.dumps(figures), flush=True)
    if figures["errors"]:
        log(f"http_load: {figures['errors']} requests failed")
        return 1
    if args.check and (figures["ratio"] or 0) < TARGET_RATIO:
        log(f"http_load: ratio {figures['ratio']} is below the target {TARGET_RATIO}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
