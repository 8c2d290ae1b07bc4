"""Backup and restore: the database and every uploaded file in one archive.

An archive is a tar file with
  - `database.dump` (PostgreSQL: `pg_dump --format=custom`, one consistent snapshot) or
    `database.sqlite3` (SQLite: a copy made with sqlite3's online backup API),
  - `media/...` (MEDIA_ROOT) and `private/...` (PRIVATE_MEDIA_ROOT, the scans of paper remarks),
  - `manifest.json`, written last: when it was made, the database vendor, the applied
    migrations, the application version and the SHA-256 and size of every other member.
Published reports live in the database (consultations.ReportEdition keeps the frozen files
and their checksums), so the dump carries them byte for byte.

With a key (BACKUP_ENCRYPTION_KEY) the tar is written through AES-256-GCM in 1 MiB chunks
and the file ends in `.enc`: nothing unencrypted touches the disk on either side. A chunk
that does not authenticate (wrong key, damaged or truncated file) stops the restore.

`restore_backup` refuses a database that already has tables (unless forced), unpacks into a
temporary folder, checks every checksum before it touches the database or the files, and
checks the files again where they land. Any difference raises BackupError.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import struct
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path, PurePosixPath

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
PREFIX = "konsultacje-"
SUFFIX = ".tar"
ENCRYPTED_SUFFIX = ".tar.enc"
MANIFEST = "manifest.json"
FILE_ROOTS = {"media": "MEDIA_ROOT", "private": "PRIVATE_MEDIA_ROOT"}
_CHUNK = 1024 * 1024
_MAGIC = b"KONSBAK1"  # 8 bytes, then an 8-byte random nonce prefix
_READ = 64 * 1024
_ARCHIVE_NAME = re.compile(
    r"konsultacje-(?P<stamp>\d{8}T\d{6}Z)(?:-(?P<counter>\d+))?\.tar(?:\.enc)?"
)

Log = Callable[[str], None]


class BackupError(Exception):
    """Something an operator must act on; the message says what."""


def _quiet(message: str) -> None:
    pass


# --- Keys and encryption ---------------------------------------------------------------------


def generate_key() -> str:
    """A new random key in the form BACKUP_ENCRYPTION_KEY expects."""
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


def _decode_key(key: str) -> bytes:
    try:
        raw = base64.urlsafe_b64decode(key.strip().encode())
    except (binascii.Error, ValueError) as exc:
        raise BackupError(
            "BACKUP_ENCRYPTION_KEY is not valid base64; create one with `manage.py backup "
            "--generate-key`."
        ) from exc
    if len(raw) != 32:
        raise BackupError(
            f"BACKUP_ENCRYPTION_KEY must hold 32 bytes (base64), it holds {len(raw)}; "
            "create one with `manage.py backup --generate-key`."
        )
    return raw


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    # 8 random bytes per archive, a 31-bit chunk counter and a flag for the final chunk, so
    # chunks cannot be reordered, dropped from the end or moved to another archive.
    return prefix + struct.pack(">I", (index << 1) | int(last))


class _EncryptingWriter(io.RawIOBase):
    """A write-only file object: plaintext in, authenticated chunks out."""

    def __init__(self, raw, key: bytes):
        self._raw = raw
        self._aes = AESGCM(key)
        self._prefix = os.urandom(8)
        self._buffer = bytearray()
        self._index = 0
        raw.write(_MAGIC + self._prefix)

    def writable(self):
        return True

    def write(self, data):
        self._buffer += data
        while len(self._buffer) > _CHUNK:
            self._emit(bytes(self._buffer[:_CHUNK]), last=False)
            del self._buffer[:_CHUNK]
        return len(data)

    def _emit(self, plain: bytes, *, last: bool) -> None:
        sealed = self._aes.encrypt(_nonce(self._prefix, self._index, last), plain, _MAGIC)
        self._raw.write(struct.pack(">I", len(sealed)) + sealed)
        self._index += 1

    def close(self):
        if not self.closed and not self._raw.closed:
            self._emit(bytes(self._buffer), last=True)
            self._buffer.clear()
        super().close()


class _DecryptingReader(io.RawIOBase):
    """A read-only file object over an encrypted archive; raises BackupError on any chunk
    that does not authenticate."""

    def __init__(self, raw, key: bytes, name: str):
        self._raw = raw
        self._aes = AESGCM(key)
        self._name = name
        header = raw.read(16)
        if header[:8] != _MAGIC:
            raise BackupError(f"{name} is not an encrypted konsultacje backup.")
        self._prefix = header[8:]
        self._index = 0
        self._plain = b""
        self._done = False

    def readable(self):
        return True

    def _next_chunk(self) -> None:
        size_bytes = self._raw.read(4)
        if len(size_bytes) < 4:
            raise BackupError(f"{self._name} is truncated: its final chunk is missing.")
        (size,) = struct.unpack(">I", size_bytes)
        sealed = self._raw.read(size)
        next_is_end = self._raw.peek(1)[:1] == b"" if hasattr(self._raw, "peek") else False
        try:
            self._plain = self._aes.decrypt(
                _nonce(self._prefix, self._index, next_is_end), sealed, _MAGIC
            )
        except InvalidTag as exc:
            if self._index == 0:
                raise BackupError(
                    f"Cannot decrypt {self._name}: wrong BACKUP_ENCRYPTION_KEY, or the file "
                    "is damaged."
                ) from exc
            raise BackupError(
                f"{self._name} is damaged or truncated (chunk {self._index} does not authenticate)."
            ) from exc
        self._index += 1
        self._done = next_is_end

    def readinto(self, target):
        while not self._plain:
            if self._done:
                return 0
            self._next_chunk()
        count = min(len(target), len(self._plain))
        target[:count] = self._plain[:count]
        self._plain = self._plain[count:]
        return count


# --- Creating ---------------------------------------------------------------------------------


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(_READ), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_env(settings_dict: dict) -> dict[str, str]:
    """libpq's variables for the configured database, so no password is on a command line."""
    env = dict(os.environ)
    options = settings_dict.get("OPTIONS") or {}
    for variable, value in (
        ("PGHOST", settings_dict.get("HOST")),
        ("PGPORT", settings_dict.get("PORT")),
        ("PGUSER", settings_dict.get("USER")),
        ("PGPASSWORD", settings_dict.get("PASSWORD")),
        ("PGDATABASE", settings_dict.get("NAME")),
        ("PGSSLMODE", options.get("sslmode")),
    ):
        if value:
            env[variable] = str(value)
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError as exc:
        raise BackupError(
            f"{command[0]} is not installed; install the PostgreSQL client tools of the "
            "server's major version (Debian: postgresql-client)."
        ) from exc
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip() or result.stdout}")


def _dump_database(folder: Path) -> Path:
    vendor = connection.vendor
    if vendor == "postgresql":
        target = folder / "database.dump"
        _run(
            ["pg_dump", "--format=custom", "--file", str(target)],
            _pg_env(connection.settings_dict),
        )
        return target
    if vendor == "sqlite":
        target = folder / "database.sqlite3"
        # Its own connection, outside any transaction of this process: the copy is the
        # last committed state, and WAL lets the site keep writing meanwhile.
        source = sqlite3.connect(connection.settings_dict["NAME"], timeout=30)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
        return target
    raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")


def _migration_state() -> dict[str, list[str]]:
    state: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        state.setdefault(app, []).append(name)
    return state


def _app_version() -> str:
    try:
        return metadata.version("konsultacje")
    except metadata.PackageNotFoundError:
        return "unknown"


def _files_to_archive() -> Iterator[tuple[str, Path]]:
    for prefix, setting in FILE_ROOTS.items():
        root = Path(getattr(settings, setting))
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.is_symlink():
                yield f"{prefix}/{path.relative_to(root).as_posix()}", path


def _private_opener(path, flags):
    return os.open(path, flags, 0o600)


def _archive_path(folder: Path, now: dt.datetime, encrypted: bool) -> Path:
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    suffix = ENCRYPTED_SUFFIX if encrypted else SUFFIX
    path = folder / f"{PREFIX}{stamp}{suffix}"
    counter = 1
    while path.exists():
        counter += 1
        path = folder / f"{PREFIX}{stamp}-{counter}{suffix}"
    return path


def archives_in(folder: Path) -> list[Path]:
    """The backups in `folder`, oldest first (the names sort by time)."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _ARCHIVE_NAME.fullmatch(path.name)
        if match and path.is_file():
            found.append(((match["stamp"], int(match["counter"] or 1)), path))
    return [path for _key, path in sorted(found)]


def apply_retention(folder: Path, keep: int, log: Log = _quiet) -> list[Path]:
    """Remove all but the newest `keep` archives (0 keeps everything); returns the removed."""
    if keep <= 0:
        return []
    removed = archives_in(folder)[:-keep]
    for path in removed:
        path.unlink()
        log(f"Removed old backup {path.name} (keeping the newest {keep}).")
    return removed


def create_backup(
    *,
    folder: Path | None = None,
    encryption_key: str | None = None,
    keep: int | None = None,
    log: Log = _quiet,
    now: dt.datetime | None = None,
) -> Path:
    """Write one archive into `folder` (BACKUP_DIR), then apply the retention rule.

    The archive is written under a `.partial` name and renamed when complete, so a failed
    run never leaves something that looks like a backup and never triggers the retention."""
    folder = Path(folder or settings.BACKUP_DIR)
    key = settings.BACKUP_ENCRYPTION_KEY if encryption_key is None else encryption_key
    keep = settings.BACKUP_KEEP if keep is None else keep
    raw_key = _decode_key(key) if key else None
    now = now or dt.datetime.now(dt.UTC)
    folder.mkdir(parents=True, exist_ok=True)
    target = _archive_path(folder, now, encrypted=raw_key is not None)
    partial = target.with_name(target.name + ".partial")

    with tempfile.TemporaryDirectory(prefix="konsultacje-backup-", dir=folder) as scratch:
        log(f"Dumping the {connection.vendor} database ...")
        dump = _dump_database(Path(scratch))
        entries = []
        try:
            # The archive holds personal data: readable by its owner only.
            with open(partial, "wb", opener=_private_opener) as raw:
                sink = _EncryptingWriter(raw, raw_key) if raw_key else raw
                with tarfile.open(fileobj=sink, mode="w|", format=tarfile.PAX_FORMAT) as tar:
                    entries.append(_add(tar, dump.name, dump))
                    dump.unlink()
                    log("Adding media and private files ...")
                    for name, path in _files_to_archive():
                        entries.append(_add(tar, name, path))
                    manifest = {
                        "format": FORMAT,
                        "created_at": now.isoformat(),
                        "app_version": _app_version(),
                        "database": {"vendor": connection.vendor, "file": dump.name},
                        "migrations": _migration_state(),
                        "files": entries,
                    }
                    body = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
                    info = tarfile.TarInfo(MANIFEST)
                    info.size = len(body)
                    info.mtime = int(now.timestamp())
                    tar.addfile(info, io.BytesIO(body))
                if raw_key:
                    sink.close()
            partial.rename(target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    files = len(entries) - 1
    log(f"Backup written: {target} ({target.stat().st_size} bytes, database and {files} files).")
    apply_retention(folder, keep, log)
    return target


class _HashingReader:
    def __init__(self, file):
        self._file = file
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self._file.read(size)
        self.digest.update(data)
        return data


def _add(tar: tarfile.TarFile, name: str, path: Path) -> dict:
    info = tar.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with open(path, "rb") as file:
        reader = _HashingReader(file)
        tar.addfile(info, reader)
    return {"path": name, "size": info.size, "sha256": reader.digest.hexdigest()}


# --- Restoring --------------------------------------------------------------------------------


def database_tables() -> list[str]:
    return connection.introspection.table_names()


def _safe_member_path(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"The archive holds an unsafe path: {name!r}.")
    return path


def _unpack(archive: Path, key: str, staging: Path, log: Log) -> dict:
    with open(archive, "rb") as raw_file:
        buffered = io.BufferedReader(raw_file, buffer_size=_CHUNK + 64)
        if buffered.peek(8)[:8] == _MAGIC:
            if not key:
                raise BackupError(
                    f"{archive.name} is encrypted: set BACKUP_ENCRYPTION_KEY to the key it "
                    "was made with."
                )
            source = _DecryptingReader(buffered, _decode_key(key), archive.name)
        else:
            source = buffered
        try:
            with tarfile.open(fileobj=source, mode="r|") as tar:
                for member in tar:
                    relative = _safe_member_path(member.name)
                    if not member.isfile():
                        raise BackupError(f"The archive holds a non-file entry: {member.name!r}.")
                    target = staging.joinpath(*relative.parts)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with tar.extractfile(member) as data, open(target, "wb") as out:
                        shutil.copyfileobj(data, out, _READ)
        except tarfile.TarError as exc:
            raise BackupError(f"{archive.name} is not a readable backup archive: {exc}") from exc
    manifest_path = staging / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(f"{archive.name} has no {MANIFEST}: it is incomplete.")
    manifest = json.loads(manifest_path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{archive.name} has an unknown format {manifest.get('format')!r}.")
    log(
        f"Archive made {manifest['created_at']} by version {manifest['app_version']}: "
        f"{manifest['database']['vendor']} database and {len(manifest['files']) - 1} files."
    )
    return manifest


def _mismatches(entries: list[dict], root_of: Callable[[str], Path]) -> list[str]:
    problems = []
    for entry in entries:
        path = root_of(entry["path"])
        if not path.is_file():
            problems.append(f"missing: {entry['path']}")
        elif path.stat().st_size != entry["size"] or _sha256_file(path) != entry["sha256"]:
            problems.append(f"checksum differs: {entry['path']}")
    return problems


def _restore_database(dump: Path, vendor: str, force: bool) -> None:
    if vendor != connection.vendor:
        raise BackupError(
            f"The archive holds a {vendor} database; this site is configured for "
            f"{connection.vendor}. Point DATABASE_URL at a {vendor} database."
        )
    if vendor == "postgresql":
        command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"]
        if force:
            command += ["--clean", "--if-exists"]
        else:
            command += ["--single-transaction"]
        connection.close()
        env = _pg_env(connection.settings_dict)
        _run([*command, "--dbname", env.get("PGDATABASE", ""), str(dump)], env)
        return
    connection.close()
    source = sqlite3.connect(dump)
    target = sqlite3.connect(connection.settings_dict["NAME"], timeout=30)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def _place_files(entries: list[dict], staging: Path) -> None:
    for entry in entries:
        target = _destination(entry["path"])
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(staging / entry["path"], target)


def _destination(name: str) -> Path:
    prefix, _, rest = name.partition("/")
    return Path(getattr(settings, FILE_ROOTS[prefix])).joinpath(*rest.split("/"))


def restore_backup(
    archive: Path,
    *,
    encryption_key: str | None = None,
    force: bool = False,
    log: Log = _quiet,
) -> dict:
    """Restore `archive` into the configured (empty) database and the media folders.

    Returns the manifest. Raises BackupError, before changing anything, when the database
    has tables (unless `force`), the archive cannot be read or decrypted, or a checksum
    differs; and after restoring, when a restored file or the migration state differs."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"No such archive: {archive}")
    key = settings.BACKUP_ENCRYPTION_KEY if encryption_key is None else encryption_key
    tables = database_tables()
    if tables and not force:
        raise BackupError(
            f"The database {connection.settings_dict['NAME']} is not empty ({len(tables)} "
            "tables). Restore into a new, empty database, or use --force to replace its "
            "contents."
        )
    with tempfile.TemporaryDirectory(prefix="konsultacje-restore-") as scratch:
        staging = Path(scratch)
        log(f"Reading {archive} ...")
        manifest = _unpack(archive, key, staging, log)
        problems = _mismatches(manifest["files"], lambda name: staging / name)
        known = {entry["path"] for entry in manifest["files"]} | {MANIFEST}
        problems += [
            f"not in the manifest: {path.relative_to(staging).as_posix()}"
            for path in staging.rglob("*")
            if path.is_file() and path.relative_to(staging).as_posix() not in known
        ]
        if problems:
            raise BackupError(
                "The archive does not match its manifest:\n  " + "\n  ".join(problems)
            )
        log("Checksums verified. Restoring the database ...")
        database = manifest["database"]
        _restore_database(staging / database["file"], database["vendor"], force)
        files = [entry for entry in manifest["files"] if entry["path"] != database["file"]]
        log(f"Restoring {len(files)} files ...")
        _place_files(files, staging)
    problems = _mismatches(files, _destination)
    if problems:
        raise BackupError("Restored files differ from the manifest:\n  " + "\n  ".join(problems))
    if _migration_state() != manifest["migrations"]:
        raise BackupError("The restored database's migration state differs from the manifest.")
    log("Restore complete; files verified against the manifest.")
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        log(
            f"This code has {len(pending)} migrations the archive's database had not applied: "
            "run `manage.py migrate` before starting the site."
        )
    return manifest
