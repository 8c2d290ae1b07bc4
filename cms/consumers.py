"""A smoke consumer: proves a WebSocket round trip through the ASGI app and the channel layer."""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

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

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        pass

    @database_sync_to_async
    def _page_is_live(self, page_id) -> bool:
        from django.apps import apps

        model = apps.get_model(self.page_model)
        return model.objects.live().public().filter(pk=page_id).exists()
