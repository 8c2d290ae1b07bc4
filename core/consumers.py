"""A smoke consumer: proves a WebSocket round trip through the ASGI app and the channel layer;
the base of the pages' live feeds, and the watch that closes them when Redis forgot them."""

import asyncio
import logging
import uuid
import weakref

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from channels.layers import InMemoryChannelLayer

logger = logging.getLogger(__name__)

MAX_PING_LENGTH = 200


class PingConsumer(AsyncJsonWebsocketConsumer):
    """Echoes `{"ping": text}` back to the sender by way of the channel layer.

    The reply is sent to this connection's channel through the layer (Redis in
    production), not written straight to the socket, so a reply proves the layer works.
    """

    async def connect(self):
        await self.accept()

    async def receive_json(self, content, **kwargs):
        text = str(content.get("ping", ""))[:MAX_PING_LENGTH]
        await self.channel_layer.send(self.channel_name, {"type": "ping.reply", "text": text})

    async def ping_reply(self, event):
        await self.send_json({"pong": event["text"]})


class PageFeedConsumer(AsyncJsonWebsocketConsumer):
    """The live feed of one published page: `/ws/…/<page_id>/` joins the page's group.

    Read-only: nothing a client sends changes anything (writes go through HTTP, where the
    rules and the CSRF check are). Subclasses name the page model and the group, and add
    a handler per message type.
    """

    page_model: str  # "app_label.ModelName"

    def group_for(self, page_id) -> str:
        raise NotImplementedError

    async def connect(self):
        self.page_id = self.scope["url_route"]["kwargs"]["page_id"]
        if not await self._page_is_live(self.page_id):
            await self.close(code=4404)
            return
        self.group = self.group_for(self.page_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        MembershipWatch.of(self.channel_layer).add(self)

    async def disconnect(self, code):
        MembershipWatch.of(self.channel_layer).discard(self)
        if hasattr(self, "group"):
            try:
                await self.channel_layer.group_discard(self.group, self.channel_name)
            except Exception:  # noqa: BLE001 - Redis is down: the membership is gone with it
                logger.info("Leaving %s failed (channel layer unavailable)", self.group)

    async def receive_json(self, content, **kwargs):
        pass

    @database_sync_to_async
    def _page_is_live(self, page_id) -> bool:
        from django.apps import apps

        model = apps.get_model(self.page_model)
        return model.objects.live().public().filter(pk=page_id).exists()


# --- Group memberships lost by the channel layer --------------------------------------------------

WATCH_SECONDS = 10
CANARY_TIMEOUT_SECONDS = 5
CLOSE_SERVICE_RESTART = 1012


class MembershipWatch:
    """Closes this process's live feeds when the channel layer has forgotten their groups.

    Group memberships live in Redis. A Redis that restarts without its data (a crash, a quick
    supervised restart, a failover, a flush) forgets them, while the sockets stay open and
    redis-py reconnects by itself: the pages would silently receive nothing more (and after
    the layer's group expiry, a day, the same). So one canary channel per process joins a
    group of its own, and every WATCH_SECONDS a message goes to that group; when it does not
    come back, every feed of the process is closed with 1012 (service restart). The page
    reconnects, joins again and fetches what it missed (cms/static/cms/live.js).

    One per event loop (a uvicorn worker has one), running while it has feeds. The in-memory
    layer of development and tests forgets nothing: no watch runs there.
    """

    _watches = weakref.WeakKeyDictionary()  # event loop -> MembershipWatch

    @classmethod
    def of(cls, layer) -> "MembershipWatch":
        loop = asyncio.get_running_loop()
        watch = cls._watches.get(loop)
        if watch is None or watch.layer is not layer:
            watch = cls._watches[loop] = cls(layer)
        return watch

    def __init__(self, layer):
        self.layer = layer
        self.feeds = weakref.WeakSet()
        self.group = f"feed-canary-{uuid.uuid4().hex}"
        self.channel = None
        self.task = None

    def add(self, consumer) -> None:
        self.feeds.add(consumer)
        if isinstance(self.layer, InMemoryChannelLayer):
            return
        if self.task is None or self.task.done():
            self.task = asyncio.get_running_loop().create_task(self.run())

    def discard(self, consumer) -> None:
        self.feeds.discard(consumer)
        if not self.feeds and self.task is not None:
            self.task.cancel()
            self.task = None
            self.channel = None

    async def run(self) -> None:
        await self.join()  # with the first feed
        while True:
            await asyncio.sleep(WATCH_SECONDS)
            if not await self.memberships_kept():
                await self.close_feeds()
                await self.join()  # before the pages come back

    async def join(self) -> None:
        try:
            self.channel = await self.layer.new_channel()
            await self.layer.group_add(self.group, self.channel)
        except Exception:  # noqa: BLE001 - the layer is unreachable: the next check joins
            self.channel = None

    async def memberships_kept(self) -> bool:
        """Whether the canary still gets what is sent to its group."""
        if self.channel is None:  # it could not join: the layer was unreachable
            return False
        try:
            token = uuid.uuid4().hex
            await self.layer.group_send(self.group, {"type": "canary", "token": token})
            async with asyncio.timeout(CANARY_TIMEOUT_SECONDS):
                while (await self.layer.receive(self.channel)).get("token") != token:
                    pass
            return True
        except Exception as error:  # noqa: BLE001 - a timeout, or the layer is unreachable
            logger.warning(
                "The channel layer lost this process's group memberships (%s): closing %d "
                "live feeds, which reconnect and catch up.",
                type(error).__name__,
                len(self.feeds),
            )
            self.channel = None
            return False

    async def close_feeds(self) -> None:
        for consumer in list(self.feeds):
            self.feeds.discard(consumer)
            try:
                await consumer.close(code=CLOSE_SERVICE_RESTART)
            except Exception:  # noqa: BLE001 - the socket may be gone already
                logger.debug("Closing a live feed failed", exc_info=True)
