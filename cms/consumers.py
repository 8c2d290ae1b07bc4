"""A smoke consumer: proves a WebSocket round trip through the ASGI app and the channel layer."""

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
