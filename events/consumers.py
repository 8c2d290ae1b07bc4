"""The live seats of one table meeting."""

from core.consumers import PageFeedConsumer
from events.live import group_name


class SeatsConsumer(PageFeedConsumer):
    """Readers of `/ws/spotkania/<page_id>/` receive the seats of every table whenever
    anyone registers, moves or cancels."""

    page_model = "events.WorkshopPage"

    def group_for(self, page_id) -> str:
        return group_name(page_id)

    async def seats_changed(self, event):
        await self.send_json({"tables": event["tables"]})
