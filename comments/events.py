"""Live updates: what changed in a consultation's discussion goes to everyone reading it.

The comment is rendered once, as an anonymous reader sees it, and that HTML travels
through the channel layer (Redis with several workers) to every open page; the page's
script adds what is personal (own comments, own reactions). Sent after the transaction
commits, so nobody sees a comment that was rolled back.
"""

import asyncio
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)


def group_name(page_id) -> str:
    return f"consultation-{page_id}"


def comment_changed(comment, event: str) -> None:
    transaction.on_commit(lambda: _send(comment, event))


def _send(comment, event: str) -> None:
    from comments.selectors import discussion_stamp_bump, render_comment

    discussion_stamp_bump(comment.object_pk)
    layer = get_channel_layer()
    if layer is None:
        return
    message = {
        "type": "comment.changed",
        "event": event,
        "id": comment.pk,
        "thread": comment.thread_id,
        "parent": comment.parent_id if comment.parent_id != comment.pk else None,
        "paragraph": comment.paragraph_id,
        "author": comment.user_id,
        "public": comment.status != "oczekuje",
        "html": render_comment(comment) if comment.status != "oczekuje" else "",
    }
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    try:
        if loop is not None:  # called from code running inside an event loop's thread
            loop.create_task(layer.group_send(group_name(comment.object_pk), message))
        else:
            async_to_sync(layer.group_send)(group_name(comment.object_pk), message)
    except Exception:  # a Redis outage must not fail the post; readers catch up on reconnect
        logger.warning("Live update for comment %s not sent", comment.pk, exc_info=True)
