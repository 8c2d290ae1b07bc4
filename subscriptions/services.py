"""Writes: following a consultation, the newsletter, confirming and unsubscribing.

Nothing here tells the caller whether an address was already on a list: a sign-up by
e-mail always ends in "check your inbox", and the confirmation e-mail (sent at most
`ratelimit.PER_ADDRESS` times a day to one address) is the only answer.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from subscriptions import mail, ratelimit, tokens
from subscriptions.models import (
    Follow,
    NewsletterSubscription,
    NotificationSent,
    normalise_email,
)


def _send_after_commit(message) -> None:
    # robust: the sign-up is stored; a failing e-mail is logged, not shown as an error.
    transaction.on_commit(message.send, robust=True)


# --- Following a consultation --------------------------------------------------------------


def follow_request(*, page, email: str) -> None:
    """Someone asks, by e-mail, to follow a consultation: store the request unconfirmed and
    send the confirmation link (double opt-in)."""
    email = normalise_email(email)
    try:
        with transaction.atomic():
            Follow.objects.get_or_create(page=page, email=email)
    except IntegrityError:
        pass  # the same address at the same moment: one row is enough
    if ratelimit.confirmation_allowed(email):
        token = tokens.confirm_follow_token(email=email, page_id=page.pk)
        _send_after_commit(
            mail.build(
                "confirm_follow",
                to=email,
                context={
                    "page": page,
                    "url": mail.page_url(page),
                    "confirm_url": mail.absolute(
                        reverse("subscriptions:follow_confirm", args=[token])
                    ),
                    "days": tokens.CONFIRM_MAX_AGE.days,
                },
            )
        )


def follow_confirm(*, page, email: str) -> Follow:
    """The confirmation link was used: the address follows the consultation from now on
    (also when its unconfirmed request was already cleared away)."""
    email = normalise_email(email)
    with transaction.atomic():
        follow, _created = Follow.objects.get_or_create(page=page, email=email)
        if follow.confirmed_at is None:
            follow.confirmed_at = timezone.now()
            follow.save(update_fields=["confirmed_at"])
    return follow


def follow_by_user(*, page, user) -> Follow:
    """A logged-in person follows: their account's address is verified, so at once."""
    email = normalise_email(user.email)
    with transaction.atomic():
        follow = (
            Follow.objects.select_for_update()
            .filter(Q(user=user) | Q(email=email), page=page)
            .order_by("pk")
            .first()
        )
        if follow is None:
            try:
                with transaction.atomic():
                    return Follow.objects.create(
                        page=page, user=user, email=email, confirmed_at=timezone.now()
                    )
            except IntegrityError:  # a second click at the same moment
                follow = Follow.objects.get(page=page, email=email)
        follow.user = user
        follow.confirmed_at = follow.confirmed_at or timezone.now()
        follow.save(update_fields=["user", "confirmed_at"])
    return follow


def unfollow_by_user(*, page, user) -> int:
    email = normalise_email(user.email)
    deleted, _ = Follow.objects.filter(Q(user=user) | Q(email=email), page=page).delete()
    return deleted


def is_following(*, page, user) -> bool:
    if not user.is_authenticated:
        return False
    email = normalise_email(user.email)
    return Follow.objects.confirmed().filter(Q(user=user) | Q(email=email), page=page).exists()


# --- The newsletter ------------------------------------------------------------------------


def newsletter_request(*, email: str, organisation_name: str = "") -> None:
    """Sign-up for the newsletter: stored unconfirmed, confirmed by the link in the e-mail."""
    email = normalise_email(email)
    try:
        with transaction.atomic():
            subscription, created = NewsletterSubscription.objects.get_or_create(
                email=email, defaults={"organisation_name": organisation_name}
            )
            if not created and subscription.confirmed_at is None and organisation_name:
                subscription.organisation_name = organisation_name
                subscription.save(update_fields=["organisation_name"])
    except IntegrityError:
        pass
    if ratelimit.confirmation_allowed(email):
        token = tokens.confirm_newsletter_token(email=email)
        _send_after_commit(
            mail.build(
                "confirm_newsletter",
                to=email,
                context={
                    "confirm_url": mail.absolute(
                        reverse("subscriptions:newsletter_confirm", args=[token])
                    ),
                    "days": tokens.CONFIRM_MAX_AGE.days,
                },
            )
        )


def newsletter_confirm(*, email: str) -> NewsletterSubscription:
    email = normalise_email(email)
    with transaction.atomic():
        subscription, _created = NewsletterSubscription.objects.get_or_create(email=email)
        if subscription.confirmed_at is None:
            subscription.confirmed_at = timezone.now()
            subscription.save(update_fields=["confirmed_at"])
    return subscription


# --- Unsubscribing (from the link alone) ---------------------------------------------------


def unsubscribe(*, email: str, page_id: int | None = None, everything: bool = False) -> int:
    """Stop the e-mails about one consultation (`page_id`), the newsletter (`page_id` None),
    or, with `everything`, all e-mail from this app to the address. Returns how many
    subscriptions ended."""
    email = normalise_email(email)
    follows = Follow.objects.filter(Q(email=email) | Q(user__email__iexact=email))
    newsletter = NewsletterSubscription.objects.filter(email=email)
    with transaction.atomic():
        if everything:
            return follows.delete()[0] + newsletter.delete()[0]
        if page_id is None:
            return newsletter.delete()[0]
        return follows.filter(page_id=page_id).delete()[0]


# The log of notifications sent is kept this long for the coordinator (did she get it?);
# an event is sent within a day or two of happening, so older rows guard nothing.
KEEP_SENT_LOG = timedelta(days=90)


def forget_sent_log(*, now=None) -> int:
    cutoff = (now or timezone.now()) - KEEP_SENT_LOG
    return NotificationSent.objects.filter(sent_at__lt=cutoff).delete()[0]


def forget_unconfirmed(*, now=None) -> int:
    """Sign-ups never confirmed within the link's lifetime are deleted."""
    cutoff = (now or timezone.now()) - tokens.CONFIRM_MAX_AGE
    follows = Follow.objects.unconfirmed().filter(created_at__lt=cutoff).delete()[0]
    newsletter = NewsletterSubscription.objects.unconfirmed().filter(created_at__lt=cutoff)
    return follows + newsletter.delete()[0]
