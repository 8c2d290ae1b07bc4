"""The home page leads with what is open now (cms/home.py, cms/templates/cms/home_page.html)."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.template.defaultfilters import date as date_filter
from django.utils import timezone, translation

from cms.models import HomePage
from consultations.models import ConsultationPage
from events.services import registration_create
from tests.factories import UserFactory, consultation_page, workshop_page

pytestmark = pytest.mark.django_db

# Counted with one open consultation and its meeting: more must not cost more.
QUERIES_WITH_ONE_OPEN = 16


def polish(moment) -> str:
    """A moment as the page writes it: "13 grudnia 2026, 17:51" in the site's time zone."""
    with translation.override("pl"):
        return date_filter(timezone.localtime(moment), "j E Y, H:i")


def home(client) -> str:
    return client.get("/").content.decode()


def section(html: str, heading_id: str) -> str:
    """The <section> whose heading has this id."""
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', html, re.S)
    assert match, f"no section {heading_id}"
    return match.group(0)


@pytest.fixture
def open_consultation(demo_site):
    return ConsultationPage.objects.get(slug="program-wspolpracy-2027")


@pytest.fixture
def meeting(open_consultation):
    return workshop_page(
        parent=open_consultation,
        title="Spotkanie stolikowe „Razem o programie 2027”",
        tables=[("Seniorzy", 10), ("Kultura", 12)],
    )


def test_the_demo_home_leads_with_the_open_consultation_and_its_deadline(client, demo_site):
    consultation = ConsultationPage.objects.get(slug="program-wspolpracy-2027")
    opened = section(home(client), "home-open")

    assert "Trwają teraz" in opened
    assert consultation.title in opened
    assert f"Uwagi do {polish(consultation.closes_at)}" in opened
    assert "(zostało 9 dni)" in opened
    assert (
        f'<a class="button button--primary" href="{consultation.url}">'
        "Przeczytaj projekt i zgłoś uwagi" in opened
    )


def test_the_open_consultations_meeting_invites_to_register_with_the_seats_left(client, meeting):
    opened = section(home(client), "home-open")

    assert meeting.title in opened
    assert f"Zapisy do {polish(meeting.registration_closes_at)}." in opened
    assert "Wolne miejsca: 22." in opened
    assert f'<a class="button" href="{meeting.url}#moje-zgloszenie">Zapisz się na spotkanie' in (
        opened
    )


def test_a_seat_taken_shows_on_the_stored_home_page_at_once(
    client, meeting, django_capture_on_commit_callbacks
):
    assert "Wolne miejsca: 22." in home(client)
    assert client.get("/")["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        registration_create(workshop=meeting, table=meeting.tables.first(), user=UserFactory())

    assert "Wolne miejsca: 21." in home(client)


def test_announced_consultations_follow_with_their_dates(client, demo_site):
    announced = ConsultationPage.objects.get(slug="wieloletni-program-wspolpracy")

    planned = section(home(client), "home-planned")

    assert "Zapowiedziane konsultacje" in planned
    assert announced.title in planned


def test_a_finished_consultation_links_to_its_published_report(client, demo_site):
    finished = ConsultationPage.objects.get(slug="program-wspolpracy-2026")
    ConsultationPage.objects.filter(pk=finished.pk).update(report_published_at=timezone.now())

    done = section(home(client), "home-finished")

    assert finished.title in done
    assert f'<a href="{finished.url}raport/">Raport z konsultacji' in done


def test_without_an_open_consultation_the_home_page_says_so(client, open_consultation):
    open_consultation.unpublish()

    html = home(client)

    assert "Teraz nie trwają żadne konsultacje" in html
    assert "Przeczytaj projekt i zgłoś uwagi" not in html


def test_the_home_page_reads_a_fixed_number_of_queries_however_many_are_open(
    client, meeting, django_assert_max_num_queries
):
    for number in range(3):
        consultation = consultation_page(title=f"Program ochrony zwierząt {number}")
        workshop_page(parent=consultation, tables=[("Kultura", 10), ("Sport", 8)])
    home(client)
    cache.clear()  # nothing stored: the page is rendered again

    with django_assert_max_num_queries(QUERIES_WITH_ONE_OPEN):
        html = home(client)

    assert html.count("Zapisz się na spotkanie") == 4


def test_the_stored_home_page_expires_when_an_announced_consultation_opens(demo_site):
    consultation_page(
        title="Program ochrony zwierząt",
        opens_at=timezone.now() + timedelta(minutes=2),
        closes_at=timezone.now() + timedelta(days=14),
    )

    # Stored no longer than until it opens (the cache's own clock expires it: Redis or not).
    assert HomePage.objects.get().page_cache_timeout() <= 121


def test_the_stored_home_page_expires_when_a_meetings_registration_closes(meeting):
    meeting.registration_closes_at = timezone.now() + timedelta(seconds=90)
    meeting.proposals_close_at = None
    meeting.save_revision().publish()

    assert HomePage.objects.get().page_cache_timeout() <= 91
