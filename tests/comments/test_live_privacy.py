"""What the live feed and the page's markup say about people: nothing that links a
comment to an account, nothing about comments the reader may not see, and nothing of
remarks that reached the city another way before the report."""

import pytest
from django.test import Client
from django.utils import timezone

from comments import events
from comments.models import Channel, Kind, Outcome
from comments.services import comment_post, position_set, remark_enter
from consultations.models import ConsultationPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(monkeypatch):
    """Messages the discussion sends to live pages."""
    messages = []
    monkeypatch.setattr(events, "broadcast", lambda group, message: messages.append(message))
    return messages


@pytest.fixture
def paper_remark(consultation, coordinator, paragraph):
    return remark_enter(
        page=consultation,
        by=coordinator,
        channel=Channel.PAPER,
        received_at=timezone.now(),
        author_name="Halina Mazur",
        paragraph_id=paragraph["id"],
        proposed_wording="Dopisać wolontariat senioralny.",
        justification="Seniorzy chcą pomagać innym.",
    )


def test_a_comment_awaiting_moderation_reaches_live_pages_without_its_author(
    consultation, resident, sent, django_capture_on_commit_callbacks
):
    ConsultationPage.objects.filter(pk=consultation.pk).update(comments_premoderated=True)
    consultation.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_post(page=consultation, user=resident, text="Czekam na moderację.")

    assert [{key: value for key, value in m.items() if key != "type"} for m in sent] == [
        {"event": "new", "id": comment.pk, "public": False}
    ]


def test_a_live_message_carries_no_account_id(
    consultation, resident, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment_post(page=consultation, user=resident, text="Na żywo z dzielnicy.")

    assert "author" not in sent[0]
    assert str(resident.pk) not in {str(value) for value in sent[0].values()} - {
        str(sent[0]["id"]),
        str(sent[0]["thread"]),
    }


def test_the_page_marks_no_comment_or_reader_with_an_account_id(
    client, consultation, resident, other_resident
):
    comment_post(page=consultation, user=resident, text="Kluby seniora w dzielnicach.")
    client.force_login(other_resident)

    html = client.get(consultation.url).content.decode()

    assert "data-author" not in html
    assert f'data-user="{other_resident.pk}"' not in html
    assert "data-signed-in" in html


def test_a_paper_remark_is_not_readable_through_the_fragment_route(consultation, paper_remark):
    response = Client().get(
        f"{consultation.url}dyskusja/{paper_remark.pk}/", HTTP_ACCEPT="application/json"
    )

    assert response.status_code == 404
    assert "Halina Mazur" not in response.content.decode()


def test_a_position_on_a_paper_remark_is_not_pushed_to_live_pages(
    consultation, coordinator, paper_remark, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        position_set(
            remarks=[paper_remark],
            outcome=Outcome.ACCEPTED,
            justification="Uwagę uwzględniono.",
            by=coordinator,
            notify=False,
        )

    assert sent == []


def test_a_position_on_an_online_remark_still_reaches_live_pages(
    consultation, coordinator, resident, sent, django_capture_on_commit_callbacks
):
    remark = comment_post(
        page=consultation,
        user=resident,
        kind=Kind.REMARK,
        proposed_wording="Dopisać wolontariat.",
        justification="Seniorzy chcą pomagać.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        position_set(
            remarks=[remark],
            outcome=Outcome.ACCEPTED,
            justification="Uwagę uwzględniono.",
            by=coordinator,
            notify=False,
        )

    assert [message["event"] for message in sent] == ["position"]
    assert "Uwagę uwzględniono." in sent[0]["html"]
