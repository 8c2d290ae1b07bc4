"""Live updates: what changed in a consultation's discussion goes to everyone reading it.

The comment is rendered once, as an anonymous reader sees it in the site's language, and
that HTML travels through the channel layer (Redis with several workers) to every open
page. A signed-in reader's page, or one in another language, uses the message only as the
signal and fetches the comment's fragment (`…/dyskusja/<id>/`) drawn for its reader: their
reaction pressed, their own actions, their language. Nothing in a
message says who wrote the comment (no account id): the page's own comments are marked when
the page is rendered for its reader. A change to a comment the public may not see (awaiting
moderation) says only that something changed, and remarks that reached the city on paper,
by e-mail or through ePUAP are not sent at all: they appear only in the published report.
Sent after the transaction commits, so nobody sees a comment that was rolled back.
"""

from django.conf import settings
from django.db import transaction
from django.utils import translation

from core.broadcast import broadcast


def group_name(page_id) -> str:
    return f"consultation-{page_id}"


def comment_changed(comment, event: str) -> None:
    transaction.on_commit(lambda: _send(comment, event))


def _send(comment, event: str) -> None:
    # Drawn in the site's language whoever caused the change; a page in another language,
    # and every signed-in reader's page, fetches the comment's fragment drawn for itself.
    with translation.override(settings.LANGUAGE_CODE):
        _send_drawn(comment, event)


def _send_drawn(comment, event: str) -> None:
    from comments.models import Channel, Status
    from comments.selectors import discussion_stamp_bump, render_comment

    discussion_stamp_bump(comment.object_pk)
    if comment.channel != Channel.ONLINE:
        return
    message = {"type": "comment.changed", "event": event, "id": comment.pk, "public": False}
    if comment.status != Status.AWAITING:
        message.update(
            public=True,
            thread=comment.thread_id,
            parent=comment.parent_id if comment.parent_id != comment.pk else None,
            paragraph=comment.paragraph_id,
            html=render_comment(comment),  # in the site's language: see the module's note
            lang=translation.get_language(),
        )
    broadcast(group_name(comment.object_pk), message)
