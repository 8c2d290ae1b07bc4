"""Every way to log in goes through allauth's throttled form with a confirmed address
(issue 18): Wagtail's front-end and admin log-in forms only lead there."""

import pytest
from django.contrib.auth.views import LoginView
from django.urls import URLResolver, get_resolver, resolve
from wagtail.models import PageViewRestriction, Site

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOG_IN_PATHS = ["/konto/login/", "/admin/login/", "/_util/login/"]


def credentials(email, password=PASSWORD):
    # allauth's form calls the address "login", Django's and Wagtail's "username".
    return {"login": email, "username": email, "password": password}


def djangos_log_in_forms(resolver, prefix="/"):
    """Addresses of every Django LoginView the URL configuration includes (Wagtail's too)."""
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from djangos_log_in_forms(pattern, prefix + str(pattern.pattern))
        elif issubclass(getattr(pattern.callback, "view_class", object), LoginView):
            yield prefix + str(pattern.pattern)


def test_no_address_reaches_a_django_log_in_form_that_bypasses_allauth():
    addresses = list(djangos_log_in_forms(get_resolver()))

    assert addresses  # Wagtail brings two; both must be shadowed by cms/urls.py
    for address in addresses:
        assert not issubclass(getattr(resolve(address).func, "view_class", object), LoginView)


@pytest.mark.parametrize("path", LOG_IN_PATHS)
def test_a_never_verified_account_cannot_log_in_by_any_path(client, path):
    person = UserFactory(email="adam.nowak@example.org", verified_email=False)

    client.post(path, credentials(person.email))

    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("path", LOG_IN_PATHS)
def test_after_five_wrong_passwords_no_path_lets_the_same_address_in(client, resident, path):
    for _attempt in range(5):
        client.post(path, credentials(resident.email, "zle-haslo"))
        client.post("/konto/login/", credentials(resident.email, "zle-haslo"))

    client.post(path, credentials(resident.email))

    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("path", ["/admin/login/", "/_util/login/"])
def test_other_log_in_forms_send_people_to_the_throttled_one(client, resident, path):
    response = client.post(f"{path}?next=/konsultacje/", credentials(resident.email))

    assert response.status_code == 302
    assert response["Location"] == "/konto/login/?next=%2Fkonsultacje%2F"
    assert "_auth_user_id" not in client.session


def test_a_page_for_logged_in_people_sends_readers_to_the_throttled_log_in(client, demo_site):
    home = Site.objects.get(is_default_site=True).root_page
    PageViewRestriction.objects.create(page=home, restriction_type="login")

    response = client.get(home.url)

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/?next=")


@pytest.fixture
def password_page(demo_site):
    home = Site.objects.get(is_default_site=True).root_page
    restriction = PageViewRestriction.objects.create(
        page=home, restriction_type="password", password="Wisla-2027"
    )
    return f"/_util/authenticate_with_password/{restriction.pk}/{home.pk}/"


def test_guessing_a_page_password_is_throttled_per_address(client, password_page):
    for _attempt in range(10):
        client.post(password_page, {"password": "zgaduje", "return_url": "/"})

    response = client.post(password_page, {"password": "Wisla-2027", "return_url": "/"})

    assert response.status_code == 429
    assert "Zbyt wiele prób" in response.content.decode()


def test_a_page_password_still_opens_the_page_from_another_address(client, password_page):
    for _attempt in range(10):
        client.post(password_page, {"password": "zgaduje", "return_url": "/"})

    response = client.post(
        password_page, {"password": "Wisla-2027", "return_url": "/"}, REMOTE_ADDR="198.51.100.14"
    )

    assert response.status_code == 302
    assert response["Location"] == "/"
