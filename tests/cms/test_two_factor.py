"""Two-factor authentication (allauth.mfa, TOTP): required for staff, optional for residents."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth.models import Group

from core.roles import COORDINATORS, MODERATORS, PLENIPOTENTIARIES
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/konto/login/"
TOTP_SETUP = "/konto/2fa/totp/activate/"


@pytest.fixture(autouse=True)
def _two_factor_required(settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = True


def staff_member(role):
    person = UserFactory(first_name="Marta", last_name="Zielińska", email="marta@nadrzecze.example")
    if role == "superuser":
        person.is_superuser = True
        person.save()
    else:
        person.groups.add(Group.objects.get_or_create(name=role)[0])
    return person


def log_in(client, person):
    return client.post(LOGIN, {"login": person.email, "password": PASSWORD})


def confirm_password(client):
    """Setting up an authenticator asks for the password again (allauth's reauthentication)."""
    client.post("/konto/reauthenticate/", {"password": PASSWORD})


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


@pytest.mark.parametrize("role", [COORDINATORS, PLENIPOTENTIARIES, MODERATORS, "superuser"])
def test_staff_without_an_authenticator_app_are_sent_to_set_it_up_before_the_admin(client, role):
    log_in(client, staff_member(role))

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == TOTP_SETUP


def test_the_set_up_page_shows_the_code_to_scan(client):
    log_in(client, staff_member(COORDINATORS))
    confirm_password(client)

    response = client.get(TOTP_SETUP)

    assert response.status_code == 200
    assert "data:image/svg+xml;base64," in response.content.decode()


def test_with_an_authenticator_app_log_in_asks_for_its_code(client):
    coordinator = staff_member(COORDINATORS)
    TOTP.activate(coordinator, generate_totp_secret())

    response = log_in(client, coordinator)

    assert response["Location"] == "/konto/2fa/authenticate/"
    assert "_auth_user_id" not in client.session


def test_the_code_from_the_app_completes_the_log_in_and_opens_the_admin(client):
    coordinator = staff_member(COORDINATORS)
    secret = generate_totp_secret()
    TOTP.activate(coordinator, secret)
    log_in(client, coordinator)

    client.post("/konto/2fa/authenticate/", {"code": current_code(secret)})

    assert int(client.session["_auth_user_id"]) == coordinator.pk
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_does_not_log_in(client):
    coordinator = staff_member(COORDINATORS)
    TOTP.activate(coordinator, generate_totp_secret())
    log_in(client, coordinator)

    client.post("/konto/2fa/authenticate/", {"code": "000000"})

    assert "_auth_user_id" not in client.session


def test_residents_are_not_made_to_set_it_up(client, resident):
    log_in(client, resident)

    assert client.get("/organizacje/").status_code == 200


def test_residents_may_turn_it_on_from_their_account(client, resident):
    log_in(client, resident)
    confirm_password(client)
    secret = client.get(TOTP_SETUP).context["form"].secret

    client.post(TOTP_SETUP, {"code": current_code(secret)})

    assert Authenticator.objects.filter(user=resident, type=Authenticator.Type.TOTP).exists()
