"""manage.py backup / restore on the test database: the round trip, encryption, the refusals
and the retention rule. The full drill on PostgreSQL is tests/cms/test_backup_drill.py."""

import datetime as dt
import io
import json
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from cms.backup import BackupError, archives_in, create_backup, generate_key, restore_backup
from organisations.models import Organisation
from tests.factories import UserFactory

SCAN = bytes(range(256)) * 10_000  # 2.5 MB: more than one encrypted chunk


@pytest.fixture
def folders(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.BACKUP_ENCRYPTION_KEY = ""
    (settings.MEDIA_ROOT / "original_images").mkdir(parents=True)
    (settings.MEDIA_ROOT / "original_images" / "rynek-nadrzecze.jpg").write_bytes(b"\xff\xd8jpeg")
    (settings.PRIVATE_MEDIA_ROOT / "uwagi" / "2026" / "03").mkdir(parents=True)
    (settings.PRIVATE_MEDIA_ROOT / "uwagi" / "2026" / "03" / "uwaga-papierowa.pdf").write_bytes(
        SCAN
    )
    return settings


def _private_scan(settings):
    return settings.PRIVATE_MEDIA_ROOT / "uwagi" / "2026" / "03" / "uwaga-papierowa.pdf"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the PostgreSQL round trip is the drill")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_brings_back_the_rows_and_files_of_the_backup(folders):
    UserFactory(email="halina.wisniewska@nadrzecze.example")
    archive = create_backup()
    UserFactory(email="pozniejszy@nadrzecze.example")
    _private_scan(folders).unlink()

    restore_backup(archive, force=True)

    emails = set(UserFactory._meta.model.objects.values_list("email", flat=True))
    assert "halina.wisniewska@nadrzecze.example" in emails
    assert "pozniejszy@nadrzecze.example" not in emails
    assert _private_scan(folders).read_bytes() == SCAN


@pytest.mark.django_db
def test_the_manifest_lists_every_file_with_its_checksum(folders):
    archive = create_backup()

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    paths = {entry["path"] for entry in manifest["files"]}
    assert {
        "media/original_images/rynek-nadrzecze.jpg",
        "private/uwagi/2026/03/uwaga-papierowa.pdf",
    } <= paths
    assert manifest["database"]["vendor"] == connection.vendor
    assert "0001_initial" in manifest["migrations"]["organisations"]


@pytest.mark.django_db
def test_restore_refuses_a_database_that_has_tables(folders):
    archive = create_backup()

    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore", str(archive), stdout=io.StringIO())


@pytest.mark.django_db
def test_an_archive_that_differs_from_its_manifest_is_refused(folders, tmp_path):
    archive = create_backup()
    tampered = tmp_path / "konsultacje-20260101T000000Z.tar"
    with tarfile.open(archive) as source, tarfile.open(tampered, "w") as target:
        for member in source:
            data = source.extractfile(member).read()
            if member.name.endswith("uwaga-papierowa.pdf"):
                data = b"podmieniony skan" + data[16:]
            target.addfile(member, io.BytesIO(data))
    Organisation.objects.create(name="Stowarzyszenie Nadrzecze")

    with pytest.raises(BackupError, match="checksum differs: private/uwagi/2026/03/"):
        restore_backup(tampered, force=True)
    assert Organisation.objects.filter(name="Stowarzyszenie Nadrzecze").exists()


@pytest.mark.django_db
def test_an_encrypted_archive_ends_in_enc_and_hides_its_contents(folders):
    folders.BACKUP_ENCRYPTION_KEY = generate_key()

    archive = create_backup()

    assert archive.name.endswith(".tar.enc")
    assert not tarfile.is_tarfile(archive)
    assert SCAN[:4096] not in archive.read_bytes()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the PostgreSQL round trip is the drill")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_encrypted_archive_restores_with_its_key(folders):
    folders.BACKUP_ENCRYPTION_KEY = generate_key()
    archive = create_backup()
    _private_scan(folders).unlink()

    restore_backup(archive, force=True)

    assert _private_scan(folders).read_bytes() == SCAN


@pytest.mark.django_db
def test_a_wrong_key_is_refused_with_a_clear_message(folders):
    folders.BACKUP_ENCRYPTION_KEY = generate_key()
    archive = create_backup()
    folders.BACKUP_ENCRYPTION_KEY = generate_key()

    with pytest.raises(CommandError, match="wrong BACKUP_ENCRYPTION_KEY"):
        call_command("restore", str(archive), "--force", stdout=io.StringIO())


@pytest.mark.django_db
def test_an_encrypted_archive_without_a_key_asks_for_it(folders):
    folders.BACKUP_ENCRYPTION_KEY = generate_key()
    archive = create_backup()
    folders.BACKUP_ENCRYPTION_KEY = ""

    with pytest.raises(BackupError, match="is encrypted: set BACKUP_ENCRYPTION_KEY"):
        restore_backup(archive, force=True)


@pytest.mark.django_db
def test_a_key_that_is_not_32_bytes_of_base64_is_refused(folders):
    folders.BACKUP_ENCRYPTION_KEY = "haslo-nadrzecze"

    with pytest.raises(CommandError, match="BACKUP_ENCRYPTION_KEY"):
        call_command("backup", stdout=io.StringIO())
    assert archives_in(folders.BACKUP_DIR) == []


@pytest.mark.django_db
def test_retention_keeps_the_newest_archives(folders):
    folders.BACKUP_KEEP = 3
    folders.BACKUP_DIR.mkdir()
    for day in range(1, 5):
        (folders.BACKUP_DIR / f"konsultacje-202611{day:02d}T020000Z.tar").write_bytes(b"stara")

    newest = create_backup(now=dt.datetime(2026, 12, 4, 2, 0, tzinfo=dt.UTC))

    assert [path.name for path in archives_in(folders.BACKUP_DIR)] == [
        "konsultacje-20261103T020000Z.tar",
        "konsultacje-20261104T020000Z.tar",
        newest.name,
    ]


@pytest.mark.django_db
def test_retention_leaves_other_files_in_the_folder(folders):
    folders.BACKUP_KEEP = 1
    folders.BACKUP_DIR.mkdir()
    (folders.BACKUP_DIR / "notatki-administratora.txt").write_text("nie usuwać")

    create_backup()

    assert (folders.BACKUP_DIR / "notatki-administratora.txt").exists()


@pytest.mark.django_db
def test_two_backups_in_the_same_second_both_stay(folders):
    moment = dt.datetime(2026, 12, 4, 2, 0, tzinfo=dt.UTC)

    first = create_backup(now=moment)
    second = create_backup(now=moment)

    assert archives_in(folders.BACKUP_DIR) == [first, second]


@pytest.mark.django_db
def test_an_archive_is_readable_by_its_owner_only(folders):
    archive = create_backup()

    assert archive.stat().st_mode & 0o077 == 0


@pytest.mark.django_db
def test_a_damaged_encrypted_archive_is_refused(folders):
    folders.BACKUP_ENCRYPTION_KEY = generate_key()
    archive = create_backup()
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    archive.write_bytes(bytes(data))

    with pytest.raises(BackupError, match="damaged"):
        restore_backup(archive, force=True)


@pytest.mark.django_db
def test_a_truncated_encrypted_archive_is_refused(folders):
    folders.BACKUP_ENCRYPTION_KEY = generate_key()
    archive = create_backup()
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) - 1000])

    with pytest.raises(BackupError, match="damaged or truncated"):
        restore_backup(archive, force=True)
