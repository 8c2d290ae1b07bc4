import pytest
from channels.testing import WebsocketCommunicator

from cms.asgi import application

# The ASGI stack closes stale database connections around every message (channels'
# aclose_old_connections), so these tests need database access even without queries.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.asyncio
async def test_a_message_makes_a_round_trip_through_the_channel_layer():
    communicator = WebsocketCommunicator(
        application,
        "/ws/ping/",
        headers=[(b"origin", b"http://localhost"), (b"host", b"localhost")],
    )
    connected, _ = await communicator.connect()
    assert connected

    await communicator.send_json_to({"ping": "dzień dobry"})

    assert await communicator.receive_json_from(timeout=5) == {"pong": "dzień dobry"}
    await communicator.disconnect()


@pytest.mark.asyncio
async def test_a_connection_from_another_web_site_is_refused():
    communicator = WebsocketCommunicator(
        application,
        "/ws/ping/",
        headers=[(b"origin", b"https://evil.example.com"), (b"host", b"localhost")],
    )

    connected, _ = await communicator.connect()

    assert not connected
