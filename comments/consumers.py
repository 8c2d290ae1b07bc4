"""The live feed of one consultation's discussion."""

from comments.events import group_name
from core.consumers import PageFeedConsumer


class DiscussionConsumer(PageFeedConsumer):
    """Readers of `/ws/konsultacje/<page_id>/` receive every change to the discussion."""

    page_model = "consultations.ConsultationPage"

    def group_for(self, page_id) -> str:
        return group_name(page_id)

    async def comment_changed(self, event):
        await self.send_json({key: value for key, value in event.items() if key != "type"})
