"""A resident's data rights: *Moje dane* with its JSON download (RODO art. 15, 20) and
deleting the account (art. 17), which leaves the discussion and the report readable."""

import json
import re
from datetime import UTC, datetime

import pytest
from django.apps import apps
from django.core import mail
from django.db import models
from django.utils import timezone

from cms.services import role_assign
from comments.models import Comment, Kind, Outcome, Reaction, Report
from comments.services import (
    comment_edit,
    comment_post,
    position_set,
    reaction_set,
    report_create,
)
from consultations.models import ConsultationPage
from consultations.services import version_publish
from core.roles import COORDINATORS
from events.models import Registration, RegistrationStatus, TopicProposal
from events.proposals import proposal_create
from events.services import registration_create
from organisations.models import RepresentativeRole
from organisations.services import representative_declare
from subscriptions.models import Follow, NewsletterSubscription
from subscriptions.services import follow_by_user
from tests.factories import (
    NewsletterSubscriptionFactory,
    OrganisationFactory,
    UserFactory,
    consultation_page,
    workshop_page,
)

pytestmark = pytest.mark.django_db

NAME, SURNAME = "Grażyna", "Pietruszewska"
EMAIL = "grazyna.pietruszewska@example.org"
IP = "203.0.113.45"
PASSWORD = "Nadrzecze-test-2026"


@pytest.fixture
def consultation(demo_site):
    page = consultation_page(slug="program-2028", title="Program współpracy na 2028 rok")
    version_publish(page=page, label="projekt do konsultacji")
    return ConsultationPage.objects.get(pk=page.pk)


@pytest.fixture
def neighbour(db):
    return UserFactory(first_name="Jan", last_name="Wróblewski", email="jan.w@example.org")


@pytest.fixture
def grazyna(db):
    user = UserFactory(first_name=NAME, last_name=SURNAME, email=EMAIL)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def active_grazyna(grazyna, neighbour, consultation, demo_site):
    """Grażyna took part in everything the site offers."""
    coordinator = UserFactory(first_name="Marta", last_name="Zielińska")
    role_assign(user=coordinator, role=COORDINATORS)
    paragraph = consultation.versions.get().chapters[0]["paragraphs"][1]

    comment = comment_post(
        page=consultation, user=grazyna, text="Brakuje mowy o seniorach.", ip_address=IP
    )
    comment_post(page=consultation, user=neighbour, text="Zgadzam się z tym.", parent=comment)
    remark = comment_post(
        page=consultation,
        user=grazyna,
        kind=Kind.REMARK,
        paragraph_id=paragraph["id"],
        proposed_wording="Dodać kluby seniora.",
        justification="Kluby seniora działają w każdej dzielnicy.",
        ip_address=IP,
    )
    position_set(
        remarks=[remark],
        outcome=Outcome.ACCEPTED,
        justification="Dopisano kluby seniora.",
        by=coordinator,
        notify=False,
    )
    theirs = comment_post(page=consultation, user=neighbour, text="Proponuję więcej zieleni.")
    reaction_set(comment=theirs, user=grazyna, value=Reaction.Value.AGREE)
    report_create(comment=theirs, user=grazyna, reason="Wpis nie na temat.")

    workshop = workshop_page(title="Spotkanie stolikowe o seniorach")
    registration_create(
        workshop=workshop,
        table=workshop.tables.get(),
        user=grazyna,
        accessibility_needs="Poruszam się na wózku.",
    )
    proposal_create(workshop=workshop, user=grazyna, title="Transport dla seniorów")
    follow_by_user(page=consultation, user=grazyna)
    NewsletterSubscriptionFactory(email=EMAIL, organisation_name="Klub Seniora „Pod Lipami”")
    representative_declare(
        user=grazyna,
        organisation=OrganisationFactory(name="Klub Seniora „Pod Lipami”"),
        role=RepresentativeRole.BOARD_MEMBER,
    )
    return grazyna


def download(client) -> dict:
    response = client.get("/konto/dane/pobierz/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return json.loads(response.content)


def test_the_download_holds_everything_the_site_keeps_about_the_person(client, active_grazyna):
    client.force_login(active_grazyna)

    data = download(client)

    assert data["account"][0]["email"] == EMAIL
    assert [row["kind"] for row in data["comments"]] == ["komentarz", "uwaga"]
    assert data["comments"][0]["ip_address"] == IP
    assert data["comments"][1]["position"] == "uwzgledniono"
    assert data["reactions"][0]["value"] == 1
    assert data["reports"][0]["reason"] == "Wpis nie na temat."
    assert data["registrations"][0]["accessibility_needs"] == "Poruszam się na wózku."
    assert data["topic_proposals"][0]["title"] == "Transport dla seniorów"
    assert data["follows"][0]["consultation"] == "Program współpracy na 2028 rok"
    assert data["newsletter"][0]["email"] == EMAIL
    assert data["representations"][0]["organisation"] == "Klub Seniora „Pod Lipami”"


def test_the_download_holds_the_text_a_comment_had_before_its_author_edited_it(
    client, grazyna, consultation
):
    comment = comment_post(page=consultation, user=grazyna, text="Brakuje mowy o seniorch.")
    comment_edit(comment=comment, user=grazyna, text="Brakuje mowy o seniorach.")
    client.force_login(grazyna)

    [row] = download(client)["comments"]

    assert row["comment"] == "Brakuje mowy o seniorach."
    assert row["earlier_versions"] == ["Brakuje mowy o seniorch."]


def test_my_data_shows_the_same_on_the_page(client, active_grazyna):
    client.force_login(active_grazyna)

    page = client.get("/konto/dane/").content.decode()

    for text in [
        EMAIL,
        "Brakuje mowy o seniorach.",
        "Wpis nie na temat.",
        "Poruszam się na wózku.",
        "Transport dla seniorów",
        "Klub Seniora „Pod Lipami”",
    ]:
        assert text in page


def test_my_data_shows_moments_in_local_time_as_people_write_them(client, grazyna):
    grazyna.date_joined = datetime(2026, 12, 4, 13, 5, 30, 123456, tzinfo=UTC)
    grazyna.save()
    client.force_login(grazyna)

    page = client.get("/konto/dane/").content.decode()

    assert "4 grudnia 2026, 14:05" in page
    assert "13:05:30" not in page


def test_my_data_needs_a_log_in(client):
    assert client.get("/konto/dane/pobierz/").status_code == 302


# --- Deleting the account ---------------------------------------------------------------------


def delete(client, user, password=PASSWORD):
    client.force_login(user)
    return client.post("/konto/usun/", {"password": password})


def _text_fields(model):
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(
            field,
            (models.CharField, models.TextField, models.EmailField, models.GenericIPAddressField),
        )
    ]


def rows_mentioning(*needles):
    """Every model's text, e-mail and IP fields scanned for `needles`: (model, field, pk)."""
    found = []
    for model in apps.get_models():
        for name in _text_fields(model):
            for needle in needles:
                for pk in model._default_manager.filter(
                    **{f"{name}__icontains": needle}
                ).values_list("pk", flat=True):
                    found.append((model._meta.label, name, pk))
    return found


def test_after_deletion_no_table_holds_the_persons_name_email_or_ip(client, active_grazyna):
    assert rows_mentioning(SURNAME, EMAIL, IP)  # the scan finds them before

    response = delete(client, active_grazyna)

    assert response.status_code == 302
    assert rows_mentioning(SURNAME, EMAIL, IP) == []


def test_the_discussion_keeps_every_comment_signed_as_a_deleted_account(
    client, active_grazyna, consultation, django_capture_on_commit_callbacks
):
    before = client.get(consultation.url).content.decode().count('data-comment="')

    with django_capture_on_commit_callbacks(execute=True):
        delete(client, active_grazyna)

    page = client.get(consultation.url).content.decode()
    assert page.count('data-comment="') == before
    assert "Uczestnik konsultacji (konto usunięte)" in page
    assert "Brakuje mowy o seniorach." in page


def test_an_answered_remark_keeps_its_text_and_position_without_the_name(client, active_grazyna):
    remark = Comment.objects.get(kind=Kind.REMARK, user=active_grazyna)

    delete(client, active_grazyna)

    remark.refresh_from_db()
    assert remark.user_name == "Uczestnik konsultacji (konto usunięte)"
    assert remark.proposed_wording == "Dodać kluby seniora."
    assert remark.position.justification == "Dopisano kluby seniora."


def test_reactions_are_withdrawn_and_reports_deleted(client, active_grazyna, neighbour):
    theirs = Comment.objects.get(user=neighbour, comment__contains="zieleni")

    delete(client, active_grazyna)

    theirs.refresh_from_db()
    assert theirs.agree_count == 0
    assert not Reaction.objects.exists()
    assert not Report.objects.exists()


def test_an_upcoming_seat_goes_to_the_first_person_waiting_who_is_told(
    client, grazyna, neighbour, demo_site, django_capture_on_commit_callbacks
):
    workshop = workshop_page(tables=(("Seniorzy", 1),))
    table = workshop.tables.get()
    registration_create(workshop=workshop, table=table, user=grazyna)
    waiting = registration_create(workshop=workshop, table=table, user=neighbour)
    mail.outbox = []

    with django_capture_on_commit_callbacks(execute=True):
        delete(client, grazyna)

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert not Registration.objects.filter(user_id=grazyna.pk).exists()
    assert [neighbour.email] in [message.to for message in mail.outbox]


def test_follows_newsletter_and_proposals_are_gone(client, active_grazyna):
    delete(client, active_grazyna)

    assert not Follow.objects.exists()
    assert not NewsletterSubscription.objects.filter(email=EMAIL).exists()
    assert not TopicProposal.objects.exists()


def test_the_person_is_told_by_email_what_was_kept_and_why(
    client, grazyna, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        delete(client, grazyna)

    message = mail.outbox[-1]
    assert message.to == [EMAIL]
    assert "Uczestnik konsultacji (konto usunięte)" in message.body
    assert "raport" in message.body


def test_email_to_the_person_in_the_queue_and_its_delivery_records_are_erased(client, grazyna):
    from django.core.mail import send_mail
    from django.test import override_settings
    from django_tasks_db.models import DBTaskResult

    from cms.models import EmailDelivery

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        send_mail("Zmiana hasła", "https://nadrzecze.pl/konto/haslo/x-1/", None, [EMAIL])
        DBTaskResult.objects.update(status="SUCCESSFUL", finished_at=timezone.now())
        EmailDelivery.objects.create(message_id="<a@nadrzecze>", recipient=EMAIL, status="sent")

        delete(client, grazyna)

    assert not DBTaskResult.objects.filter(args_kwargs__icontains=EMAIL).exists()
    assert not EmailDelivery.objects.exists()


def test_a_wrong_password_deletes_nothing(client, grazyna):
    response = delete(client, grazyna, password="nie-to-haslo")

    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    grazyna.refresh_from_db()


def test_a_person_with_admin_access_is_refused_and_told_why(client, grazyna):
    role_assign(user=grazyna, role=COORDINATORS)

    response = delete(client, grazyna)

    assert response.status_code == 400
    assert "przekazać" in response.content.decode()
    grazyna.refresh_from_db()


def test_the_deletion_page_asks_for_the_password_before_anything_happens(client, grazyna):
    client.force_login(grazyna)

    page = client.get("/konto/usun/").content.decode()

    assert 'type="password"' in page
    assert "Uczestnik konsultacji (konto usunięte)" in page
    grazyna.refresh_from_db()  # a GET deletes nothing


# --- The information clause (art. 13) -----------------------------------------------------------


def organisation_url() -> str:
    from organisations.models import Organisation

    return Organisation.objects.order_by("pk").first().get_absolute_url()


def workshop_url() -> str:
    return workshop_page(title="Spotkanie stolikowe o seniorach").url


def consultation_url(suffix=""):
    return lambda: f"/konsultacje/program-wspolpracy-2027/{suffix}"


@pytest.mark.parametrize(
    ("path", "logged_in"),
    [
        pytest.param(consultation_url(), True, id="comment form"),
        pytest.param(workshop_url, True, id="registration and topic proposal"),
        pytest.param(organisation_url, True, id="representing an organisation"),
        pytest.param(consultation_url("obserwuj/"), False, id="follow by e-mail"),
        pytest.param(lambda: "/newsletter/", False, id="newsletter"),
    ],
)
def test_every_form_that_collects_personal_data_links_the_privacy_notice(
    client, demo_site, grazyna, path, logged_in
):
    if logged_in:
        client.force_login(grazyna)

    html = client.get(path()).content.decode()

    notice = re.search(r'<p class="field__help privacy-notice">(.*?)</p>', html, re.S).group(1)
    assert "Administratorem Twoich danych osobowych jest" in notice
    assert 'href="/ochrona-danych/"' in notice
    assert ('href="/konto/dane/"' in notice) is logged_in
