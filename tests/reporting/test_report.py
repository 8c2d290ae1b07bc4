"""The consultation report: every remark in document order with its position, the summary,
publishing it once, the same columns in HTML, PDF, XLSX and CSV, and the coordinator's
page for it in the admin. A published report is the official record: stored as published
(with the SHA-256 of its files in the metryczka), frozen, and corrected only by a new
numbered edition while the earlier one stays at its own address."""

import csv
import hashlib
import io
import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from cms.services import role_assign
from comments.models import Comment, Outcome, Position, Status
from comments.services import position_set, remark_enter, remark_mark_defect
from consultations import signals
from consultations.models import ConsultationPage, ReportEdition
from consultations.services import version_publish
from core.roles import COORDINATORS, MODERATORS
from reporting.selectors import report_build
from reporting.services import report_correction_open, report_publish, report_summary_set
from tests.factories import UserFactory, consultation_page, remark_on, workshop_page

pytestmark = pytest.mark.django_db

TITLE = "Program współpracy Gminy Nadrzecze na 2028 rok"


@pytest.fixture
def coordinator(db):
    user = UserFactory(first_name="Marta", last_name="Zielińska")
    role_assign(user=user, role=COORDINATORS)
    return user


@pytest.fixture
def closed(demo_site):
    """A consultation closed two days ago, with version 1 of two chapters of three
    paragraphs."""
    now = timezone.now()
    page = consultation_page(
        slug="program-2028",
        title=TITLE,
        chapters=2,
        opens_at=now - timedelta(days=20),
        closes_at=now - timedelta(days=2),
    )
    version_publish(page=page, label="projekt do konsultacji")
    return ConsultationPage.objects.get(pk=page.pk)


@pytest.fixture
def paragraphs(closed):
    version = closed.versions.get()
    return [paragraph for chapter in version.chapters for paragraph in chapter["paragraphs"]]


def position(page, outcome=Outcome.ACCEPTED, justification="Zapis zostanie uzupełniony."):
    return Position.objects.create(page=page, outcome=outcome, justification=justification)


def typed_in(page, **fields):
    """A remark staff typed in for someone without an account."""
    remark = remark_on(page, **fields)
    Comment.objects.filter(pk=remark.pk).update(user=None)
    return remark


def received(days_ago):
    return timezone.now() - timedelta(days=days_ago)


def report_url(page, suffix=""):
    return f"{page.url}raport/{suffix}"


# --- Document order -------------------------------------------------------------------------


def test_remarks_are_numbered_general_first_then_in_the_order_of_the_draft(closed, paragraphs):
    later = remark_on(closed, paragraph=paragraphs[4], received_at=received(5))
    removed = remark_on(
        closed, paragraph={"id": "usuniety", "label": "§ 99", "text": "Stary zapis."}
    )
    first_on_p2 = remark_on(closed, paragraph=paragraphs[1], received_at=received(9))
    general = remark_on(closed, received_at=received(3))
    second_on_p2 = remark_on(closed, paragraph=paragraphs[1], received_at=received(8))

    rows = report_build(page=closed).rows

    assert [row.remark_id for row in rows] == [
        general.pk,
        first_on_p2.pk,
        second_on_p2.pk,
        later.pk,
        removed.pk,
    ]
    assert [row.number for row in rows] == [1, 2, 3, 4, 5]
    assert rows[-1].fragment_text == "§ 99 (nie ma go już w projekcie)"


def test_remarks_from_every_channel_are_in_the_report_but_withdrawn_ones_are_not(closed):
    remark_on(closed, channel="papier")
    remark_on(closed, channel="e-mail")
    remark_on(closed, is_removed=True)

    assert [row.channel for row in report_build(page=closed).rows] == ["papier", "e-mail"]


def test_a_remark_hidden_by_a_moderator_is_listed_without_its_text(closed):
    remark_on(
        closed,
        status=Status.HIDDEN,
        moderation_reason="wpis narusza zasady dyskusji",
        justification="Obraźliwy tekst.",
        position=position(closed, Outcome.NOT_CONSIDERED, "Uwaga nie dotyczy projektu."),
    )

    row = report_build(page=closed).rows[0]

    assert "Obraźliwy" not in row.content_text
    assert "wpis narusza zasady dyskusji" in row.content_text
    assert row.outcome_label == "pozostawiono bez rozpatrzenia"


# --- Summary --------------------------------------------------------------------------------


def test_the_summary_counts_people_organisations_positions_channels_and_lateness(closed):
    ewa = UserFactory(first_name="Ewa", last_name="Nowicka")
    accepted = position(closed, Outcome.ACCEPTED)
    remark_on(closed, user=ewa, organisation_name="Fundacja Rodzina w Centrum", position=accepted)
    remark_on(closed, user=ewa, organisation_name="Fundacja Rodzina w Centrum", position=accepted)
    typed_in(
        closed,
        channel="papier",
        user_name="Jan Wróblewski",
        organisation_name="Stowarzyszenie Seniorów „Złota Jesień”",
        is_late=True,
        formal_defect="brak podpisu osoby upoważnionej",
        position=position(closed, Outcome.REJECTED),
    )
    typed_in(  # typed in by staff for an organisation alone
        closed,
        channel="epuap",
        user_name="Fundacja „Agora”",
        organisation_name="Fundacja „Agora”",
        position=accepted,
    )

    report = report_build(page=closed)

    assert report.participants == 2
    assert report.organisations == 3
    assert dict(report.by_outcome)["uwzględniono"] == 3
    assert dict(report.by_outcome)["nie uwzględniono"] == 1
    assert dict(report.by_channel) == {
        "online, na tej platformie": 2,
        "na papierze": 1,
        "przez ePUAP": 1,
    }
    assert (report.late, report.formal_defects) == (1, 1)
    assert report.rows[-1].author == "Fundacja „Agora”"


def test_an_organisation_name_typed_into_a_registration_is_not_counted_as_taking_part(closed):
    from events.models import Registration

    meeting = workshop_page(parent=closed, tables=(("Kultura", 10),))
    Registration.objects.create(
        workshop=meeting,
        table=meeting.tables.get(),
        user=UserFactory(first_name="Adam", last_name="Zając"),
        organisation_name="Fundacja Rodzina w Centrum",
        status="potwierdzona",
    )

    report = report_build(page=closed)

    assert (report.participants, report.organisations) == (1, 0)


def test_workshop_attendance_counts_confirmed_seats_per_table(closed):
    from events.models import Registration

    meeting = workshop_page(parent=closed, tables=(("Kultura", 10), ("Seniorzy", 2)))
    culture, seniors = meeting.tables.order_by("sort_order")
    for status in ("potwierdzona", "potwierdzona", "oczekujaca", "anulowana"):
        Registration.objects.create(
            workshop=meeting, table=seniors, user=UserFactory(), status=status
        )
    Registration.objects.create(
        workshop=meeting, table=culture, user=UserFactory(), status="potwierdzona"
    )

    (attendance,) = report_build(page=closed).workshops

    assert [(t.name, t.confirmed, t.capacity) for t in attendance.tables] == [
        ("Kultura", 1, 10),
        ("Seniorzy", 2, 2),
    ]
    assert report_build(page=closed).participants == 3


# --- Publishing -----------------------------------------------------------------------------


def test_publishing_is_refused_while_a_remark_has_no_position_and_names_it(
    closed, paragraphs, coordinator
):
    remark_on(closed, paragraph=paragraphs[0], position=position(closed))
    remark_on(closed, paragraph=paragraphs[2])
    remark_on(closed, paragraph=paragraphs[4], fragment="§ 5 ust. 2")

    with pytest.raises(ValidationError) as refusal:
        report_publish(page=closed, by=coordinator)

    message = " ".join(refusal.value.messages)
    assert "2 uwagi nie mają jeszcze stanowiska" in message
    assert "nr 2 (§ 3)" in message
    assert "nr 3 (§ 5 ust. 2)" in message
    assert "nr 1" not in message
    closed.refresh_from_db()
    assert closed.report_published_at is None


def test_publishing_is_refused_before_the_consultation_closes(demo_site, coordinator):
    page = consultation_page(title=TITLE)  # open until twelve days from now

    with pytest.raises(ValidationError, match="nie zakończyły się"):
        report_publish(page=page, by=coordinator)


def test_only_coordinators_publish_the_report(closed, resident):
    with pytest.raises(ValidationError, match="koordynatorzy"):
        report_publish(page=closed, by=resident)


def test_the_report_is_published_once_logged_and_announced_after_the_commit(
    closed, coordinator, django_capture_on_commit_callbacks
):
    remark_on(closed, position=position(closed))
    announced = []

    def receiver(sender, page, **kwargs):
        announced.append(page.pk)

    signals.report_published.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            report_publish(page=closed, by=coordinator)
        published_at = ConsultationPage.objects.get(pk=closed.pk).report_published_at
        with pytest.raises(ValidationError, match="już opublikowany"):
            report_publish(page=ConsultationPage.objects.get(pk=closed.pk), by=coordinator)
    finally:
        signals.report_published.disconnect(receiver)

    assert announced == [closed.pk]
    assert published_at is not None
    assert ConsultationPage.objects.get(pk=closed.pk).report_published_at == published_at
    entry = PageLogEntry.objects.get(page=closed, action="consultations.report_publish")
    assert entry.user == coordinator
    assert entry.data == {"remarks": 1, "edition": 1, "note": ""}


def test_publishing_an_older_revision_keeps_the_report_published(closed, coordinator):
    stale = closed.save_revision()  # a revision from before the report
    report_publish(page=closed, by=coordinator)  # no remarks: nothing to answer

    stale.publish()

    assert ConsultationPage.objects.get(pk=closed.pk).report_published_at is not None


def test_an_empty_consultation_publishes_a_report_saying_no_remarks_came(
    client, closed, coordinator
):
    report_publish(page=closed, by=coordinator)

    response = client.get(report_url(closed))

    assert "Nie wpłynęły żadne uwagi." in response.text


# --- Who sees it ----------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["", "pdf/", "xlsx/", "csv/"])
def test_the_report_is_not_found_before_it_is_published(client, closed, resident, suffix):
    remark_on(closed, position=position(closed))

    assert client.get(report_url(closed, suffix)).status_code == 404
    client.force_login(resident)
    assert client.get(report_url(closed, suffix)).status_code == 404


def test_coordinators_preview_the_report_with_a_banner_before_it_is_published(
    client, closed, coordinator
):
    remark_on(closed, justification="Dopisać kluby seniora w każdej dzielnicy.")
    client.force_login(coordinator)

    response = client.get(report_url(closed))

    assert response.status_code == 200
    assert "Podgląd: raport nie został jeszcze opublikowany." in response.text
    assert "Dopisać kluby seniora w każdej dzielnicy." in response.text
    assert response["X-Robots-Tag"] == "noindex"


def test_the_published_report_shows_every_remark_with_its_position_in_an_accessible_table(
    client, closed, paragraphs, coordinator
):
    remark_on(
        closed,
        paragraph=paragraphs[1],
        user_name="Anna Kowalczyk",
        organisation_name="Fundacja „Agora”",
        proposed_wording="Jawne nazwiska członków komisji.",
        position=position(
            closed, Outcome.EXPLAINED, "Skład komisji jest publikowany z wynikami konkursu."
        ),
    )
    report_publish(page=closed, by=coordinator)

    html = client.get(report_url(closed)).text

    assert "<caption" in html
    assert '<th scope="col">Stanowisko</th>' in html
    assert '<th scope="row">1</th>' in html
    assert "Fundacja „Agora”" in html
    assert "Jawne nazwiska członków komisji." in html
    assert "wyjaśniono" in html
    assert "Skład komisji jest publikowany z wynikami konkursu." in html
    assert "Podgląd" not in html


def test_the_consultation_page_links_to_its_report_once_published(client, closed, coordinator):
    assert "raport/" not in client.get(closed.url).text

    report_publish(page=closed, by=coordinator)

    page = client.get(closed.url).text  # the anonymous page cache was told
    assert f'href="{closed.url}raport/"' in page


# --- The same columns in every format ---------------------------------------------------------


@pytest.fixture
def published(closed, paragraphs, coordinator):
    """Five answered remarks, one of them late and on paper, one hostile, then published."""
    answer = position(closed)
    for number in range(3):
        remark_on(
            closed,
            paragraph=paragraphs[number],
            user_name=f"Osoba {number}",
            proposed_wording=f"Propozycja numer {number}.",
            position=answer,
        )
    typed_in(
        closed,
        channel="papier",
        user_name="Jan Wróblewski",
        is_late=True,
        received_at=received(1),
        proposed_wording="Wniosek złożony w kancelarii.",
        position=position(closed, Outcome.NOT_CONSIDERED, "Uwaga wpłynęła po terminie."),
    )
    remark_on(
        closed,
        paragraph=paragraphs[5],
        user_name='=HYPERLINK("http://zly.example")',
        proposed_wording="<script>alert('x')</script> " + "Bardzo" * 400,
        position=answer,
    )
    report_publish(page=closed, by=coordinator)
    return ConsultationPage.objects.get(pk=closed.pk)


def test_the_csv_carries_every_remark_under_the_report_columns(client, published):
    response = client.get(report_url(published, "csv/"))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert response["Content-Disposition"] == 'attachment; filename="raport-program-2028.csv"'
    assert rows[0] == [
        "Lp.",
        "Fragment",
        "Autor",
        "Kanał",
        "Data wpływu",
        "Treść uwagi",
        "Stanowisko",
        "Uzasadnienie stanowiska",
    ]
    assert [row[0] for row in rows[1:]] == ["1", "2", "3", "4", "5"]
    assert rows[5][2].startswith("'=HYPERLINK")  # a formula is never run


def test_the_xlsx_carries_every_remark_under_the_report_columns(client, published):
    from openpyxl import load_workbook

    response = client.get(report_url(published, "xlsx/"))

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Lp." and rows[0][-1] == "Uzasadnienie stanowiska"
    assert [row[0] for row in rows[1:]] == [1, 2, 3, 4, 5]
    assert rows[2][5] == (  # no. 1 is the paper remark on the whole draft
        "Proponowane brzmienie: Propozycja numer 0.\nUzasadnienie: Proponujemy doprecyzować zapis."
    )


def test_late_and_paper_remarks_appear_with_their_channel(client, published):
    html = client.get(report_url(published)).text
    rows = list(
        csv.reader(
            io.StringIO(client.get(report_url(published, "csv/")).content.decode("utf-8-sig")),
            delimiter=";",
        )
    )

    paper = next(row for row in rows if row[2] == "Jan Wróblewski")
    assert paper[3] == "na papierze"
    assert paper[4].endswith("; po terminie")
    assert paper[6] == "pozostawiono bez rozpatrzenia"
    assert "na papierze" in html and "po terminie" in html


def test_the_pdf_opens_with_the_title_and_every_remark_number(client, published):
    from pypdf import PdfReader

    response = client.get(report_url(published, "pdf/"))

    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert TITLE in text
    assert "Strona 1 z " in text
    lines = {line.strip() for line in text.splitlines()}
    assert {"1", "2", "3", "4", "5"} <= lines
    assert "Wniosek złożony w kancelarii." in text


def test_the_published_pdf_is_built_at_publication_and_served_as_stored(
    client, published, monkeypatch
):
    from reporting import views

    built = []
    original = views.report_pdf
    monkeypatch.setattr(views, "report_pdf", lambda report: built.append(1) or original(report))
    first = client.get(report_url(published, "pdf/")).content

    assert client.get(report_url(published, "pdf/")).content == first
    assert first.startswith(b"%PDF")
    assert built == []


def test_remark_text_is_escaped_in_the_html(client, published):
    html = client.get(report_url(published)).text

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


# --- Constant queries -----------------------------------------------------------------------


def _queries(function) -> int:
    with CaptureQueriesContext(connection) as captured:
        function()
    return len(captured)


def test_the_report_is_read_in_the_same_number_of_queries_for_3_and_30_remarks(
    client, closed, paragraphs, coordinator
):
    meeting = workshop_page(parent=closed, tables=(("Kultura", 10), ("Sport", 8)))
    del meeting

    def add(count):
        for number in range(count):
            remark_on(
                closed,
                paragraph=paragraphs[number % len(paragraphs)],
                channel=("online", "papier", "e-mail")[number % 3],
                position=position(closed) if number % 2 else None,
            )

    def counts():
        page = ConsultationPage.objects.get(pk=closed.pk)
        client.force_login(coordinator)
        client.get(report_url(page))  # templates compiled, caches warm
        return (
            _queries(lambda: report_build(page=page)),
            _queries(lambda: client.get(report_url(page))),
            _queries(lambda: client.get(report_url(page, "pdf/"))),
            _queries(lambda: client.get(report_url(page, "csv/"))),
        )

    add(3)
    few = counts()
    add(27)
    many = counts()

    assert few == many
    assert few[0] <= 6


# --- The coordinator's page in the admin ------------------------------------------------


def admin_url(page, name="report"):
    return reverse(f"reporting_admin:{name}", args=[page.pk])


def test_the_page_shows_the_progress_and_links_each_remark_without_a_position(
    client, closed, paragraphs, coordinator
):
    remark_on(closed, paragraph=paragraphs[0], position=position(closed))
    missing = remark_on(closed, paragraph=paragraphs[3], user_name="Jan Wróblewski")
    client.force_login(coordinator)

    html = client.get(admin_url(closed)).text

    assert "1 z 2 uwag rozpatrzonych" in html
    positions = reverse("comments_admin:positions", args=[closed.pk])
    assert f'href="{positions}#remark-row-{missing.pk}">nr 2 (§ 4)</a> – Jan Wróblewski' in html
    assert f'href="{closed.url}raport/"' in html  # the preview


def test_publishing_from_the_page_shows_why_it_was_refused(client, closed, paragraphs, coordinator):
    remark_on(closed, paragraph=paragraphs[2])
    client.force_login(coordinator)

    response = client.post(admin_url(closed, "report_publish"))

    assert response.status_code == 400
    assert "Raport nie został opublikowany." in response.text
    assert "1 uwaga nie ma jeszcze stanowiska: nr 1 (§ 3)" in response.text
    assert ConsultationPage.objects.get(pk=closed.pk).report_published_at is None


def test_publishing_from_the_page_publishes_the_report(client, closed, coordinator):
    remark_on(closed, position=position(closed))
    client.force_login(coordinator)

    response = client.post(admin_url(closed, "report_publish"))

    assert response.status_code == 302
    assert ConsultationPage.objects.get(pk=closed.pk).report_published_at is not None
    assert "Opublikowano" in client.get(admin_url(closed)).text


def test_the_summary_is_saved_and_opens_the_report(client, closed, coordinator):
    client.force_login(coordinator)

    client.post(
        admin_url(closed),
        {"report_summary": "Wpłynęło 12 uwag; 8 uwzględniono w całości lub w części."},
    )
    client.post(admin_url(closed, "report_publish"))

    report = client.get(f"{closed.url}raport/").text
    assert "Wpłynęło 12 uwag; 8 uwzględniono w całości lub w części." in report


def test_people_without_the_coordinators_permission_are_turned_away(client, closed):
    moderator = UserFactory(first_name="Tomasz", last_name="Lewandowski")
    role_assign(user=moderator, role=MODERATORS)
    client.force_login(moderator)

    refused = client.get(admin_url(closed))
    client.post(admin_url(closed, "report_publish"))

    assert refused.status_code == 302  # Wagtail's answer to PermissionDenied in the admin
    assert refused["Location"] == reverse("wagtailadmin_home")
    assert ConsultationPage.objects.get(pk=closed.pk).report_published_at is None


def test_the_page_header_in_the_editor_links_to_the_report_page(client, closed, coordinator):
    client.force_login(coordinator)

    html = client.get(reverse("wagtailadmin_pages:edit", args=[closed.pk])).text

    assert admin_url(closed) in html


# --- The published report is the official record (editions) --------------------------------

FROZEN = "Raport z tych konsultacji jest opublikowany"


def first_remark(page):
    return Comment.objects.on_page(page).order_by("pk").first()


def answer(remark, coordinator, justification="Wyjaśniono na spotkaniu."):
    return position_set(
        remarks=[remark],
        outcome=Outcome.EXPLAINED,
        justification=justification,
        by=coordinator,
        notify=False,
    )


# --- Frozen once published ------------------------------------------------------------------


def test_a_position_is_refused_once_the_report_is_published(published, coordinator):
    remark = first_remark(published)
    before = remark.position_id

    with pytest.raises(ValidationError, match=FROZEN) as refusal:
        answer(remark, coordinator)

    assert refusal.value.code == "report_published"
    remark.refresh_from_db()
    assert remark.position_id == before


def test_a_remark_typed_in_after_publication_is_refused(published, coordinator):
    with pytest.raises(ValidationError, match=FROZEN):
        remark_enter(
            page=published,
            by=coordinator,
            channel="papier",
            received_at=timezone.now(),
            author_name="Halina Kowalczyk",
            proposed_wording="Dopisać świetlice wiejskie.",
        )

    assert not Comment.objects.on_page(published).filter(user_name="Halina Kowalczyk").exists()


def test_a_formal_defect_cannot_be_marked_after_publication(published, coordinator):
    remark = first_remark(published)

    with pytest.raises(ValidationError, match=FROZEN):
        remark_mark_defect(remark=remark, by=coordinator, reason="brak podpisu")

    remark.refresh_from_db()
    assert remark.formal_defect == ""


def test_the_positions_page_says_why_a_position_was_refused(client, published, coordinator):
    client.force_login(coordinator)
    remark = first_remark(published)

    response = client.post(
        reverse("comments_admin:positions", args=[published.pk]),
        {"remarks": [remark.pk], "outcome": Outcome.EXPLAINED, "justification": "Nowe."},
    )

    assert FROZEN in response.text
    assert not Comment.objects.filter(position__justification="Nowe.").exists()


def test_the_summary_cannot_change_after_publication(published, coordinator):
    with pytest.raises(ValidationError, match=FROZEN):
        report_summary_set(page=published, text="Dopisane po publikacji.", by=coordinator)


# --- Stored as published --------------------------------------------------------------------


def test_the_published_report_is_served_as_stored_whatever_changes_in_the_data(client, published):
    csv_before = client.get(report_url(published, "csv/")).content
    Comment.objects.on_page(published).update(proposed_wording="Zmienione bezpośrednio w bazie.")

    html = client.get(report_url(published)).text

    assert "Zmienione bezpośrednio w bazie." not in html
    assert "Propozycja numer 0." in html
    assert client.get(report_url(published, "csv/")).content == csv_before


def test_the_metryczka_shows_the_sha256_of_each_file_as_served(client, published):
    html = client.get(report_url(published)).text

    for extension in ("pdf", "xlsx", "csv"):
        served = client.get(report_url(published, f"{extension}/")).content
        assert f'data-checksum="{extension}">{hashlib.sha256(served).hexdigest()}<' in html
    edition = published.report_editions.get()
    assert hashlib.sha256(edition.html.encode()).hexdigest() in html
    assert "Metryczka raportu" in html


# --- Corrections ----------------------------------------------------------------------------


def test_a_correction_is_refused_without_a_note(published, coordinator):
    with pytest.raises(ValidationError):
        report_correction_open(page=published, by=coordinator, note="  ")


def test_a_correction_is_published_as_edition_2_and_edition_1_stays_at_its_address(
    client, published, coordinator
):
    remark = first_remark(published)
    first_pdf = client.get(report_url(published, "pdf/")).content

    report_correction_open(
        page=published, by=coordinator, note="stanowisko do uwagi nr 1 dotyczyło innej uwagi"
    )
    answer(remark, coordinator, "Stanowisko po korekcie: uwaga wyjaśniona.")
    assert "po korekcie" not in client.get(report_url(published)).text  # not yet published
    report_publish(page=ConsultationPage.objects.get(pk=published.pk), by=coordinator)

    current = client.get(report_url(published)).text
    assert "Wydanie 2 — korekta:" in current
    assert "stanowisko do uwagi nr 1 dotyczyło innej uwagi" in current
    assert "Stanowisko po korekcie: uwaga wyjaśniona." in current
    first = client.get(report_url(published, "wydanie/1/"))
    assert first.status_code == 200
    assert "Stanowisko po korekcie" not in first.text
    assert client.get(report_url(published, "wydanie/1/pdf/")).content == first_pdf
    assert client.get(report_url(published, "wydanie/2/pdf/")).content != first_pdf
    with pytest.raises(ValidationError, match=FROZEN):
        answer(remark, coordinator)


def test_coordinators_open_a_correction_and_publish_it_from_the_report_page(
    client, published, coordinator
):
    client.force_login(coordinator)
    url = reverse("reporting_admin:report", args=[published.pk])

    client.post(
        reverse("reporting_admin:report_correction", args=[published.pk]),
        {"note": "błędna data wpływu uwagi nr 4"},
    )
    assert "Publikuj wydanie 2" in client.get(url).text
    client.post(reverse("reporting_admin:report_publish", args=[published.pk]))

    edition = published.report_editions.get(number=2)
    assert edition.published_by == coordinator
    assert edition.note == "błędna data wpływu uwagi nr 4"


def test_a_report_published_before_editions_gets_edition_1_on_first_access(client, published):
    ReportEdition.objects.filter(page=published).delete()

    html = client.get(report_url(published)).text

    edition = published.report_editions.get()
    assert edition.number == 1
    assert edition.published_at == published.report_published_at
    assert re.search(r'data-checksum="pdf">[0-9a-f]{64}<', html)


def test_a_remark_received_on_a_date_alone_shows_the_date_without_a_midnight_hour():
    from datetime import datetime

    from reporting.selectors import received_text

    postmarked = timezone.make_aware(datetime(2025, 12, 3))

    assert received_text(postmarked) == "2025-12-03"


def test_a_remark_received_at_a_known_hour_shows_the_hour():
    from datetime import datetime

    from reporting.selectors import received_text

    assert received_text(timezone.make_aware(datetime(2025, 12, 3, 14, 20))) == "2025-12-03 14:20"


# --- Addresses: under the page as before, and the report's own (reporting/urls.py) -----------


def test_the_published_report_answers_under_the_page(published):
    response = Client().get(f"{published.url}raport/")

    assert response.status_code == 200
    assert published.title in response.text


def test_the_published_report_answers_at_its_own_address(published):
    response = Client().get(f"/raport/{published.pk}/")

    assert response.status_code == 200
    assert published.title in response.text


def test_an_edition_downloads_under_the_page_as_before(published):
    response = Client().get(f"{published.url}raport/wydanie/1/csv/")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_the_report_admin_page_keeps_its_address(published):
    assert reverse("reporting_admin:report", args=[published.pk]) == (
        f"/admin/konsultacje/{published.pk}/raport/"
    )
