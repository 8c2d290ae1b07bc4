"""Importing a draft in the admin: preview first, then one new revision, never half a draft."""

import io

import docx
import pytest

from cms.services import role_assign
from consultations.models import ConsultationPage
from core.roles import COORDINATORS
from tests.consultations.word_files import paragraph, upload, word_archive
from tests.factories import UserFactory, consultation_page

pytestmark = pytest.mark.django_db

PROGRAMME = """Rozdział 1. Postanowienia ogólne
§ 1. Program określa cele i formy współpracy Gminy z organizacjami.
§ 2. Program obowiązuje od 1 stycznia do 31 grudnia 2027 r.
Rozdział 2. Cele programu
§ 3. Celem głównym jest budowanie partnerstwa.
"""


def word_file(text=PROGRAMME, name="projekt-programu.docx"):
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    upload = io.BytesIO(buffer.getvalue())
    upload.name = name
    return upload


@pytest.fixture
def coordinator_client(client, demo_site):
    user = UserFactory(first_name="Marek", last_name="Nowak")
    role_assign(user=user, role=COORDINATORS)
    client.force_login(user)
    return client


def url(page):
    return f"/admin/konsultacje/{page.pk}/import/"


def paragraphs(page):
    latest = ConsultationPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    return [(p["label"], p["id"]) for c in latest.chapters for p in c["paragraphs"]]


def test_an_uploaded_docx_is_previewed_and_nothing_is_saved(coordinator_client):
    page = consultation_page()
    revisions = page.revisions.count()

    response = coordinator_client.post(url(page), {"file": word_file()})

    html = response.content.decode()
    assert "Rozdział 2. Cele programu" in html
    assert "Celem głównym jest budowanie partnerstwa." in html
    assert "Nic jeszcze nie zapisano" in html
    assert page.revisions.count() == revisions


def test_saving_the_preview_makes_a_new_draft_revision_without_publishing(coordinator_client):
    page = consultation_page()
    preview = coordinator_client.post(url(page), {"text": PROGRAMME})

    response = coordinator_client.post(url(page), {"payload": preview.context["payload"]})

    assert response.status_code == 302
    assert [label for label, _id in paragraphs(page)] == ["§ 1", "§ 2", "§ 3"]
    live = ConsultationPage.objects.get(pk=page.pk)
    assert live.has_unpublished_changes
    assert [p["text"] for c in live.chapters for p in c["paragraphs"]][0] == "Treść paragrafu 1."


def test_reimporting_keeps_the_identifiers_of_paragraphs_with_the_same_number(
    coordinator_client,
):
    page = consultation_page()  # § 1, § 2, § 3
    before = dict(paragraphs(page))
    preview = coordinator_client.post(url(page), {"text": PROGRAMME.replace("§ 3.", "§ 4.")})

    assert "§ 4" in preview.context["changes"]["new"]
    assert "§ 3" in preview.context["changes"]["removed"]
    coordinator_client.post(url(page), {"payload": preview.context["payload"]})

    after = dict(paragraphs(page))
    assert after["§ 1"] == before["§ 1"]
    assert after["§ 2"] == before["§ 2"]
    assert after["§ 4"] not in before.values()


def test_a_corrupt_file_gets_a_polish_error_and_nothing_is_saved(coordinator_client):
    page = consultation_page()
    revisions = page.revisions.count()
    broken = io.BytesIO(b"PK\x03\x04 to nie jest plik Worda")
    broken.name = "projekt.docx"

    response = coordinator_client.post(url(page), {"file": broken})

    assert "To nie jest czytelny plik .docx" in response.content.decode()
    assert page.revisions.count() == revisions


def test_an_unsupported_file_type_is_named_in_the_error(coordinator_client):
    page = consultation_page()
    pdf = io.BytesIO(b"%PDF-1.7")
    pdf.name = "projekt.pdf"

    response = coordinator_client.post(url(page), {"file": pdf})

    assert "Zaimportować można tylko pliki .docx" in response.content.decode()


def test_plain_text_in_windows_1250_is_read_with_its_polish_letters(coordinator_client):
    page = consultation_page()
    upload = io.BytesIO(PROGRAMME.encode("cp1250"))
    upload.name = "projekt.txt"

    response = coordinator_client.post(url(page), {"file": upload})

    assert "Postanowienia ogólne" in response.content.decode()


def test_a_tampered_preview_is_refused_and_nothing_is_saved(coordinator_client):
    page = consultation_page()
    revisions = page.revisions.count()

    response = coordinator_client.post(url(page), {"payload": "[]:podrobiony"}, follow=True)

    assert "Podgląd wygasł" in response.content.decode()
    assert page.revisions.count() == revisions


def test_a_resident_cannot_open_the_import(client, resident, demo_site):
    page = consultation_page()
    client.force_login(resident)

    response = client.get(url(page))

    assert response.status_code in (302, 403)
    assert page.revisions.count() == 1


def test_a_zip_bomb_is_refused_in_the_form_with_a_polish_message(coordinator_client):
    page = consultation_page()
    revisions = page.revisions.count()
    bomb = word_archive(
        [paragraph("§ 1. Program.")], {"word/media/obraz.bin": bytes(40 * 1024 * 1024)}
    )

    response = coordinator_client.post(url(page), {"file": upload(bomb)})

    assert response.status_code == 200
    assert "Plik .docx rozpakowuje się do ponad 30 MB" in response.content.decode()
    assert page.revisions.count() == revisions


def test_a_word_file_with_one_huge_text_node_is_refused_in_the_form_not_with_a_500(
    coordinator_client,
):
    page = consultation_page()
    huge = word_archive([paragraph("§ 1. Program."), paragraph("a" * 12 * 1024 * 1024)])

    response = coordinator_client.post(url(page), {"file": upload(huge)})

    assert response.status_code == 200
    assert "Paragraf projektu jest dłuższy niż 20 000 znaków" in response.content.decode()
