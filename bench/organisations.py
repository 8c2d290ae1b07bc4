"""Benchmark: importing 5 000 organisations, and the directory page over them.

    .venv/bin/python bench/organisations.py [--rows 5000] [--repeat 3]

Runs against a throw-away SQLite file, or against DATABASE_URL when set (a throw-away
database is created there). Prints one JSON line per measurement: wall time in seconds
(min, median and max over --repeat runs) and the number of SQL queries.
Target (issue 3): the import under 10 s on this machine with a bounded number of queries;
the directory page with the same number of queries whatever the number of organisations.
"""

import argparse
import json
import random
import statistics
import time

from common import throwaway_site  # bench/common.py: the throw-away site


def make_csv(rows: int) -> str:
    from demo.organisations import fictional_nip, fictional_regon
    from organisations.services import COLUMNS

    rng = random.Random(5000)
    forms = ["fundacja", "stowarzyszenie", "stowarzyszenie_zwykle", "klub_sportowy", "kgw"]
    areas = ["1", "1a", "4", "7", "10", "13", "15", "16", "17", "18", "27", "33"]
    lines = [";".join(COLUMNS)]
    for number in range(rows):
        form = forms[number % len(forms)]
        in_krs = form in ("fundacja", "stowarzyszenie")
        lines.append(
            ";".join(
                [
                    f"Organizacja testowa nr {number}",
                    form,
                    f"{100_000 + number:010d}" if in_krs else "",
                    fictional_nip(rng) if in_krs and number % 2 else "",
                    fictional_regon(rng) if in_krs else "",
                    "" if in_krs else f"EW/{number}",
                    "tak" if number % 7 == 0 else "nie",
                    ", ".join(rng.sample(areas, 2)),
                    f"ul. Długa {number % 90 + 1}",
                    "12-345",
                    "Nadrzecze",
                    "Śródmieście",
                    "",
                    f"kontakt{number}@example.org",
                    "Opis działalności.",
                    "tak",
                ]
            )
        )
    return "\n".join(lines) + "\n"


def timed(function, repeat: int):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries, result = [], None, None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as context:
            start = time.perf_counter()
            result = function()
            times.append(time.perf_counter() - start)
        queries = len(context.captured_queries)
    return result, {
        "min_s": round(min(times), 3),
        "median_s": round(statistics.median(times), 3),
        "max_s": round(max(times), 3),
        "queries": queries,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with throwaway_site():
        run(args)


def run(args) -> None:
    from django.db import connection
    from django.test import Client

    from organisations.models import Organisation
    from organisations.services import organisations_import

    engine = connection.vendor
    data = make_csv(args.rows)

    report, first = timed(lambda: organisations_import(data=data), 1)
    print(
        json.dumps(
            {
                "bench": "import_new",
                "db": engine,
                "rows": args.rows,
                "created": report.created,
                "rejected": len(report.rejected),
                **first,
            }
        )
    )
    report, again = timed(lambda: organisations_import(data=data), args.repeat)
    print(
        json.dumps(
            {
                "bench": "reimport_unchanged",
                "db": engine,
                "rows": args.rows,
                "unchanged": report.unchanged,
                **again,
            }
        )
    )
    report, dry = timed(lambda: organisations_import(data=data, dry_run=True), args.repeat)
    print(json.dumps({"bench": "dry_run", "db": engine, "rows": args.rows, **dry}))

    client = Client(HTTP_HOST="localhost")
    client.get("/organizacje/")  # creates the gmina settings row once
    for path in (
        "/organizacje/",
        "/organizacje/?q=testowa+nr+49",
        "/organizacje/?sfera=16&strona=40",
    ):
        response, page = timed(lambda path=path: client.get(path), args.repeat)
        print(
            json.dumps(
                {
                    "bench": "directory_page",
                    "db": engine,
                    "path": path,
                    "organisations": Organisation.objects.count(),
                    "status": response.status_code,
                    **page,
                }
            )
        )
    Organisation.objects.filter(pk__gt=Organisation.objects.order_by("pk")[30].pk).delete()
    response, small = timed(lambda: client.get("/organizacje/"), args.repeat)
    print(
        json.dumps(
            {
                "bench": "directory_page",
                "db": engine,
                "path": "/organizacje/",
                "organisations": Organisation.objects.count(),
                "status": response.status_code,
                **small,
            }
        )
    )


if __name__ == "__main__":
    main()
