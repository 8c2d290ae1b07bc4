import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cms.services import role_assign
from core.roles import COORDINATORS
from organisations.models import Organisation, OrganisationImport
from organisations.services import organisations_import
from tests.factories import UserFactory
from tests.organisations.test_import import csv_of, row

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(client, demo_site):
    coordinator = UserFactory()
    role_assign(user=coordinator, role=COORDINATORS)
    client.force_login(coordinator)
    return client


def upload(client, text: str, name="organizacje.csv"):
    return client.post(
        "/admin/baza-ngo/import/",
        {"file": SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")},
    )


def test_an_upload_shows_a_preview_and_writes_nothing(coordinator_client):
    before = Organisation.objects.count()

    response = upload(coordinator_client, csv_of(row(), row(name="Bez KRS", krs="", nip="")))
    preview = coordinator_client.get(response["Location"])

    html = preview.content.decode()
    assert "Podgląd importu" in html
    assert "Nowe organizacje: 1" in html
    assert "Bez KRS" in html and "podaj numer KRS" in html
    assert Organisation.objects.count() == before


def test_applying_the_preview_imports_the_good_rows_once(coordinator_client):
    response = upload(coordinator_client, csv_of(row()))
    preview_url = response["Location"]

    coordinator_client.post(preview_url)
    coordinator_client.post(preview_url)  # a second click does not import twice

    batch = OrganisationImport.objects.get()
    assert batch.applied_at is not None
    assert Organisation.objects.filter(krs="0000312847").count() == 1
    assert "Import wykonany" in coordinator_client.get(preview_url).content.decode()


def test_a_file_that_cannot_be_read_is_refused_at_upload(coordinator_client):
    response = coordinator_client.post(
        "/admin/baza-ngo/import/",
        {"file": SimpleUploadedFile("stare.csv", csv_of(row(name="Łąka")).encode("cp1250"))},
    )

    assert response.status_code == 200
    assert "UTF-8" in response.content.decode()
    assert not OrganisationImport.objects.exists()


def test_residents_cannot_import(client, resident):
    client.force_login(resident)

    response = upload(client, csv_of(row()))

    assert response.status_code in (302, 403)
    assert not Organisation.objects.filter(krs="0000312847").exists()


def test_the_csv_export_can_be_imported_back_unchanged(coordinator_client):
    response = coordinator_client.get("/admin/baza-ngo/organizacje/?export=csv")

    exported = b"".join(response.streaming_content).decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(exported)))
    assert header[:4] == ["nazwa", "forma_prawna", "krs", "nip"]
    report = organisations_import(data=exported, dry_run=True)
    assert report.rejected == []
    assert report.unchanged == Organisation.objects.count() == 20


def test_the_xlsx_export_lists_every_organisation(coordinator_client):
    response = coordinator_client.get("/admin/baza-ngo/organizacje/?export=xlsx")

    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][0] == "nazwa"
    assert len(rows) == 1 + Organisation.objects.count()
    assert "Stowarzyszenie Seniorów „Złota Jesień”" in [row[0] for row in rows[1:]]


def test_a_name_that_looks_like_a_formula_is_exported_as_text_and_imports_back(coordinator_client):
    from tests.factories import OrganisationFactory

    OrganisationFactory(
        name='=HYPERLINK("https://evil.example.com","Kliknij")', description="-5 zł"
    )

    exported = b"".join(
        coordinator_client.get("/admin/baza-ngo/organizacje/?export=csv").streaming_content
    ).decode("utf-8-sig")

    assert "'=HYPERLINK(" in exported
    assert "'-5 zł" in exported
    assert (
        organisations_import(data=exported, dry_run=True).unchanged == Organisation.objects.count()
    )
