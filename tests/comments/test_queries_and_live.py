"""A long discussion costs no more queries than a short one; changes reach open pages."""

import pytest
from channels.testing import WebsocketCommunicator
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cms.asgi import application
from comments.services import comment_post, reaction_set
from tests.factories import UserFactory


def discuss(page, people, threads):
    for number in range(threads):
        root = comment_post(page=page, user=people[number % 3], text=f"Wątek {number}")
        reply = comment_post(
            page=page, user=people[(number + 1) % 3], text="Odpowiedź", parent=root
        )
        comment_post(page=page, user=people[(number + 2) % 3], text="Odpowiedź 2", parent=reply)
        reaction_set(comment=root, user=people[(number + 1) % 3], value=1)


def queries(client, url):
    client.get(url)  # warm: the stored view count is read once, then kept in the cache
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_the_whole_discussion_costs_the_same_queries_for_few_and_many_comments(
    consultation, settings
):
    settings.COMMENT_RATE_LIMIT = (10_000, 60)
    people = [UserFactory() for _ in range(3)]
    reader = Client()
    reader.force_login(people[0])
    discuss(consultation, people, 3)
    few = queries(reader, consultation.url + "?wszystkie=1")

    discuss(consultation, people, 30)
    many = queries(reader, consultation.url + "?wszystkie=1")

    assert many == few
    assert (
        reader.get(consultation.url + "?wszystkie=1").content.decode().count('class="comment ')
        == 99
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.asyncio
async def test_a_new_comment_reaches_an_open_page_over_the_websocket(consultation, resident):
    from asgiref.sync import sync_to_async

    communicator = WebsocketCommunicator(
        application,
        f"/ws/konsultacje/{consultation.pk}/",
        headers=[(b"origin", b"http://127.0.0.1:8000"), (b"host", b"127.0.0.1:8000")],
    )
    connected, _ = await communicator.connect()
    assert connected

    comment = await sync_to_async(comment_post)(
        page=consultation, user=resident, text="Na żywo z dzielnicy."
    )

    message = await communicator.receive_json_from(timeout=5)
    assert message["id"] == comment.pk and message["event"] == "new"
    assert "Na żywo z dzielnicy." in message["html"]
    assert "csrfmiddlewaretoken" not in message["html"]
    await communicator.disconnect()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.asyncio
async def test_the_live_feed_of_an_unknown_consultation_is_refused(demo_site):
    communicator = WebsocketCommunicator(
        application,
        "/ws/konsultacje/999999/",
        headers=[(b"origin", b"http://127.0.0.1:8000"), (b"host", b"127.0.0.1:8000")],
    )

    connected, _ = await communicator.connect()

    assert not connected


@pytest.mark.django_db
def test_a_reconnecting_page_fetches_what_it_missed(client, consultation, resident, moderator):
    from datetime import timedelta

    from django.utils import timezone

    from comments.services import comment_hide

    before = comment_post(page=consultation, user=resident, text="Wcześniejszy")
    since = timezone.now()
    missed = comment_post(page=consultation, user=resident, text="Przegapiony")
    comment_hide(comment=before, moderator=moderator, reason="spam")

    response = client.get(
        consultation.url + "dyskusja/zmiany/", {"od": (since - timedelta(seconds=1)).isoformat()}
    )
    fragment = client.get(f"{consultation.url}dyskusja/{before.pk}/").json()

    assert set(response.json()["ids"]) == {before.pk, missed.pk}
    assert "Ukryty przez moderatora: spam" in fragment["html"]
