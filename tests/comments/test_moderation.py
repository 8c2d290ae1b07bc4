"""Reports, moderators' decisions, blocks: visible to readers, logged for auditors."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from cms.models import GminaSettings
from comments.models import Comment, ModerationAction, ModerationLogEntry, Status
from comments.services import (
    comment_hide,
    comment_post,
    comment_restore,
    commenter_block,
    report_create,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment(consultation, resident):
    return comment_post(page=consultation, user=resident, text="Urzędnicy nic nie robią!!!")


def test_a_moderator_hides_a_comment_with_a_public_reason(client, consultation, comment, moderator):
    comment_hide(comment=comment, moderator=moderator, reason="wpis obraźliwy")

    html = Client().get(consultation.url).content.decode()
    assert "Ukryty przez moderatora: wpis obraźliwy" in html
    assert "Urzędnicy nic nie robią" not in html


def test_hiding_and_restoring_are_logged_with_who_and_why(comment, moderator):
    comment_hide(comment=comment, moderator=moderator, reason="wpis obraźliwy")
    comment_restore(comment=comment, moderator=moderator, reason="po wyjaśnieniu")

    log = list(
        ModerationLogEntry.objects.filter(moderator=moderator)
        .order_by("created_at")
        .values_list("action", "moderator", "reason")
    )
    assert log == [
        (ModerationAction.HIDE, moderator.pk, "wpis obraźliwy"),
        (ModerationAction.RESTORE, moderator.pk, "po wyjaśnieniu"),
    ]
    assert Comment.objects.get(pk=comment.pk).status == Status.PUBLISHED


def test_a_resident_cannot_hide_a_comment(comment, other_resident):
    with pytest.raises(ValidationError):
        comment_hide(comment=comment, moderator=other_resident, reason="nie podoba mi się")

    assert Comment.objects.get(pk=comment.pk).status == Status.PUBLISHED


def test_the_moderation_page_is_closed_to_residents(client, consultation, comment, other_resident):
    client.force_login(other_resident)

    response = client.post(
        f"{consultation.url}dyskusja/{comment.pk}/moderuj/", {"action": "ukryj", "reason": "x"}
    )

    assert response.status_code == 403
    assert Comment.objects.get(pk=comment.pk).status == Status.PUBLISHED


def test_a_moderator_hides_through_the_page(client, consultation, comment, moderator):
    client.force_login(moderator)

    client.post(
        f"{consultation.url}dyskusja/{comment.pk}/moderuj/",
        {"action": "ukryj", "reason": "wpis obraźliwy"},
    )

    assert Comment.objects.get(pk=comment.pk).status == Status.HIDDEN


def test_enough_reports_hide_a_comment_until_a_moderator_reviews_it(comment, demo_site):
    GminaSettings.objects.update(reports_to_hide_comment=2)
    report_create(comment=comment, user=UserFactory(), reason="obraźliwe")
    assert Comment.objects.get(pk=comment.pk).status == Status.PUBLISHED

    report_create(comment=comment, user=UserFactory(), reason="spam")

    assert Comment.objects.get(pk=comment.pk).status == Status.REPORTED
    assert ModerationLogEntry.objects.latest("created_at").action == ModerationAction.AUTO_HIDE


def test_one_person_reports_a_comment_once(comment, other_resident):
    report_create(comment=comment, user=other_resident, reason="obraźliwe")

    with pytest.raises(ValidationError) as refusal:
        report_create(comment=comment, user=other_resident, reason="jeszcze raz")

    assert refusal.value.code == "already_reported"
    assert Comment.objects.get(pk=comment.pk).report_count == 1


def test_reporting_through_the_page_needs_a_reason(client, consultation, comment, other_resident):
    client.force_login(other_resident)

    response = client.post(f"{consultation.url}dyskusja/{comment.pk}/zglos/", {"reason": ""})

    assert response.status_code == 400
    assert not comment.reports.exists()


def test_a_blocked_person_cannot_post_and_the_block_is_logged(consultation, resident, moderator):
    commenter_block(user=resident, moderator=moderator, reason="spam")

    with pytest.raises(ValidationError) as refusal:
        comment_post(page=consultation, user=resident, text="Jeszcze jeden wpis")

    assert refusal.value.code == "blocked"
    assert ModerationLogEntry.objects.latest("created_at").subject_user == resident


def test_replies_stay_readable_under_a_hidden_comment(
    consultation, comment, moderator, other_resident
):
    reply = comment_post(
        page=consultation, user=other_resident, text="Nieprawda, robią dużo.", parent=comment
    )

    comment_hide(comment=comment, moderator=moderator, reason="wpis obraźliwy")

    html = Client().get(consultation.url).content.decode()
    assert "Nieprawda, robią dużo." in html
    assert Comment.objects.get(pk=reply.pk).is_public
