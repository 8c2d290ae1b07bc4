"""E-mail about the discussion: replies to a thread someone follows, and the city's answer
to someone's remark. Sent after the transaction commits, through the site's e-mail backend
(the background task worker); every message carries an unsubscribe link that needs no
log-in."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from comments.models import Comment

UNSUBSCRIBE_SALT = "comments.unsubscribe"


def unsubscribe_token(*, user_id: int, thread_id: int) -> str:
    return signing.dumps({"u": user_id, "t": thread_id}, salt=UNSUBSCRIBE_SALT)


def unsubscribe(token: str) -> int:
    """Stop reply e-mails for one person and one thread; returns how many comments changed."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)  # BadSignature for a forged token
    return Comment.objects.filter(user_id=data["u"], thread_id=data["t"]).update(followup=False)


def _send(template: str, recipient, context: dict) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"comments/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"comments/email/{template}_message.txt", context)
    send_mail(subject, body, None, [recipient])


def reply_posted(comment: Comment, page) -> None:
    """Tell the thread's followers (not the author of the reply) that someone replied."""
    if comment.level == 0 or comment.status != "opublikowany":
        return

    def send():
        followers = (
            Comment.objects.filter(thread_id=comment.thread_id, followup=True, user__isnull=False)
            .exclude(user_id=comment.user_id)
            .values_list("user_id", "user__email")
            .distinct()
        )
        for user_id, email in followers:
            _send(
                "reply",
                email,
                {
                    "comment": comment,
                    "page": page,
                    "url": f"{settings.SITE_URL}{page.url}#k-{comment.pk}",
                    "unsubscribe_url": settings.SITE_URL
                    + reverse(
                        "comments:unsubscribe",
                        args=[unsubscribe_token(user_id=user_id, thread_id=comment.thread_id)],
                    ),
                },
            )

    transaction.on_commit(send)


def position_given(remarks, page) -> None:
    """Tell each remark's author the city's position."""

    def send():
        # The authors' current addresses: a comment keeps no copy of its author's address.
        addresses = dict(
            get_user_model()
            .objects.filter(pk__in={remark.user_id for remark in remarks if remark.user_id})
            .values_list("pk", "email")
        )
        for remark in remarks:
            if remark.user_id in addresses:
                _send(
                    "position",
                    addresses[remark.user_id],
                    {
                        "remark": remark,
                        "page": page,
                        "url": f"{settings.SITE_URL}{page.url}#k-{remark.pk}",
                    },
                )

    transaction.on_commit(send)
