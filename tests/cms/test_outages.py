"""The database or Redis is down: a Polish maintenance page, or a cache that just misses."""

import pytest
from django.test import Client

from comments.models import Comment
from consultations.models import ConsultationPage
from consultations.services import version_publish
from core.cache import ResilientRedisCache, errors_raised
from tests.cms.conftest import DEAD_REDIS, database_is_down
from tests.comments.helpers import form_data, post_comment
from tests.factories import PASSWORD, consultation_page

pytestmark = pytest.mark.django_db

TEXT = "Proponuję dopisać kluby seniora w każdej dzielnicy."
# With the database down no page can be looked up: any address shows the same.
PAGE = "/konsultacje/program-2028/"


@pytest.fixture
def consultation(demo_site):
    page = consultation_page(slug="program-2028", title="Program współpracy na 2028 rok")
    version_publish(page=page, label="projekt do konsultacji")
    return ConsultationPage.objects.get(pk=page.pk)


# --- The database is unreachable ---------------------------------------------------------------


def test_a_reader_gets_the_polish_maintenance_page_with_503(client, database_down):
    response = client.get(PAGE)

    assert response.status_code == 503
    html = response.content.decode()
    assert '<html lang="pl">' in html
    assert "Serwis jest chwilowo niedostępny" in html
    assert "Traceback" not in html


def test_the_maintenance_page_says_when_to_retry_and_is_never_cached(client, database_down):
    response = client.get(PAGE)

    assert response["Retry-After"] == "60"
    assert "no-store" in response["Cache-Control"]


def test_a_reader_who_chose_english_gets_it_in_english(client, database_down):
    client.cookies["django_language"] = "en"

    response = client.get(PAGE)

    assert response.status_code == 503
    assert "The site is temporarily unavailable" in response.content.decode()


def test_a_comment_being_posted_is_shown_back_to_copy(client, consultation, resident):
    client.force_login(resident)
    data = form_data(client, consultation.url, comment=TEXT)
    with database_is_down():
        response = client.post(consultation.url + "dyskusja/dodaj/", data)

    assert response.status_code == 503
    html = response.content.decode()
    assert "Skopiuj swój tekst" in html
    assert f'aria-describedby="kept-hint">\n{TEXT}</textarea>' in html
    assert "readonly" in html


def test_the_kept_text_shows_markup_as_text(client, database_down):
    response = client.post(PAGE + "dyskusja/dodaj/", {"comment": "<script>alert(1)</script>"})

    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_password_or_a_csrf_token_is_never_shown_back(client, database_down):
    response = client.post(
        "/konto/login/",
        {
            "login": "ewa.kaminska@example.org",
            "password": "Tajne-haslo-2026",
            "csrfmiddlewaretoken": "tokenXYZ123tokenXYZ123",
        },
    )

    assert response.status_code == 503
    html = response.content.decode()
    assert "Tajne-haslo-2026" not in html
    assert "tokenXYZ123" not in html
    assert "<textarea" not in html


def test_a_logged_in_reader_whose_session_cannot_be_read_gets_the_same_page(
    client, consultation, resident
):
    client.force_login(resident)
    with database_is_down():
        response = client.get(consultation.url)

    assert response.status_code == 503
    assert "Serwis jest chwilowo niedostępny" in response.content.decode()


def test_a_session_the_middleware_cannot_save_ends_in_the_same_page_not_a_500(settings, resident):
    settings.SESSION_SAVE_EVERY_REQUEST = True
    client = Client(raise_request_exception=False)
    client.force_login(resident)

    # The view needs no database; SessionMiddleware fails saving the session afterwards.
    with database_is_down():
        response = client.get("/i18n/setlang/", {"next": "/"})

    assert response.status_code == 503
    assert "Serwis jest chwilowo niedostępny" in response.content.decode()
    assert response["Retry-After"] == "60"


def test_other_errors_still_get_the_500_page(consultation, monkeypatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError

    monkeypatch.setattr(ConsultationPage, "get_context", broken)
    client = Client(raise_request_exception=False)

    response = client.get(consultation.url)

    assert response.status_code == 500
    assert "Przepraszamy, wystąpił błąd" in response.content.decode()


# --- Redis is down: the cache misses ------------------------------------------------------------


def test_pages_are_served_while_the_cache_is_down(client, consultation, redis_down):
    assert client.get("/").status_code == 200
    assert client.get(consultation.url).status_code == 200


def test_a_comment_is_posted_while_the_cache_is_down(client, consultation, resident, redis_down):
    client.force_login(resident)

    response = post_comment(client, consultation, comment=TEXT)

    assert response.status_code == 302
    assert Comment.objects.get().comment == TEXT


def test_logging_in_works_while_the_cache_is_down(client, resident, demo_site, redis_down):
    response = client.post("/konto/login/", {"login": resident.email, "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(resident.pk)


def test_a_read_from_a_cache_that_is_down_is_a_miss():
    cache = ResilientRedisCache(DEAD_REDIS, {})

    cache.set("konsultacja", "program")

    assert cache.get("konsultacja", "brak") == "brak"
    assert cache.get_many(["konsultacja"]) == {}


def test_a_counter_in_a_cache_that_is_down_is_missing():
    cache = ResilientRedisCache(DEAD_REDIS, {})

    with pytest.raises(ValueError, match="not found"):
        cache.incr("pageviews:1")


def test_a_lock_taken_in_a_cache_that_is_down_does_not_block():
    cache = ResilientRedisCache(DEAD_REDIS, {})

    assert cache.add("allauth:rl:lock", True) is True


def test_the_health_check_still_sees_the_real_error():
    from redis.exceptions import ConnectionError as RedisConnectionError

    cache = ResilientRedisCache(DEAD_REDIS, {})

    with pytest.raises(RedisConnectionError), errors_raised():
        cache.get("konsultacja")
