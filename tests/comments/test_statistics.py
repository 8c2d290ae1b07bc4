"""Public statistics on a consultation page once it has closed (comments/statistics.py)."""

from datetime import timedelta

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from cms.services import role_assign
from comments.models import Channel, Comment, Outcome
from comments.services import comment_delete, position_set
from comments.statistics import consultation_statistics
from consultations.models import ConsultationPage
from consultations.services import version_publish
from core.roles import COORDINATORS
from tests.factories import UserFactory, consultation_page, remark_on

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36"


@pytest.fixture
def coordinator(db):
    user = UserFactory(first_name="Marta", last_name="Zielińska")
    role_assign(user=user, role=COORDINATORS)
    return user


@pytest.fixture
def consultation(demo_site):
    """Two chapters of three paragraphs each, public as version 1."""
    page = consultation_page(
        slug="program-2028", title="Program współpracy na 2028 rok", chapters=2, paragraphs=3
    )
    version_publish(page=page, label="projekt do konsultacji")
    return ConsultationPage.objects.get(pk=page.pk)


def paragraphs(page):
    return [p for chapter in page.versions.get().chapters for p in chapter["paragraphs"]]


def close(page, *, days_ago=3):
    now = timezone.now()
    ConsultationPage.objects.filter(pk=page.pk).update(
        opens_at=now - timedelta(days=days_ago + 14), closes_at=now - timedelta(days=days_ago)
    )
    return ConsultationPage.objects.get(pk=page.pk)


def chart(html, slug):
    """The rows of a chart's table as (label, count, share)."""
    figure = lxml.html.fromstring(html).get_element_by_id(f"statystyki-{slug}")
    return [
        (
            row.xpath("string(th)").strip(),
            row.xpath("string(td[@class='chart__number'][1])").strip(),
            row.xpath("string(td[@class='chart__number'][2])").strip(),
        )
        for row in figure.xpath(".//table/tbody/tr")
    ]


def read(client, url):
    return client.get(url, HTTP_USER_AGENT=BROWSER)


@pytest.fixture
def closed_with_remarks(consultation):
    """Six remarks: three on § 2 (chapter 1), one on § 5 (chapter 2), two on the whole
    draft; four online, one on paper, one by e-mail."""
    p = paragraphs(consultation)
    remark_on(consultation, paragraph=p[1])
    remark_on(consultation, paragraph=p[1])
    remark_on(consultation, paragraph=p[1], channel=Channel.PAPER)
    remark_on(consultation, paragraph=p[4], channel=Channel.EMAIL)
    remark_on(consultation)
    remark_on(consultation)
    return close(consultation)


def test_remarks_are_counted_per_chapter_and_per_paragraph(client, closed_with_remarks):
    html = read(client, closed_with_remarks.url).content.decode()

    assert chart(html, "rozdzialy") == [
        ("Rozdział 1. Postanowienia", "3", "50%"),
        ("Rozdział 2. Postanowienia", "1", "17%"),
        ("cały projekt", "2", "33%"),
    ]
    assert chart(html, "jednostki") == [
        ("§ 2", "3", "50%"),
        ("§ 5", "1", "17%"),
        ("cały projekt", "2", "33%"),
    ]


def test_the_chart_is_a_figure_with_a_caption_bars_in_words_and_a_table(
    client, closed_with_remarks
):
    html = read(client, closed_with_remarks.url).content.decode()
    figure = lxml.html.fromstring(html).get_element_by_id("statystyki-rozdzialy")

    assert figure.tag == "figure"
    assert figure.xpath("string(figcaption)") == "Uwagi formalne według rozdziałów projektu"
    bars = figure.xpath(".//div[@class='chart__bars']")[0]
    assert bars.get("aria-hidden") == "true"
    assert [v.text for v in bars.xpath(".//span[@class='chart__value']")] == [
        "3 (50%)",
        "1 (17%)",
        "2 (33%)",
    ]
    assert figure.xpath(".//table/caption")[0].text == "Uwagi formalne według rozdziałów projektu"
    assert figure.xpath("string(.//table/tfoot/tr/td[1])") == "6"


def test_remarks_are_counted_by_channel(client, closed_with_remarks):
    html = read(client, closed_with_remarks.url).content.decode()

    with translation.override("pl"):
        online, paper, email = (
            str(c.label) for c in (Channel.ONLINE, Channel.PAPER, Channel.EMAIL)
        )
    assert chart(html, "kanaly") == [
        (online, "4", "67%"),
        (paper, "1", "17%"),
        (email, "1", "17%"),
    ]


def test_the_share_of_each_position_is_among_the_answered_remarks(
    client, consultation, coordinator
):
    p = paragraphs(consultation)
    accepted = [remark_on(consultation, paragraph=p[0]) for _ in range(2)]
    rejected = remark_on(consultation, paragraph=p[2])
    remark_on(consultation, paragraph=p[3])  # not answered yet
    position_set(
        remarks=accepted,
        outcome=Outcome.ACCEPTED,
        justification="Zapis poszerzono.",
        by=coordinator,
        notify=False,
    )
    position_set(
        remarks=[rejected],
        outcome=Outcome.REJECTED,
        justification="Wynika z budżetu.",
        by=coordinator,
        notify=False,
    )
    page = close(consultation)

    html = read(client, page.url).content.decode()

    assert "3 z 4 uwag rozpatrzonych" in html
    assert chart(html, "stanowiska") == [
        ("uwzględniono", "2", "67%"),
        ("częściowo uwzględniono", "0", "0%"),
        ("nie uwzględniono", "1", "33%"),
        ("wyjaśniono", "0", "0%"),
        ("pozostawiono bez rozpatrzenia", "0", "0%"),
    ]


def test_without_positions_there_is_no_position_chart_but_a_note(client, closed_with_remarks):
    html = read(client, closed_with_remarks.url).content.decode()

    assert 'id="statystyki-stanowiska"' not in html
    assert "Urząd nie odniósł się jeszcze do uwag." in html


def test_removed_remarks_do_not_count(client, consultation, resident):
    p = paragraphs(consultation)
    mine = remark_on(consultation, paragraph=p[0], user=resident)
    remark_on(consultation, paragraph=p[0])
    comment_delete(comment=mine, user=resident)
    page = close(consultation)

    html = read(client, page.url).content.decode()

    assert chart(html, "jednostki") == [("§ 1", "1", "100%")]


def test_a_remark_on_a_paragraph_removed_later_keeps_its_number(consultation):
    remark_on(
        consultation,
        paragraph={"id": "usuniety-akapit", "label": "§ 9", "text": "Usunięty zapis."},
    )

    statistics = consultation_statistics(
        consultation, chapters=consultation.versions.get().chapters
    )

    by_paragraph = statistics.charts[1]
    assert [(bar.label, bar.group, bar.count) for bar in by_paragraph.bars] == [
        ("§ 9", "usunięte w późniejszych wersjach", 1)
    ]
    assert statistics.charts[0].bars[-1].label == "akapity usunięte w późniejszych wersjach"


def test_an_open_consultation_shows_no_statistics(client, consultation):
    remark_on(consultation, paragraph=paragraphs(consultation)[0])

    html = read(client, consultation.url).content.decode()

    assert "Konsultacje w liczbach" not in html
    assert "statystyki-rozdzialy" not in html


def test_a_closed_consultation_without_remarks_says_so(client, consultation):
    page = close(consultation)

    html = read(client, page.url).content.decode()

    assert "Konsultacje w liczbach" in html
    assert "W tych konsultacjach nie zgłoszono uwag formalnych." in html


def test_the_statistics_cost_the_same_queries_for_few_and_many_remarks(consultation):
    chapters = consultation.versions.get().chapters
    p = paragraphs(consultation)
    remark_on(consultation, paragraph=p[0])
    with CaptureQueriesContext(connection) as few:
        consultation_statistics(consultation, chapters=chapters)

    for index in range(30):
        remark_on(
            consultation,
            paragraph=p[index % len(p)] if index % 4 else None,
            channel=[Channel.ONLINE, Channel.PAPER, Channel.EPUAP][index % 3],
        )
    with CaptureQueriesContext(connection) as many:
        statistics = consultation_statistics(consultation, chapters=chapters)

    assert statistics.remarks == 31
    assert len(many) == len(few) <= 2


def test_a_position_given_refreshes_the_stored_page_for_anonymous_readers(
    client, closed_with_remarks, coordinator, django_capture_on_commit_callbacks
):
    page = closed_with_remarks
    read(client, page.url)
    assert read(client, page.url)["X-Page-Cache"] == "hit"
    remark = Comment.objects.on_page(page).filter(kind="uwaga").first()

    with django_capture_on_commit_callbacks(execute=True):
        position_set(
            remarks=[remark],
            outcome=Outcome.EXPLAINED,
            justification="Wyjaśniono w piśmie.",
            by=coordinator,
            notify=False,
        )

    response = read(client, page.url)
    assert response.get("X-Page-Cache") != "hit"
    assert ("wyjaśniono", "1", "100%") in chart(response.content.decode(), "stanowiska")
