"""Live updates: what changed in a consultation's discussion goes to everyone reading it.

The comment is rendered once, as an anonymous reader sees it, and that HTML travels
through the channel layer (Redis with several workers) to every open page; the page's
script adds what is personal (own comments, own reactions). Sent after the transaction
commits, so nobody sees a comment that was rolled back.
"""

from django.db import transaction

from cms.broadcast import broadcast


def group_name(page_id) -> str:
    return f"consultation-{page_id}"


def comment_changed(comment, event: str) -> None:
    transaction.on_commit(lambda: _send(comment, event))


def _send(comment, event: str) -> None:
    from comments.selectors import discussion_stamp_bump, render_comment

    discussion_stamp_bump(comment.object_pk)
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
    broadcast(group_name(comment.object_pk), message)
