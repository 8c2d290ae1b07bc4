from datetime import timedelta

import pytest
from django.utils import timezone

from consultations.models import ConsultationPage
from tests.factories import consultation_page

pytestmark = pytest.mark.django_db


def test_the_index_groups_consultations_by_status_computed_from_dates(client, demo_site):
    html = client.get("/konsultacje/").content.decode()

    open_at = html.index('id="group-trwajace"')
    planned_at = html.index('id="group-zapowiedziane"')
    closed_at = html.index('id="group-zakonczone"')
    assert open_at < html.index("na 2027 rok") < planned_at
    assert planned_at < html.index("na lata 2028–2031") < closed_at
    assert closed_at < html.index("na 2026 rok")


def test_a_consultation_moves_to_closed_when_its_closing_time_passes(client, demo_site):
    now = timezone.now()
    consultation_page(
        title="Konsultacja zamknięta przed chwilą",
        opens_at=now - timedelta(days=14, minutes=1),
        closes_at=now - timedelta(minutes=1),
    )

    html = client.get("/konsultacje/").content.decode()

    assert html.index('id="group-zakonczone"') < html.index("Konsultacja zamknięta przed chwilą")


def test_the_index_filters_by_area_and_year(client, demo_site):
    in_area = client.get("/konsultacje/", {"sfera": "33"}).content.decode()
    other_year = client.get("/konsultacje/", {"rok": "1999"}).content.decode()

    assert "na 2027 rok" in in_area and "na 2026 rok" not in in_area
    assert "Żadna konsultacja nie pasuje do filtrów" in other_year


def test_full_text_search_finds_a_consultation_by_words_of_its_draft(client, demo_site):
    html = client.get("/konsultacje/", {"q": "komisji konkursowych"}).content.decode()

    assert "na 2027 rok" in html
    assert "na lata 2028–2031" not in html


def test_the_atom_feed_lists_new_consultations(client, demo_site):
    response = client.get("/konsultacje/kanal/")

    feed = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "<title>Nowe konsultacje: Konsultacje</title>" in feed
    assert feed.count("<entry>") == 3
    assert "/konsultacje/program-wspolpracy-2027/" in feed


def test_search_finds_words_of_the_public_version_not_of_unpublished_edits(client, demo_site):
    from consultations.services import version_publish

    page = ConsultationPage.objects.get(slug="program-wspolpracy-2027")
    stream = page.draft.get_prep_value()
    stream[0]["value"]["paragraphs"][0]["value"]["text"] = "Budżet obywatelski dla hodowców alpak."
    page.draft = stream
    page.save_revision().publish()  # live page edited, but no new public version yet

    before = client.get("/konsultacje/", {"q": "alpak"}).content.decode()
    version_publish(page=page, label="po konsultacjach")
    after = client.get("/konsultacje/", {"q": "alpak"}).content.decode()

    assert "na 2027 rok" not in before
    assert "na 2027 rok" in after
