"""The live feed of one consultation's discussion."""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from comments.events import group_name


class DiscussionConsumer(AsyncJsonWebsocketConsumer):
    """Readers of `/ws/konsultacje/<page_id>/` receive every change to the discussion.

    Read-only: nothing a client sends changes anything (posting goes through HTTP, where
    the rules and the CSRF check are).
    """

    async def connect(self):
        self.page_id = self.scope["url_route"]["kwargs"]["page_id"]
        if not await self._page_is_live(self.page_id):
            await self.close(code=4404)
            return
        self.group = group_name(self.page_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        pass

    async def comment_changed(self, event):
        await self.send_json({key: value for key, value in event.items() if key != "type"})

    @database_sync_to_async
    def _page_is_live(self, page_id) -> bool:
        from consultations.models import ConsultationPage

        return ConsultationPage.objects.live().public().filter(pk=page_id).exists()
