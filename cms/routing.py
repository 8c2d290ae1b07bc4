"""WebSocket routes of the whole site; each app adds its own list here."""

from django.urls import path

from comments.consumers import DiscussionConsumer
from core.consumers import PingConsumer
from events.consumers import SeatsConsumer

websocket_urlpatterns = [
    path("ws/ping/", PingConsumer.as_asgi()),
    path("ws/konsultacje/<id:page_id>/", DiscussionConsumer.as_asgi()),
    path("ws/spotkania/<id:page_id>/", SeatsConsumer.as_asgi()),
]
