"""One rule for every write on a comment (comments.services.comment_write_refusal), and
edits that cannot slip past pre-moderation."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from comments.models import Comment, CommentRevision, Reaction, Report, Status
from comments.services import (
    comment_edit,
    comment_hide,
    comment_post,
    comment_restore,
    commenter_block,
    reaction_set,
    report_create,
)
from consultations.models import ConsultationPage

pytestmark = pytest.mark.django_db

TEXT = "Więcej ławek przy ścieżkach rowerowych."


@pytest.fixture
def comment(consultation, resident):
    return comment_post(page=consultation, user=resident, text=TEXT)


def close(page) -> None:
    ConsultationPage.objects.filter(pk=page.pk).update(
        closes_at=timezone.now() - timedelta(hours=1)
    )


def premoderate(page) -> None:
    ConsultationPage.objects.filter(pk=page.pk).update(comments_premoderated=True)


# --- Edits under pre-moderation --------------------------------------------------------------


def test_an_edit_after_approval_goes_back_to_the_moderation_queue(
    consultation, resident, moderator
):
    premoderate(consultation)
    comment = comment_post(page=consultation, user=resident, text=TEXT)
    comment_restore(comment=comment, moderator=moderator)

    comment_edit(comment=comment, user=resident, text="Kupię tanio samochód, tel. 600 000 000")

    stored = Comment.objects.get(pk=comment.pk)
    assert (stored.status, stored.is_public) == (Status.AWAITING, False)
    html = Client().get(consultation.url).content.decode()
    assert "Kupię tanio samochód" not in html


def test_the_text_before_an_edit_is_kept_for_the_moderators(
    client, consultation, resident, moderator
):
    premoderate(consultation)
    comment = comment_post(page=consultation, user=resident, text=TEXT)
    comment_restore(comment=comment, moderator=moderator)
    comment_edit(comment=comment, user=resident, text="Kupię tanio samochód.")

    client.force_login(moderator)
    queue = client.get("/admin/dyskusja/kolejka/").content.decode()

    assert CommentRevision.objects.get(comment=comment).text == TEXT
    assert TEXT in queue and "Kupię tanio samochód." in queue


def test_an_edit_without_pre_moderation_stays_published_and_is_marked_edited(comment, resident):
    comment_edit(comment=comment, user=resident, text="Ławki co 200 metrów.")

    stored = Comment.objects.get(pk=comment.pk)
    assert stored.status == Status.PUBLISHED
    assert stored.edited_at is not None
    assert stored.revisions.get().text == TEXT


# --- Blocks and closing ----------------------------------------------------------------------


def test_a_blocked_person_cannot_edit_their_comment(comment, resident, moderator):
    commenter_block(user=resident, moderator=moderator, reason="obraźliwe wpisy")

    with pytest.raises(ValidationError) as refusal:
        comment_edit(comment=comment, user=resident, text="Jednak inaczej.")

    assert refusal.value.code == "blocked"
    assert Comment.objects.get(pk=comment.pk).comment == TEXT


def test_a_blocked_person_editing_through_the_page_sees_why_in_polish(
    client, consultation, comment, resident, moderator
):
    commenter_block(user=resident, moderator=moderator, reason="obraźliwe wpisy")
    client.force_login(resident)

    response = client.post(
        f"{consultation.url}dyskusja/{comment.pk}/edytuj/", {"comment": "Jednak inaczej."}
    )

    assert response.status_code == 400
    assert "zablokował(a) Ci możliwość komentowania" in response.content.decode()


def test_reactions_no_longer_change_after_the_consultation_closed(
    consultation, comment, other_resident
):
    close(consultation)

    with pytest.raises(ValidationError) as refusal:
        reaction_set(comment=comment, user=other_resident, value=Reaction.Value.AGREE)

    assert refusal.value.code == "closed"
    assert Comment.objects.get(pk=comment.pk).agree_count == 0


def test_a_blocked_person_cannot_react(comment, other_resident, moderator):
    commenter_block(user=other_resident, moderator=moderator, reason="spam")

    with pytest.raises(ValidationError) as refusal:
        reaction_set(comment=comment, user=other_resident, value=Reaction.Value.AGREE)

    assert refusal.value.code == "blocked"


def test_reactions_to_a_hidden_comment_are_refused_even_for_moderators(comment, moderator):
    comment_hide(comment=comment, moderator=moderator, reason="narusza regulamin")

    with pytest.raises(ValidationError) as refusal:
        reaction_set(comment=comment, user=moderator, value=Reaction.Value.DISAGREE)

    assert refusal.value.code == "not_public"
    assert Comment.objects.get(pk=comment.pk).disagree_count == 0


def test_a_hidden_comment_cannot_be_reported_again(comment, moderator, other_resident):
    comment_hide(comment=comment, moderator=moderator, reason="narusza regulamin")

    with pytest.raises(ValidationError) as refusal:
        report_create(comment=comment, user=moderator, reason="obraźliwe")

    assert refusal.value.code == "not_public"
    assert not Report.objects.exists()


def test_reports_are_still_accepted_after_the_consultation_closed(
    consultation, comment, other_resident
):
    close(consultation)

    report_create(comment=comment, user=other_resident, reason="obraźliwe")

    assert Report.objects.filter(comment=comment).count() == 1


def test_a_blocked_person_cannot_report(comment, other_resident, moderator):
    commenter_block(user=other_resident, moderator=moderator, reason="fałszywe zgłoszenia")

    with pytest.raises(ValidationError) as refusal:
        report_create(comment=comment, user=other_resident, reason="obraźliwe")

    assert refusal.value.code == "blocked"


def test_no_reply_to_a_hidden_comment(consultation, comment, other_resident, moderator):
    comment_hide(comment=comment, moderator=moderator, reason="narusza regulamin")

    with pytest.raises(ValidationError) as refusal:
        comment_post(page=consultation, user=other_resident, text="Popieram.", parent=comment)

    assert refusal.value.code == "not_public"


def test_the_author_may_still_withdraw_a_comment_after_closing(
    client, consultation, comment, resident
):
    close(consultation)
    client.force_login(resident)

    client.post(f"{consultation.url}dyskusja/{comment.pk}/usun/")

    assert Comment.objects.get(pk=comment.pk).is_removed
