"""The coordinator's dashboard on the Wagtail admin's home page (reporting/dashboard.py)."""

from datetime import datetime, time, timedelta

import lxml.html
import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.models import GminaSettings
from cms.services import role_assign
from comments.models import Kind, Outcome
from comments.services import position_set
from consultations.models import ConsultationPage
from core.roles import COORDINATORS, MODERATORS
from events.services import registration_create
from reporting.dashboard import CoordinatorDashboardPanel, coordinator_dashboard
from tests.factories import UserFactory, consultation_page, remark_on, workshop_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(db):
    user = UserFactory(first_name="Marta", last_name="Zielińska")
    role_assign(user=user, role=COORDINATORS)
    return user


@pytest.fixture
def gmina(demo_site):
    gmina = GminaSettings.objects.get()
    gmina.report_deadline_days = 30
    gmina.save()
    return gmina


def no_demo_consultations():
    """The demo gmina's own consultations and meetings would crowd the dashboard."""
    from wagtail.models import Page

    from events.models import WorkshopPage

    for page in [*ConsultationPage.objects.all(), *WorkshopPage.objects.all()]:
        Page.objects.get(pk=page.pk).delete()


@pytest.fixture
def clean_site(gmina):
    no_demo_consultations()
    return gmina


def local_noon(days_from_today: int):
    """Noon, Warsaw time, that many days from today: whole days whatever the clock says."""
    day = timezone.localdate() + timedelta(days=days_from_today)
    return timezone.make_aware(datetime.combine(day, time(12)))


def consultation(*, title, opens_days_ago, closes_in_days, **fields):
    """Closing in the future: that many days from now; in the past: at noon of that day."""
    closes_at = (
        timezone.now() + timedelta(days=closes_in_days)
        if closes_in_days > 0
        else local_noon(closes_in_days)
    )
    return consultation_page(
        title=title, opens_at=local_noon(-opens_days_ago), closes_at=closes_at, **fields
    )


def panel_html(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    document = lxml.html.fromstring(response.content.decode())
    found = document.xpath("//section[@id='coordinator-dashboard-section']")
    return found[0] if found else None


def section_rows(panel, title_id):
    """The rows of one of the panel's tables as lists of cell texts."""
    section = panel.xpath(f".//section[@aria-labelledby='{title_id}']")[0]
    return [
        [" ".join(cell.text_content().split()) for cell in row.xpath("th|td")]
        for row in section.xpath(".//tbody/tr")
    ]


def comment_on(page, **fields):
    return remark_on(page, kind=Kind.COMMENT, **fields)


def test_a_coordinator_sees_open_consultations_with_their_comments_and_remarks(
    client, clean_site, coordinator
):
    page = consultation(title="Program współpracy na 2028 rok", opens_days_ago=3, closes_in_days=11)
    comment_on(page)
    comment_on(page)
    answered = remark_on(page)
    remark_on(page)
    remark_on(page)
    position_set(
        remarks=[answered],
        outcome=Outcome.ACCEPTED,
        justification="Zapis poszerzono.",
        by=coordinator,
        notify=False,
    )

    panel = panel_html(client, coordinator)

    [row] = section_rows(panel, "dashboard-open-title")
    assert row[0] == "Program współpracy na 2028 rok"
    assert row[2:] == ["2", "3", "2"]
    link = panel.xpath(".//section[@aria-labelledby='dashboard-open-title']//td/a")[0]
    assert link.get("href") == f"/admin/dyskusja/uwagi/{page.pk}/"
    assert link.get("aria-label").startswith("2 uwagi bez stanowiska")


def test_a_closed_consultation_counts_down_to_its_report_deadline(client, clean_site, coordinator):
    page = consultation(
        title="Program współpracy na 2027 rok", opens_days_ago=20, closes_in_days=-5
    )
    remark_on(page)

    panel = panel_html(client, coordinator)

    [row] = section_rows(panel, "dashboard-reports-title")
    assert row[0] == "Program współpracy na 2027 rok"
    assert row[3] == "zostało 25 dni"
    assert row[4] == "1"
    html = lxml.html.tostring(panel, encoding="unicode")
    assert "coordinator-dashboard__row--overdue" not in html


def test_an_overdue_report_turns_the_row_red_and_says_how_late_it_is(
    client, clean_site, coordinator
):
    page = consultation(
        title="Program współpracy na 2026 rok", opens_days_ago=60, closes_in_days=-42
    )

    panel = panel_html(client, coordinator)

    [row] = section_rows(panel, "dashboard-reports-title")
    assert row[3] == "po terminie o 12 dni"
    tr = panel.xpath(".//section[@aria-labelledby='dashboard-reports-title']//tbody/tr")[0]
    assert tr.get("class") == "coordinator-dashboard__row--overdue"
    deadline = page.report_deadline(clean_site)
    assert tr.xpath(".//time")[1].get("datetime") == deadline.isoformat()


def test_a_report_one_day_late_says_so_in_the_singular(clean_site, coordinator):
    consultation(title="Program 2025", opens_days_ago=50, closes_in_days=-31)

    html = panel_html_for(coordinator)

    assert "po terminie o 1 dzień" in html


def panel_html_for(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return CoordinatorDashboardPanel(request).render_html({})


def test_a_published_report_leaves_the_list(clean_site, coordinator):
    page = consultation(title="Program 2025", opens_days_ago=60, closes_in_days=-42)
    ConsultationPage.objects.filter(pk=page.pk).update(report_published_at=timezone.now())

    html = panel_html_for(coordinator)

    assert "Program 2025" not in html
    assert "Nie ma zaległych raportów" in html


def test_upcoming_meetings_show_their_fill_rate_full_tables_and_waiting_list(
    client, clean_site, coordinator
):
    workshop = workshop_page(
        title="Spotkanie stolikowe – program 2028", tables=[("Seniorzy", 2), ("Kultura", 10)]
    )
    seniors, culture = workshop.tables.order_by("sort_order", "pk")
    for table in (seniors, seniors, seniors, culture):
        registration_create(workshop=workshop, table=table, user=UserFactory())
    workshop_page(
        title="Spotkanie, które już było",
        starts_at=timezone.now() - timedelta(days=2),
        ends_at=timezone.now() - timedelta(days=2) + timedelta(hours=2),
        registration_opens_at=timezone.now() - timedelta(days=9),
        registration_closes_at=timezone.now() - timedelta(days=3),
        proposals_close_at=None,
    )

    panel = panel_html(client, coordinator)

    [row] = section_rows(panel, "dashboard-workshops-title")
    assert row[0] == "Spotkanie stolikowe – program 2028"
    assert row[3] == "3 z 12 (25%)"
    assert row[4] == "1 z 2"
    assert row[5] == "1"
    link = panel.xpath(".//section[@aria-labelledby='dashboard-workshops-title']//th/a")[0]
    assert link.get("href") == f"/admin/spotkania/{workshop.pk}/zgloszenia/"


def test_tables_of_the_same_size_are_counted_one_by_one(client, clean_site, coordinator):
    workshop = workshop_page(
        title="Spotkanie stolikowe – program 2028",
        tables=[("Seniorzy", 2), ("Kultura", 2), ("Sport", 2), ("Zdrowie", 10)],
    )
    seniors = workshop.tables.get(name="Seniorzy")
    for _ in range(2):
        registration_create(workshop=workshop, table=seniors, user=UserFactory())

    [row] = section_rows(panel_html(client, coordinator), "dashboard-workshops-title")

    assert row[3] == "2 z 16 (12%)"
    assert row[4] == "1 z 4"


def test_council_opinions_due_are_listed_with_the_overdue_ones_in_red_and_words(
    client, clean_site, coordinator
):
    today = timezone.localdate()
    consultation(
        title="Program współpracy na 2028 rok",
        opens_days_ago=3,
        closes_in_days=11,
        council_opinion_requested_on=today - timedelta(days=4),
    )
    consultation(
        title="Program współpracy na 2027 rok",
        opens_days_ago=30,
        closes_in_days=-10,
        council_opinion_requested_on=today - timedelta(days=20),
    )
    consultation(
        title="Program z opinią rady",
        opens_days_ago=30,
        closes_in_days=-10,
        council_opinion_requested_on=today - timedelta(days=20),
        council_opinion="Rada opiniuje projekt pozytywnie.",
    )

    panel = panel_html(client, coordinator)

    rows = section_rows(panel, "dashboard-council-title")
    assert [(row[0], row[3]) for row in rows] == [
        ("Program współpracy na 2027 rok", "po terminie o 6 dni"),
        ("Program współpracy na 2028 rok", "zostało 10 dni"),
    ]
    trs = panel.xpath(".//section[@aria-labelledby='dashboard-council-title']//tbody/tr")
    assert [tr.get("class") for tr in trs] == ["coordinator-dashboard__row--overdue", None]


def test_every_section_has_a_polish_empty_state(client, clean_site, coordinator):
    panel = panel_html(client, coordinator)

    text = " ".join(panel.text_content().split())
    assert "Pulpit koordynatora" in text
    assert "Żadne konsultacje teraz nie trwają." in text
    assert "Nie ma zaległych raportów" in text
    assert "Nie zaplanowano żadnego nadchodzącego spotkania stolikowego." in text
    assert "Nie oczekujemy na żadną opinię rady działalności pożytku publicznego." in text
    assert not panel.xpath(".//table")


def test_the_tables_have_captions_and_header_cells(client, clean_site, coordinator):
    consultation(title="Program 2028", opens_days_ago=3, closes_in_days=11)
    consultation(title="Program 2027", opens_days_ago=30, closes_in_days=-10)

    panel = panel_html(client, coordinator)

    tables = panel.xpath(".//table")
    assert len(tables) == 2
    for table in tables:
        assert table.xpath("caption")[0].text_content().strip()
        assert all(th.get("scope") == "col" for th in table.xpath("thead//th"))
        assert all(row.xpath("th[@scope='row']") for row in table.xpath("tbody/tr"))


def test_an_editor_of_one_consultation_sees_only_it_and_no_link_to_positions(client, clean_site):
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    mine = consultation(title="Program dla Śródmieścia", opens_days_ago=3, closes_in_days=11)
    consultation(title="Program dla Zarzecza", opens_days_ago=3, closes_in_days=11)
    remark_on(mine)
    editors = Group.objects.create(name="Redakcja Śródmieścia")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=editors,
        page=mine,
        permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename="change_page"
        ),
    )
    editor = UserFactory(first_name="Jan", last_name="Wróblewski")
    editor.groups.add(editors)

    panel = panel_html(client, editor)

    [row] = section_rows(panel, "dashboard-open-title")
    assert row[0] == "Program dla Śródmieścia"
    assert row[2:] == ["0", "1", "1"]
    assert not panel.xpath(".//a[contains(@href, '/admin/dyskusja/uwagi/')]")


def test_a_moderator_does_not_see_the_dashboard(client, clean_site):
    moderator = UserFactory(first_name="Tomasz", last_name="Lewandowski")
    role_assign(user=moderator, role=MODERATORS)
    consultation(title="Program 2028", opens_days_ago=3, closes_in_days=11)

    assert panel_html(client, moderator) is None


def test_a_resident_is_refused_the_admin_and_its_dashboard(client, clean_site, resident):
    client.force_login(resident)

    response = client.get("/admin/")

    assert response.status_code in (302, 403)
    assert "Pulpit koordynatora" not in response.content.decode()


def build(number: int) -> None:
    """`number` open and `number` closed consultations with comments and remarks, and
    `number` upcoming meetings with registrations."""
    today = timezone.localdate()
    for index in range(number):
        page = consultation(
            title=f"Program {index}",
            opens_days_ago=3,
            closes_in_days=11,
            council_opinion_requested_on=today - timedelta(days=index),
        )
        comment_on(page)
        remark_on(page)
        closed = consultation(title=f"Zamknięte {index}", opens_days_ago=40, closes_in_days=-index)
        remark_on(closed)
        workshop = workshop_page(title=f"Spotkanie {index}", tables=[("Seniorzy", 1), ("Sport", 3)])
        for table in workshop.tables.all():
            registration_create(workshop=workshop, table=table, user=UserFactory())


def dashboard_queries(user) -> int:
    request = RequestFactory().get("/admin/")
    request.user = user
    with CaptureQueriesContext(connection) as queries:
        CoordinatorDashboardPanel(request).render_html({})
    return len(queries)


def test_the_dashboard_costs_the_same_queries_for_one_and_for_five_consultations(
    clean_site, coordinator, django_assert_max_num_queries
):
    build(1)
    dashboard_queries(coordinator)  # warm the caches shared with other pages (site, settings)
    one = dashboard_queries(coordinator)

    build(4)
    with django_assert_max_num_queries(one):
        request = RequestFactory().get("/admin/")
        request.user = coordinator
        html = CoordinatorDashboardPanel(request).render_html({})

    assert html.count(">Zamknięte ") == 5
    assert dashboard_queries(coordinator) == one <= 8  # site, settings, 2 reads × 2


def test_the_read_counts_remarks_of_every_channel_and_ignores_removed_ones(clean_site, coordinator):
    page = consultation(title="Program 2028", opens_days_ago=3, closes_in_days=11)
    remark_on(page, channel="papier")
    remark_on(page, channel="epuap")
    remark_on(page, is_removed=True)

    dashboard = coordinator_dashboard(user=coordinator, gmina=clean_site)

    [row] = dashboard.open_consultations
    assert (row.remarks, row.without_position) == (2, 2)
