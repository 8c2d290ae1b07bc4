"""Check: a database built by an earlier checkout migrates forward with this one, losing
nothing (issue 14: apps were split and modules moved; no table may change hands).

    .venv/bin/python bench/migrate_forward.py /path/to/earlier/checkout

Migrates a throw-away SQLite file with the earlier checkout's code and seeds its demo
(`seed_demo`), then runs this checkout's `migrate` on a copy and compares the number of
rows of every table. Prints one JSON line: {"tables", "rows", "changed", "ok"}; `changed`
lists the tables whose row count differs (it must be empty).
"""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def manage(checkout: Path, database: Path, *args: str) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    env.pop("REDIS_URL", None)
    python = checkout / ".venv" / "bin" / "python"
    done = subprocess.run(  # noqa: S603  (our own manage.py, arguments from this file)
        [str(python if python.exists() else sys.executable), "manage.py", *args],
        cwd=checkout,
        env=env,
        check=False,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        sys.exit(f"{checkout}: manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")


def counts(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        tables = [
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return {
            table: connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
            for table in tables
        }


def main() -> None:
    earlier = Path(sys.argv[1]).resolve()
    with tempfile.TemporaryDirectory() as folder:
        before = Path(folder) / "before.sqlite3"
        after = Path(folder) / "after.sqlite3"
        manage(earlier, before, "migrate", "--noinput")
        manage(earlier, before, "seed_demo")
        shutil.copy(before, after)
        manage(HERE, after, "migrate", "--noinput")
        old, new = counts(before), counts(after)
    changed = {
        table: [old.get(table), new.get(table)]
        for table in sorted(set(old) | set(new))
        if old.get(table) != new.get(table) and table in old
    }
    print(
        json.dumps(
            {
                "tables": len(old),
                "rows": sum(old.values()),
                "changed": changed,
                "ok": not changed,
            }
        )
    )


if __name__ == "__main__":
    main()
