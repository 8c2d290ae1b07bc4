"""Anonymous readers get stored pages, fresh the moment anything they show changes
(core/pagecache.py)."""

import re

import pytest

from comments.services import comment_hide, comment_post
from consultations.models import ConsultationPage
from consultations.services import version_publish
from core.pageviews import view_count
from events.services import registration_create
from tests.factories import UserFactory, consultation_page, workshop_page

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36"


@pytest.fixture
def consultation(demo_site):
    page = consultation_page(slug="program-2028", title="Program współpracy na 2028 rok")
    version_publish(page=page, label="projekt do konsultacji")
    return ConsultationPage.objects.get(pk=page.pk)


@pytest.fixture
def moderator(db):
    from cms.services import role_assign
    from core.roles import MODERATORS

    user = UserFactory(first_name="Tomasz", last_name="Lewandowski")
    role_assign(user=user, role=MODERATORS)
    return user


def read(client, url, **extra):
    return client.get(url, HTTP_USER_AGENT=BROWSER, **extra)


def test_a_second_anonymous_reader_gets_the_stored_page_without_queries(
    client, consultation, django_assert_num_queries
):
    read(client, consultation.url)

    with django_assert_num_queries(0):  # the view count is in the cache too
        second = read(client, consultation.url)

    assert second["X-Page-Cache"] == "hit"
    assert "Program współpracy na 2028 rok" in second.content.decode()
    assert second["Content-Language"] == "pl"


def test_a_stored_page_is_still_served_while_the_database_is_down(client, consultation):
    from tests.cms.conftest import database_is_down

    read(client, consultation.url)
    with database_is_down():
        response = read(client, consultation.url)

    assert response.status_code == 200
    assert "Program współpracy na 2028 rok" in response.content.decode()


def test_a_logged_in_reader_never_gets_the_stored_page(client, consultation, resident):
    read(client, consultation.url)  # stored for anonymous readers

    client.force_login(resident)
    response = read(client, consultation.url)

    assert not response.has_header("X-Page-Cache")
    assert "Zalogowano jako Ewa Kamińska" in response.content.decode()


def test_a_new_title_is_shown_as_soon_as_it_is_published(client, consultation):
    read(client, consultation.url)

    consultation.title = "Program współpracy na 2028 rok – po poprawkach"
    consultation.save_revision().publish()

    assert "po poprawkach" in read(client, consultation.url).content.decode()


def test_a_new_comment_is_shown_at_once(
    client, consultation, resident, django_capture_on_commit_callbacks
):
    read(client, consultation.url)

    with django_capture_on_commit_callbacks(execute=True):
        comment_post(page=consultation, user=resident, text="Proszę o dłuższy termin zgłoszeń.")

    assert "Proszę o dłuższy termin zgłoszeń." in read(client, consultation.url).content.decode()


def test_a_hidden_comment_disappears_at_once(
    client, consultation, resident, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_post(page=consultation, user=resident, text="Obraźliwy wpis.")
    assert "Obraźliwy wpis." in read(client, consultation.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        comment_hide(comment=comment, moderator=moderator, reason="Narusza regulamin.")

    assert "Obraźliwy wpis." not in read(client, consultation.url).content.decode()


def seats_left(html, table):
    card = html.split(f'id="stolik-{table.pk}"', 1)[1].split("</li>", 1)[0]
    return re.search(r"<span data-left>(\d+)</span>", card).group(1)


def test_a_seat_taken_changes_the_workshop_page_at_once(
    client, demo_site, django_capture_on_commit_callbacks
):
    workshop = workshop_page(tables=[("Seniorzy", 3)])
    table = workshop.tables.get()
    assert seats_left(read(client, workshop.url).content.decode(), table) == "3"
    assert read(client, workshop.url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        registration_create(workshop=workshop, table=table, user=UserFactory())

    assert seats_left(read(client, workshop.url).content.decode(), table) == "2"


def test_the_workshop_pages_sub_routes_are_not_stored(client, demo_site):
    workshop = workshop_page()
    read(client, workshop.url + "miejsca/")

    assert not read(client, workshop.url + "miejsca/").has_header("X-Page-Cache")


def test_the_index_shows_a_newly_published_consultation_at_once(client, consultation):
    index = consultation.get_parent()
    read(client, index.url)
    assert read(client, index.url)["X-Page-Cache"] == "hit"

    consultation_page(slug="budzet-2028", title="Budżet obywatelski 2028")

    assert "Budżet obywatelski 2028" in read(client, index.url).content.decode()


def test_stored_views_are_counted_and_the_count_shown_is_current(client, consultation):
    for _view in range(3):
        response = read(client, consultation.url)

    assert response["X-Page-Cache"] == "hit"
    assert view_count(consultation.pk) == 3
    assert "Liczba odsłon</dt><dd>3</dd>" in response.content.decode()


def test_a_page_made_private_is_no_longer_served_from_the_cache(client, consultation):
    from wagtail.models import PageViewRestriction

    read(client, consultation.url)
    PageViewRestriction.objects.create(page=consultation, restriction_type="login")

    assert read(client, consultation.url).status_code == 302  # to the log-in page


def test_a_reader_with_a_message_waiting_gets_a_fresh_page(client, consultation):
    read(client, consultation.url)
    client.cookies["messages"] = "something"

    assert not read(client, consultation.url).has_header("X-Page-Cache")


def test_tracking_parameters_get_the_stored_page_other_parameters_do_not(client, consultation):
    read(client, consultation.url)

    assert read(client, consultation.url + "?utm_source=newsletter")["X-Page-Cache"] == "hit"
    assert not read(client, consultation.url + "?sortuj=najstarsze").has_header("X-Page-Cache")


def test_a_stored_page_carries_no_csrf_token(client, consultation):
    html = read(client, consultation.url).content.decode()

    assert "csrfmiddlewaretoken" not in html
    assert 'class="language-switch"' in html


def test_the_language_switch_works_without_a_csrf_token(consultation):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"language": "en", "next": consultation.url})

    assert response.status_code == 302
    assert response["Location"] == consultation.url
    assert client.cookies["django_language"].value == "en"
    assert read(client, consultation.url)["Content-Language"] == "en"


def test_the_language_switch_does_not_send_anyone_off_site(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_a_renamed_area_of_public_tasks_is_shown_at_once(client, consultation):
    from organisations.models import PublicTaskArea

    area = PublicTaskArea.objects.order_by("sort_key").first()
    consultation.areas.add(area)
    consultation.save_revision().publish()
    read(client, consultation.url)

    area.name = "kultura, sztuka i dziedzictwo narodowe (nowe brzmienie)"
    area.save()

    assert "(nowe brzmienie)" in read(client, consultation.url).content.decode()
