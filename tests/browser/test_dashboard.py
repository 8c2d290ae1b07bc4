"""The coordinator's dashboard in the admin and a closed consultation's statistics, in a real
browser, checked with axe (WCAG 2.0/2.1 A and AA)."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from comments.models import Channel, Outcome
from comments.services import position_set
from consultations.models import ConsultationPage
from consultations.services import version_publish
from demo.gmina import DEMO_PASSWORD
from tests.browser.conftest import WCAG_A_AA, assert_accessible
from tests.factories import consultation_page, remark_on

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COORDINATOR = "koordynator@nadrzecze.example"


def closed_consultation_with_remarks(coordinator, *, closed_days_ago):
    """Closed `closed_days_ago` days ago, with remarks from three channels, two answered."""
    from django.utils import timezone

    now = timezone.now()
    page = consultation_page(
        slug=f"program-zamkniety-{closed_days_ago}",
        title=f"Program współpracy – konsultacje zamknięte {closed_days_ago} dni temu",
        chapters=2,
        paragraphs=3,
    )
    version_publish(page=page, label="projekt do konsultacji")
    paragraphs = [p for c in page.versions.get().chapters for p in c["paragraphs"]]
    answered = [
        remark_on(page, paragraph=paragraphs[0]),
        remark_on(page, paragraph=paragraphs[0], channel=Channel.PAPER),
    ]
    remark_on(page, paragraph=paragraphs[4], channel=Channel.EMAIL)
    remark_on(page)
    position_set(
        remarks=answered,
        outcome=Outcome.PARTLY_ACCEPTED,
        justification="Sale dostępne w soboty; niedziele wymagają zmiany regulaminu.",
        by=coordinator,
        notify=False,
    )
    ConsultationPage.objects.filter(pk=page.pk).update(
        opens_at=now - timedelta(days=closed_days_ago + 14),
        closes_at=now - timedelta(days=closed_days_ago),
    )
    return ConsultationPage.objects.get(pk=page.pk)


def assert_panel_accessible(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        context="#coordinator-dashboard-section",
        options={"runOnly": {"type": "tag", "values": WCAG_A_AA}},
    )
    assert results.violations_count == 0, results.generate_report()


def test_the_coordinator_sees_the_dashboard_and_a_resident_reads_the_statistics(
    live_demo, browser, page, visit, live_server_url
):
    from cms.models import User

    coordinator = User.objects.get(email=COORDINATOR)
    overdue = closed_consultation_with_remarks(coordinator, closed_days_ago=45)
    closed_consultation_with_remarks(coordinator, closed_days_ago=3)

    page.goto(f"{live_server_url}/konto/login/?next=/admin/")
    page.get_by_label("Adres e-mail").fill(COORDINATOR)
    page.get_by_label("Hasło").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Zaloguj").click()
    page.wait_for_url("**/admin/")

    panel = page.locator("#coordinator-dashboard-section")
    expect(panel.get_by_role("heading", name="Pulpit koordynatora")).to_be_visible()
    reports = panel.get_by_role("table", name="Zakończone konsultacje bez opublikowanego raportu")
    late_row = reports.get_by_role("row", name=overdue.title)
    expect(late_row).to_contain_text("po terminie o")
    expect(late_row).to_have_class("coordinator-dashboard__row--overdue")
    expect(panel.get_by_role("table", name="Nadchodzące spotkania stolikowe")).to_be_visible()
    assert_panel_accessible(page)
    assert_accessible(page)  # the whole admin home page, Wagtail's own chrome included

    # From the dashboard to the remarks still without a position.
    late_row.get_by_role("link", name="bez stanowiska").click()
    page.wait_for_url(f"**/admin/dyskusja/uwagi/{overdue.pk}/")
    expect(page.get_by_text("2 z 4 uwag rozpatrzonych")).to_be_visible()

    # A resident (anonymous here) reads the closed consultation's statistics.
    page.context.clear_cookies()
    visit(overdue.url)
    figure = page.get_by_role("figure", name="Uwagi formalne według rozdziałów projektu")
    expect(figure).to_be_visible()
    expect(figure.get_by_role("table")).to_contain_text("Rozdział 1. Postanowienia")
    positions = page.get_by_role("figure", name="Stanowiska urzędu wobec rozpatrzonych uwag")
    expect(positions.get_by_role("row", name="częściowo uwzględniono")).to_contain_text("100%")
