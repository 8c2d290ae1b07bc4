"""The discussion stores no more personal data than it needs: a bounded draft in the
session of someone logged out, and no copy of the author's e-mail address on a comment."""

import importlib

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail

from comments.models import Comment, Kind, Outcome
from comments.services import comment_post, position_set
from comments.views import draft_key
from tests.factories import remark_on

pytestmark = pytest.mark.django_db

TWO_MEGABYTES = 2 * 1024 * 1024


def post_logged_out(client, consultation, **fields):
    return client.post(consultation.url + "dyskusja/dodaj/", fields)


def test_a_huge_logged_out_post_keeps_only_the_comment_limit_in_the_session(client, consultation):
    text = "Proszę o wydłużenie konsultacji. " + "x" * TWO_MEGABYTES

    post_logged_out(client, consultation, comment=text, justification="Uzasadnienie. " * 20_000)

    (session,) = Session.objects.all()
    assert len(session.session_data) < 20 * settings.COMMENT_MAX_LENGTH
    kept = client.session[draft_key(consultation)]
    assert kept["comment"] == text[: settings.COMMENT_MAX_LENGTH]


def test_fields_the_form_does_not_have_are_not_kept(client, consultation):
    post_logged_out(client, consultation, comment="Mój komentarz.", notatka="y" * 100_000)

    kept = client.session[draft_key(consultation)]
    assert "notatka" not in kept
    assert kept["comment"] == "Mój komentarz."


def test_a_comment_keeps_no_copy_of_its_authors_email(consultation, resident):
    comment = comment_post(page=consultation, user=resident, text="Dobry projekt.")

    assert Comment.objects.get(pk=comment.pk).user_email == ""


def test_the_citys_position_goes_to_the_authors_current_address(
    consultation, resident, coordinator, paragraph, django_capture_on_commit_callbacks
):
    remark = comment_post(
        page=consultation,
        user=resident,
        kind=Kind.REMARK,
        paragraph_id=paragraph["id"],
        proposed_wording="Dodać kluby seniora.",
        justification="Brakuje ich.",
    )
    resident.email = "ewa.nowy.adres@example.org"
    resident.save()

    with django_capture_on_commit_callbacks(execute=True):
        position_set(
            remarks=[remark], outcome=Outcome.ACCEPTED, justification="Dopisano.", by=coordinator
        )

    assert [message.to for message in mail.outbox] == [["ewa.nowy.adres@example.org"]]


def test_the_migration_forgets_copied_addresses_but_not_those_of_remarks_typed_in(
    consultation, resident
):
    online = remark_on(consultation, user=resident, user_email=resident.email)
    on_paper = remark_on(consultation, channel="papier", user_email="stowarzyszenie@example.org")
    Comment.objects.filter(pk=on_paper.pk).update(user=None)  # typed in by staff: no account
    migration = importlib.import_module("comments.migrations.0004_forget_copied_author_emails")

    migration.forget_copied_emails(apps, None)

    assert Comment.objects.get(pk=online.pk).user_email == ""
    assert Comment.objects.get(pk=on_paper.pk).user_email == "stowarzyszenie@example.org"
