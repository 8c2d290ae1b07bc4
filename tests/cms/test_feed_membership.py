"""Live feeds whose group memberships the channel layer has forgotten (Redis restarted without
its data) are closed, so that the pages reconnect, join again and catch up."""

import pytest
from channels.layers import InMemoryChannelLayer

from core.consumers import CLOSE_SERVICE_RESTART, MembershipWatch

pytestmark = pytest.mark.asyncio


class OpenFeed:
    """Stands in for a page's consumer: remembers how it was closed."""

    def __init__(self):
        self.closed_with = None

    async def close(self, code=None):
        self.closed_with = code


async def test_the_canary_gets_its_message_while_the_layer_keeps_the_groups():
    watch = MembershipWatch(InMemoryChannelLayer())
    await watch.join()

    assert await watch.memberships_kept() is True


async def test_a_layer_that_forgot_its_groups_is_noticed():
    layer = InMemoryChannelLayer()
    watch = MembershipWatch(layer)
    await watch.join()

    await layer.flush()  # what a Redis restarted without its data looks like

    assert await watch.memberships_kept() is False


async def test_an_unreachable_layer_counts_as_forgotten():
    class UnreachableLayer(InMemoryChannelLayer):
        async def group_send(self, group, message):
            raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    watch = MembershipWatch(UnreachableLayer())
    await watch.join()

    assert await watch.memberships_kept() is False


async def test_every_feed_is_closed_as_a_service_restart_so_the_page_reconnects():
    watch = MembershipWatch(InMemoryChannelLayer())
    feeds = [OpenFeed(), OpenFeed()]
    for feed in feeds:
        watch.feeds.add(feed)

    await watch.close_feeds()

    assert [feed.closed_with for feed in feeds] == [CLOSE_SERVICE_RESTART] * 2
    assert len(watch.feeds) == 0


async def test_no_watch_runs_on_the_in_memory_layer_of_development():
    watch = MembershipWatch(InMemoryChannelLayer())
    feed = OpenFeed()

    watch.add(feed)

    assert watch.task is None
    watch.discard(feed)
