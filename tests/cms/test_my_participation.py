"""*Moje zgłoszenia*: in one place, what a resident takes part in, each with its link or
button (issue 17, item 9)."""

import re

import pytest
from django.utils.html import strip_tags

from comments.models import Position
from consultations.models import ConsultationPage
from consultations.services import version_publish
from events.models import TopicProposal
from events.services import registration_create
from tests.factories import FollowFactory, consultation_page, remark_on, workshop_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(demo_site):
    """An open consultation with a public version 1."""
    page = consultation_page(title="Program współpracy z organizacjami na 2028 r.")
    version_publish(page=page, label="projekt do konsultacji")
    return ConsultationPage.objects.get(pk=page.pk)


def section(html, key):
    return html.split(f'id="{key}"', 1)[1].split("</section>", 1)[0]


def text(html):
    """What a reader sees, each element's text apart from the next."""
    return " ".join(strip_tags(re.sub(r"<", " <", html)).split())


def test_my_comments_are_listed_with_a_link_to_each_in_its_consultation(
    client, consultation, resident
):
    comment = remark_on(
        consultation,
        user=resident,
        kind="komentarz",
        comment="Czy przewidziano lokale dla klubów seniora?",
        fragment="",
    )
    client.force_login(resident)

    comments = section(client.get("/konto/zgloszenia/").content.decode(), "komentarze")

    assert f'href="{consultation.url}#k-{comment.pk}"' in comments
    assert "Czy przewidziano lokale dla klubów seniora?" in text(comments)


def test_my_remark_shows_the_citys_position_and_its_justification(client, consultation, resident):
    paragraph = consultation.versions.get().chapters[0]["paragraphs"][1]
    position = Position.objects.create(
        page=consultation,
        outcome="czesciowo",
        justification="Dopisano kluby seniora; lokale wskaże odrębna uchwała.",
    )
    remark = remark_on(
        consultation,
        paragraph=paragraph,
        user=resident,
        position=position,
        proposed_wording="Dodać kluby seniora.",
    )
    client.force_login(resident)

    remarks = section(client.get("/konto/zgloszenia/").content.decode(), "uwagi")

    assert f'href="{consultation.url}#k-{remark.pk}"' in remarks
    assert f"Fragment {paragraph['label']}" in text(remarks)
    assert "Stanowisko częściowo uwzględniono" in text(remarks)
    assert "Dopisano kluby seniora; lokale wskaże odrębna uchwała." in text(remarks)


def test_a_remark_without_a_position_says_the_city_has_not_answered_yet(
    client, consultation, resident
):
    remark_on(consultation, user=resident)
    client.force_login(resident)

    remarks = section(client.get("/konto/zgloszenia/").content.decode(), "uwagi")

    assert "urząd nie zajął jeszcze stanowiska" in text(remarks)
    assert "Fragment cały projekt" in text(remarks)


def test_my_topic_proposal_shows_the_coordinators_decision(client, demo_site, resident):
    workshop = workshop_page()
    TopicProposal.objects.create(
        workshop=workshop,
        user=resident,
        title="Młodzież i przestrzeń miejska",
        status="odrzucona",
        decision_reason="Temat omówimy przy stoliku „Kultura”.",
    )
    client.force_login(resident)

    proposals = text(section(client.get("/konto/zgloszenia/").content.decode(), "propozycje"))

    assert "Młodzież i przestrzeń miejska" in proposals
    assert "odrzucona" in proposals.lower()
    assert "Temat omówimy przy stoliku „Kultura”." in proposals


def test_the_consultations_i_follow_are_listed_with_a_button_to_stop(
    client, consultation, resident
):
    FollowFactory(page=consultation, user=resident, email=resident.email)
    client.force_login(resident)

    follows = section(client.get("/konto/zgloszenia/").content.decode(), "obserwowane")

    assert "Program współpracy z organizacjami na 2028 r." in follows
    assert f'action="/powiadomienia/obserwuj/{consultation.pk}/"' in follows
    assert 'name="action" value="unfollow"' in follows


def test_the_meeting_registrations_stay_on_the_page(client, demo_site, resident):
    workshop = workshop_page(tables=[("Seniorzy", 5)])
    registration_create(workshop=workshop, table=workshop.tables.get(), user=resident)
    client.force_login(resident)

    meetings = section(client.get("/konto/zgloszenia/").content.decode(), "spotkania")

    assert "Seniorzy" in meetings
    assert f'action="{workshop.url}anuluj/"' in meetings


def test_sections_with_nothing_in_them_are_left_out(client, demo_site, resident):
    client.force_login(resident)

    html = client.get("/konto/zgloszenia/").content.decode()

    assert 'id="spotkania"' in html  # always: it invites to register
    for key in ("propozycje", "komentarze", "uwagi", "obserwowane"):
        assert f'id="{key}"' not in html
