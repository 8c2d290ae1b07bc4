"""Scans of paper remarks: only real PDF/JPEG/PNG/TIFF files, kept outside the public
uploads, and handed out only to staff, as downloads."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.documents import get_document_model

from comments.models import Comment
from tests.comments.test_remark_channels import entry_url, paper_remark

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF"
PAGE = b"<html><body><script>fetch('/admin/')</script></body></html>"


def scan(data=PDF, name="uwaga-halina-mazur.pdf"):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def attachment_url(consultation, remark):
    return f"/admin/dyskusja/uwagi/{consultation.pk}/{remark.pk}/zalacznik/"


@pytest.fixture
def entered_remark(client, consultation, coordinator, paragraph):
    client.force_login(coordinator)
    client.post(entry_url(consultation), {**paper_remark(paragraph), "attachment": scan()})
    client.logout()
    return Comment.objects.get()


def test_a_web_page_named_like_a_pdf_is_refused_as_a_scan(
    client, consultation, coordinator, paragraph
):
    client.force_login(coordinator)

    response = client.post(
        entry_url(consultation), {**paper_remark(paragraph), "attachment": scan(PAGE)}
    )

    assert response.status_code == 400
    assert "Dołącz skan w formacie PDF, JPEG, PNG lub TIFF" in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "data",
    [b"\xff\xd8\xff\xe0\x00\x10JFIF", b"\x89PNG\r\n\x1a\n\x00\x00", b"II*\x00\x08\x00"],
    ids=["jpeg", "png", "tiff"],
)
def test_photographs_and_faxes_of_remarks_are_accepted(
    client, consultation, coordinator, paragraph, data
):
    client.force_login(coordinator)

    client.post(
        entry_url(consultation), {**paper_remark(paragraph), "attachment": scan(data, "skan")}
    )

    assert Comment.objects.get().attachment


def test_a_scan_is_kept_outside_the_public_uploads_under_a_name_of_our_own(entered_remark):
    stored = Path(entered_remark.attachment.path)

    assert stored.is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert not stored.is_relative_to(settings.MEDIA_ROOT)
    assert "halina" not in stored.name and stored.suffix == ".pdf"
    assert not get_document_model().objects.exists()  # not in the public document library


def test_staff_download_the_scan_as_an_attachment_that_never_runs_as_a_page(
    client, consultation, coordinator, entered_remark
):
    client.force_login(coordinator)

    response = client.get(attachment_url(consultation, entered_remark))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_residents_and_anonymous_visitors_cannot_download_a_scan(
    client, consultation, resident, entered_remark
):
    client.force_login(resident)
    as_resident = client.get(attachment_url(consultation, entered_remark))
    anonymous = Client().get(attachment_url(consultation, entered_remark))

    assert as_resident.status_code in (302, 403)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]


def test_the_positions_page_links_to_the_staff_only_download(
    client, consultation, coordinator, entered_remark
):
    client.force_login(coordinator)

    html = client.get(f"/admin/dyskusja/uwagi/{consultation.pk}/").content.decode()

    assert attachment_url(consultation, entered_remark) in html
    assert "/media/" not in html
