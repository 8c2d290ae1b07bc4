"""The consultation report in a real browser: the coordinator gives the remaining positions,
publishes the report, and a resident reads it (checked with axe) and downloads the PDF."""

import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from comments.models import Outcome, Position
from consultations.models import ConsultationPage
from consultations.services import version_publish
from demo.gmina import DEMO_PASSWORD
from tests.browser.conftest import assert_accessible
from tests.factories import consultation_page, remark_on

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = "program-wspolpracy-2025"
REPORT = f"/konsultacje/{SLUG}/raport/"


@pytest.fixture
def closed_with_remarks(live_demo):
    """A consultation closed three days ago with three remarks: one answered, two (one of
    them on paper, after the closing date) still waiting for the city's position."""
    from datetime import timedelta

    from django.utils import timezone

    page = consultation_page(
        slug=SLUG, title="Program współpracy na 2025 rok – konsultacje zakończone", chapters=2
    )
    version_publish(page=page, label="projekt do konsultacji")
    now = timezone.now()
    ConsultationPage.objects.filter(pk=page.pk).update(
        opens_at=now - timedelta(days=20), closes_at=now - timedelta(days=3)
    )
    page = ConsultationPage.objects.get(pk=page.pk)
    paragraphs = [p for chapter in page.versions.get().chapters for p in chapter["paragraphs"]]
    answered = Position.objects.create(
        page=page,
        outcome=Outcome.ACCEPTED,
        justification="Zapis rozszerzono o wszystkie dzielnice.",
    )
    remark_on(
        page,
        paragraph=paragraphs[0],
        user_name="Anna Kowalczyk",
        organisation_name="Stowarzyszenie Seniorów „Złota Jesień”",
        proposed_wording="Dopisać kluby seniora we wszystkich dzielnicach.",
        position=answered,
    )
    remark_on(
        page,
        paragraph=paragraphs[1],
        user_name="Piotr Wiśniewski",
        proposed_wording="Podnieść kwotę na inicjatywę lokalną.",
    )
    remark_on(
        page,
        user_name="Jan Wróblewski",
        channel="papier",
        is_late=True,
        proposed_wording="Wydłużyć konsultacje do 30 dni.",
    )
    return page


def log_in(page, live_server_url, email, next_path):
    page.goto(f"{live_server_url}/konto/login/?next={next_path}")
    page.get_by_label("Adres e-mail").fill(email)
    page.get_by_label("Hasło").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Zaloguj").click()
    page.wait_for_url(f"**{next_path}")


def test_a_coordinator_answers_and_publishes_then_a_resident_reads_and_downloads_the_pdf(
    closed_with_remarks, browser, page, visit, live_server_url
):
    consultation = closed_with_remarks
    report_admin = f"/admin/konsultacje/{consultation.pk}/raport/"
    assert page.goto(live_server_url + REPORT).status == 404  # nothing public yet

    # The report page says what is missing; publishing is refused with the remarks named.
    log_in(page, live_server_url, "koordynator@nadrzecze.example", report_admin)
    expect(page.get_by_text("1 z 3 uwag rozpatrzonych")).to_be_visible()
    page.get_by_role("button", name="Opublikuj raport").click()
    refusal = page.get_by_role("alert").filter(has_text="Raport nie został opublikowany.")
    expect(refusal).to_contain_text("2 uwagi nie mają jeszcze stanowiska")

    # The positions page, remarks without a position only: both get one position.
    page.get_by_role("link", name="Nadaj stanowiska uwagom").click()
    page.wait_for_url(f"**/admin/dyskusja/uwagi/{consultation.pk}/**")
    page.goto(page.url.split("#")[0] + "?bez-stanowiska=1")
    form = page.locator("form:has(textarea[name=justification])")
    for remark in form.locator("input[name=remarks]").all():
        remark.check()
    form.locator("select[name=outcome]").select_option(Outcome.EXPLAINED)
    form.locator("textarea[name=justification]").fill(
        "Termin i kwoty wynikają z uchwały Rady Miasta; wyjaśniono w odpowiedzi."
    )
    form.locator("button[type=submit]").click()
    expect(page.get_by_text("3 z 3 uwag rozpatrzonych")).to_be_visible()

    # Publish from the report page.
    page.goto(live_server_url + report_admin)
    page.get_by_role("button", name="Opublikuj raport").click()
    expect(page.get_by_text("Raport został opublikowany.")).to_be_visible()

    # A resident, not logged in, reads the report from the consultation page.
    reader = browser.new_context(locale="pl-PL", accept_downloads=True).new_page()
    reader.set_default_timeout(15_000)
    reader.goto(f"{live_server_url}/konsultacje/{SLUG}/")
    reader.get_by_role("link", name="Przeczytaj raport z konsultacji").click()
    reader.wait_for_url(f"**{REPORT}")
    assert_accessible(reader)
    table = reader.get_by_role("table", name="3 uwagi w kolejności projektu")
    expect(table).to_contain_text("Dopisać kluby seniora we wszystkich dzielnicach.")
    expect(table).to_contain_text("na papierze")
    expect(table).to_contain_text("po terminie")
    expect(table).to_contain_text("wyjaśniono")

    with reader.expect_download() as download_info:
        reader.get_by_role("link", name="PDF do druku").click()
    download = download_info.value
    assert download.suggested_filename == f"raport-{SLUG}.pdf"
    from pypdf import PdfReader

    text = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(Path(download.path()).read_bytes())).pages
    )
    assert consultation.title in text.replace("\n", " ")
    assert "Wydłużyć konsultacje do 30 dni." in text
    reader.context.close()


def test_the_coordinators_preview_passes_axe(closed_with_remarks, page, visit, live_server_url):
    log_in(page, live_server_url, "koordynator@nadrzecze.example", "/konto/zgloszenia/")

    visit(REPORT)

    expect(page.get_by_role("note")).to_contain_text("raport nie został jeszcze opublikowany")
