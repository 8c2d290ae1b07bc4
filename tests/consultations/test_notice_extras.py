from datetime import date

import pytest

from consultations.models import ConsultationPage
from tests.factories import consultation_page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("requested", "opinion", "today", "state"),
    [
        (None, "", date(2027, 9, 20), ""),
        (date(2027, 9, 15), "", date(2027, 9, 29), "pending"),
        (date(2027, 9, 15), "", date(2027, 9, 30), "not_given"),
        (date(2027, 9, 15), "Opinia pozytywna.", date(2027, 10, 30), "given"),
    ],
    ids=["not asked", "14th day", "15th day", "given"],
)
def test_the_council_has_fourteen_days_for_its_opinion(requested, opinion, today, state):
    page = ConsultationPage(council_opinion_requested_on=requested, council_opinion=opinion)

    assert page.council_opinion_state(today) == state


def test_an_opinion_not_given_in_time_is_said_on_the_page(client, demo_site):
    page = consultation_page(council_opinion_requested_on=date(2025, 1, 2))

    html = client.get(page.url).content.decode()

    assert "Nie wydano opinii w terminie" in html
    assert "16 stycznia 2025" in html


def test_the_metryczka_is_set_by_the_server_from_the_page_history(client, demo_site):
    programme = ConsultationPage.objects.get(slug="program-wspolpracy-2027")

    html = client.get(programme.url).content.decode()

    assert "Metryczka" in html
    assert "Opublikował(a)</dt><dd>Anna Wiśniewska</dd>" in html  # the plenipotentiary
    assert "Rejestr zmian" in html
    assert "wersja 2: projekt do konsultacji" in html
