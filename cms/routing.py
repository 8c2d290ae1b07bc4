"""WebSocket routes of the whole site; each app adds its own list here."""

from django.urls import path

from cms.consumers import PingConsumer

websocket_urlpatterns = [
    path("ws/ping/", PingConsumer.as_asgi()),
]
