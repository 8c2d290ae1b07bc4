import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from cms.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = "/konto/signup/"
LOGIN = "/konto/login/"


def signup_data(**overrides):
    data = {
        "first_name": "Zofia",
        "last_name": "Wójcik",
        "email": "zofia.wojcik@example.org",
        "password1": "Nadrzecze-Wisla-77",
        "password2": "Nadrzecze-Wisla-77",
    }
    return {**data, **overrides}


def confirmation_link(message) -> str:
    return re.search(r"http://testserver(/konto/confirm-email/\S+/)", message.body).group(1)


def test_signing_up_sends_a_confirmation_link_in_polish(client, demo_site):
    response = client.post(SIGNUP, signup_data())

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["zofia.wojcik@example.org"]
    assert mail.outbox[0].subject == "[Konsultacje] Potwierdź adres e-mail"
    assert "Konsultacje Nadrzecze" in mail.outbox[0].body
    assert "example.com" not in mail.outbox[0].body


def test_new_account_cannot_log_in_before_the_address_is_confirmed(client, demo_site):
    client.post(SIGNUP, signup_data())
    client.logout()

    response = client.post(
        LOGIN, {"login": "zofia.wojcik@example.org", "password": "Nadrzecze-Wisla-77"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/konto/confirm-email/"
    assert "_auth_user_id" not in client.session


def test_confirming_the_address_lets_the_person_log_in(client, demo_site):
    client.post(SIGNUP, signup_data())
    link = confirmation_link(mail.outbox[0])
    client.post(link)
    client.logout()

    response = client.post(
        LOGIN, {"login": "zofia.wojcik@example.org", "password": "Nadrzecze-Wisla-77"}
    )

    assert response.status_code == 302
    user = User.objects.get(email="zofia.wojcik@example.org")
    assert int(client.session["_auth_user_id"]) == user.pk
    assert EmailAddress.objects.get(user=user).verified


def test_sign_up_keeps_the_name_typed_in(client, demo_site):
    client.post(SIGNUP, signup_data())

    user = User.objects.get(email="zofia.wojcik@example.org")
    assert (user.first_name, user.last_name) == ("Zofia", "Wójcik")


def test_sign_up_with_an_address_already_used_says_so(client, demo_site):
    UserFactory(email="zofia.wojcik@example.org")

    response = client.post(SIGNUP, signup_data())

    assert response.status_code == 200
    assert "jest już zarejestrowany użytkownik o tym adresie e-mail" in response.content.decode()
    assert User.objects.filter(email="zofia.wojcik@example.org").count() == 1


def test_failed_sign_up_gives_back_what_was_typed(client, demo_site):
    response = client.post(SIGNUP, signup_data(password2="Inne-haslo-2026"))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Zofia"' in html
    assert 'value="Wójcik"' in html
    assert 'value="zofia.wojcik@example.org"' in html
    assert 'aria-invalid="true"' in html


def test_wrong_password_is_refused_and_the_address_stays_filled_in(client, resident):
    response = client.post(LOGIN, {"login": resident.email, "password": "zle-haslo"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Podany adres e-mail i/lub hasło są niepoprawne." in html
    assert f'value="{resident.email}"' in html


def test_five_wrong_passwords_lock_the_log_in_with_a_clear_message(client, resident):
    for _attempt in range(5):
        client.post(LOGIN, {"login": resident.email, "password": "zle-haslo"})

    response = client.post(LOGIN, {"login": resident.email, "password": PASSWORD})

    html = response.content.decode()
    assert "Zbyt wiele nieudanych prób logowania" in html
    assert "zablokowane na 15 minut" in html
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_still_allow_the_right_one(client, resident):
    for _attempt in range(4):
        client.post(LOGIN, {"login": resident.email, "password": "zle-haslo"})

    client.post(LOGIN, {"login": resident.email, "password": PASSWORD})

    assert int(client.session["_auth_user_id"]) == resident.pk


def test_admin_log_in_goes_through_the_throttled_form(client):
    response = client.get("/admin/login/?next=/admin/pages/")

    assert response.status_code == 302
    assert response["Location"] == "/konto/login/?next=%2Fadmin%2Fpages%2F"


def test_logging_out_needs_a_post(client, resident):
    client.force_login(resident)

    client.post("/konto/logout/")

    assert "_auth_user_id" not in client.session
