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
    return re.search(r"https?://[^/\s]+(/konto/confirm-email/\S+/)", message.body).group(1)


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


# --- Lock-out by strangers (issue 18) -------------------------------------------------------

STRANGER = "203.0.113.66"  # addresses from the documentation ranges (RFC 5737)
OWNER = "198.51.100.14"


def log_in(client, email, password, address):
    return client.post(LOGIN, {"login": email, "password": password}, REMOTE_ADDR=address)


def test_wrong_passwords_from_a_strangers_address_do_not_lock_the_owner_out(client, resident):
    for _attempt in range(10):
        log_in(client, resident.email, "zle-haslo", STRANGER)

    log_in(client, resident.email, PASSWORD, OWNER)

    assert int(client.session["_auth_user_id"]) == resident.pk


def test_the_strangers_address_is_locked_out_of_that_account_after_five_wrong_passwords(
    client, resident
):
    for _attempt in range(5):
        log_in(client, resident.email, "zle-haslo", STRANGER)

    response = log_in(client, resident.email, PASSWORD, STRANGER)

    assert "zablokowane na 15 minut" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_guessing_from_many_addresses_meets_a_ceiling_for_the_account(client, resident, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_account": "8/h/key",
    }
    for address in ("203.0.113.1", "203.0.113.2"):
        for _attempt in range(4):
            log_in(client, resident.email, "zle-haslo", address)

    response = log_in(client, resident.email, PASSWORD, OWNER)

    assert "z wielu miejsc" in response.content.decode()
    assert "_auth_user_id" not in client.session


# --- Password reset tells nothing (issue 18) ------------------------------------------------

RESET = "/konto/password/reset/"


def without_csrf_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_password_reset_answers_the_same_whether_or_not_the_address_has_an_account(
    client, resident
):
    known = client.post(RESET, {"email": resident.email}, follow=True)
    unknown = client.post(RESET, {"email": "nikt.taki@example.org"}, follow=True)

    assert known.redirect_chain == unknown.redirect_chain != []
    assert known.status_code == unknown.status_code == 200
    assert without_csrf_tokens(known.content.decode()) == without_csrf_tokens(
        unknown.content.decode()
    )


def test_password_reset_for_an_unknown_address_mails_that_there_is_no_account(client, db):
    client.post(RESET, {"email": "nikt.taki@example.org"})

    assert [message.to for message in mail.outbox] == [["nikt.taki@example.org"]]
    assert "/konto/password/reset/key/" not in mail.outbox[0].body


# --- Names (issue 18) -----------------------------------------------------------------------


def test_sign_up_drops_direction_changing_and_invisible_characters_from_the_name(client, demo_site):
    client.post(SIGNUP, signup_data(first_name="Zo\u200bfia", last_name="W\u202eójcik\u202c"))

    user = User.objects.get(email="zofia.wojcik@example.org")
    assert (user.first_name, user.last_name) == ("Zofia", "Wójcik")


def test_a_name_of_nothing_but_invisible_characters_is_refused(client, demo_site):
    response = client.post(SIGNUP, signup_data(last_name="\u202e\u200b"))

    assert response.status_code == 200
    assert not User.objects.filter(email="zofia.wojcik@example.org").exists()


@pytest.mark.parametrize(
    ("first_name", "last_name"),
    [
        ("Urząd", "Miasta"),
        ("Zofia", "Administrator"),
        ("Moderator", "Wójcik"),
        ("Prezydent", "Miasta"),
        ("Burmistrz", "Nadrzecza"),
        ("Urzad", "Miasta"),
        ("Gmina Miasta", "Nadrzecze"),
    ],
    ids=["office", "administrator", "moderator", "president", "mayor", "no-diacritics", "gmina"],
)
def test_sign_up_refuses_a_name_that_passes_for_the_office(
    client, demo_site, first_name, last_name
):
    response = client.post(SIGNUP, signup_data(first_name=first_name, last_name=last_name))

    assert response.status_code == 200
    assert "musi potwierdzić koordynator" in response.content.decode()
    assert not User.objects.filter(email="zofia.wojcik@example.org").exists()


@pytest.mark.parametrize(
    ("first_name", "last_name"), [("Wojciech", "Wojtczak"), ("Radosław", "Gmiński")]
)
def test_ordinary_names_that_look_a_little_like_an_office_word_are_accepted(
    client, demo_site, first_name, last_name
):
    client.post(SIGNUP, signup_data(first_name=first_name, last_name=last_name))

    assert User.objects.filter(email="zofia.wojcik@example.org").exists()


def test_names_are_stored_clean_whichever_form_writes_them(resident):
    resident.last_name = "Kamińska\u202e\u2066"
    resident.save()

    resident.refresh_from_db()
    assert resident.last_name == "Kamińska"


PROFILE_NAME = "/konto/imie-i-nazwisko/"


def test_a_resident_changes_their_name_and_it_is_stored_clean(client, resident):
    client.force_login(resident)

    client.post(PROFILE_NAME, {"first_name": "Ewa\u2067", "last_name": "Kamińska-Nowak"})

    resident.refresh_from_db()
    assert (resident.first_name, resident.last_name) == ("Ewa", "Kamińska-Nowak")


def test_the_profile_form_refuses_a_name_that_passes_for_the_office(client, resident, demo_site):
    client.force_login(resident)

    response = client.post(PROFILE_NAME, {"first_name": "Urząd", "last_name": "Miasta"})

    assert response.status_code == 200
    assert "musi potwierdzić koordynator" in response.content.decode()
    resident.refresh_from_db()
    assert resident.first_name == "Ewa"
