"""The backup and restore drill, for real, on PostgreSQL: build the demo in a database of its
own, back it up (encrypted), drop the database and delete the files, restore into a new empty
database, and compare the row count of every table, the frozen report files and every media
and private file. Any difference fails.

Runs when DATABASE_URL points at PostgreSQL (CI's second pass); the SQLite round trip is in
tests/cms/test_backup.py. Run it alone with
    DATABASE_URL=postgres://… pytest tests/cms/test_backup_drill.py
"""

import hashlib
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql

ROOT = Path(__file__).resolve().parents[2]
DATABASE_URL = os.environ.get("DATABASE_URL", "")

pytestmark = pytest.mark.skipif(
    not DATABASE_URL.startswith("postgres"),
    reason="the drill restores a pg_dump: it needs PostgreSQL (DATABASE_URL)",
)

REPORT_FILES = ("html", "pdf", "xlsx", "csv")


def _url(name: str) -> str:
    return urlunsplit(urlsplit(DATABASE_URL)._replace(path=f"/{name}"))


def _admin(statement: sql.Composable) -> None:
    with psycopg.connect(_url("postgres"), autocommit=True) as admin:
        admin.execute(statement)


def _create(name: str) -> None:
    _admin(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _drop(name: str) -> None:
    _admin(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _manage(env: dict[str, str], *arguments: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"manage.py {' '.join(arguments)}:\n{result.stderr}"
    return result.stdout


def _row_counts(name: str) -> dict[str, int]:
    with psycopg.connect(_url(name)) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        return {
            table: db.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
            ).fetchone()[0]
            for table in tables
        }


def _report_files(name: str) -> dict[tuple[int, int, str], str]:
    """SHA-256 of every frozen report file, checked against the one stored at publication."""
    found = {}
    with psycopg.connect(_url(name)) as db:
        rows = db.execute(
            "SELECT page_id, number, html, pdf, xlsx, csv, html_sha256, pdf_sha256, "
            "xlsx_sha256, csv_sha256 FROM consultations_reportedition "
            "WHERE published_at IS NOT NULL"
        ).fetchall()
    for page_id, number, *contents in rows:
        files, stored = contents[:4], contents[4:]
        for kind, content, checksum in zip(REPORT_FILES, files, stored, strict=True):
            data = content.encode() if isinstance(content, str) else bytes(content)
            digest = hashlib.sha256(data).hexdigest()
            assert digest == checksum, f"report {page_id}/{number} {kind} differs from its seal"
            found[(page_id, number, kind)] = digest
    return found


def _file_checksums(*roots: Path) -> dict[str, str]:
    return {
        f"{root.name}/{path.relative_to(root).as_posix()}": hashlib.sha256(
            path.read_bytes()
        ).hexdigest()
        for root in roots
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def drill(tmp_path):
    tag = uuid.uuid4().hex[:8]
    source, restored = f"konsultacje_drill_{tag}", f"konsultacje_drill_{tag}_restored"
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        MEDIA_ROOT=str(tmp_path / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),
        BACKUP_DIR=str(tmp_path / "backups"),
        EMAIL_DELIVERY_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        REDIS_KEY_PREFIX=f"drill-{tag}",
        PATH=f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}",
    )
    _create(source)
    try:
        yield {"tmp": tmp_path, "env": env, "source": source, "restored": restored}
    finally:
        _drop(source)
        _drop(restored)


def test_a_restored_backup_of_the_demo_is_identical(drill):
    tmp, env = drill["tmp"], drill["env"]
    media, private = tmp / "media", tmp / "private"
    env["BACKUP_ENCRYPTION_KEY"] = _manage(env, "backup", "--generate-key").strip()
    built = {**env, "DATABASE_URL": _url(drill["source"])}
    _manage(built, "migrate", "--noinput", "-v0")
    _manage(built, "seed_demo")
    # Files the demo does not upload: a picture in the media library, a paper remark's scan.
    (media / "original_images").mkdir(parents=True, exist_ok=True)
    (media / "original_images" / "rynek-w-nadrzeczu.jpg").write_bytes(os.urandom(300_000))
    (private / "uwagi" / "2026" / "03").mkdir(parents=True, exist_ok=True)
    (private / "uwagi" / "2026" / "03" / "uwaga-pisemna.pdf").write_bytes(os.urandom(1_500_000))
    counts = _row_counts(drill["source"])
    reports = _report_files(drill["source"])
    files = _file_checksums(media, private)

    _manage(built, "backup")
    _drop(drill["source"])
    shutil.rmtree(media)
    shutil.rmtree(private)
    _create(drill["restored"])
    (archive,) = (tmp / "backups").iterdir()
    _manage({**env, "DATABASE_URL": _url(drill["restored"])}, "restore", str(archive))

    assert archive.name.endswith(".tar.enc")
    assert reports, "the demo has a published report"
    assert counts["comments_comment"] > 0
    assert _row_counts(drill["restored"]) == counts
    assert _report_files(drill["restored"]) == reports
    assert _file_checksums(media, private) == files
