import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import PageViews
from consultations.models import ConsultationPage
from core.pageviews import view_count

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36"


@pytest.fixture
def programme(demo_site):
    return ConsultationPage.objects.get(slug="program-wspolpracy-2027")


def test_public_views_are_counted_and_shown(client, programme):
    for _view in range(3):
        client.get(programme.url, HTTP_USER_AGENT=BROWSER)

    html = client.get(programme.url, HTTP_USER_AGENT=BROWSER).content.decode()

    assert "Liczba odsłon</dt><dd>4</dd>" in html


def test_counting_a_view_writes_nothing_to_the_database(client, programme):
    client.get(programme.url, HTTP_USER_AGENT=BROWSER)  # warm up

    with CaptureQueriesContext(connection) as context:
        client.get(programme.url, HTTP_USER_AGENT=BROWSER)

    writes = [
        q["sql"]
        for q in context.captured_queries
        if not q["sql"].lstrip().upper().startswith(("SELECT", "SAVEPOINT", "RELEASE"))
    ]
    assert writes == []
    assert view_count(programme.pk) == 2


@pytest.mark.parametrize(
    "agent", ["Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.5.0", ""]
)
def test_obvious_bots_are_not_counted(client, programme, agent):
    client.get(programme.url, HTTP_USER_AGENT=agent)

    assert view_count(programme.pk) == 0


def test_flushing_moves_the_counts_to_the_database_without_losing_any(client, programme):
    for _view in range(5):
        client.get(programme.url, HTTP_USER_AGENT=BROWSER)

    call_command("flush_page_views", verbosity=0)
    client.get(programme.url, HTTP_USER_AGENT=BROWSER)

    assert PageViews.objects.get(page_id=programme.pk).count == 5
    assert view_count(programme.pk) == 6


def test_publishing_a_new_revision_keeps_the_count(client, programme):
    client.get(programme.url, HTTP_USER_AGENT=BROWSER)
    call_command("flush_page_views", verbosity=0)

    programme.save_revision().publish()

    assert view_count(programme.pk) == 1
