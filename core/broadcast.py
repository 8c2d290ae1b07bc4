"""Sending to a channel-layer group from synchronous code, wherever it runs.

Used by the live feeds (comments, workshop seats). Callers send after their transaction
commits; a channel-layer outage is logged, never raised: the write has already happened
and readers catch up when their page reconnects.
"""

import asyncio
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

logger = logging.getLogger(__name__)


def broadcast(group: str, message: dict) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    try:
        if loop is not None:  # called from code running inside an event loop's thread
            loop.create_task(layer.group_send(group, message))
        else:
            async_to_sync(layer.group_send)(group, message)
    except Exception:  # a Redis outage must not fail the write
        logger.warning("Live update to %s not sent", group, exc_info=True)
