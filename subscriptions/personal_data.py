"""What the e-mail notifications keep about a person, for *Moje dane* and account deletion
(core/personal_data.py; registered from SubscriptionsConfig.ready).

Follows and the newsletter are matched by the account and by its address (someone may
have signed up by e-mail before having an account). Deleting removes them, and the record
of which notifications went to the address: with no address left there is nobody to send
twice to.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.personal_data import describe, register
from subscriptions.models import Follow, NewsletterSubscription, NotificationSent, normalise_email


def _follows_of(user):
    return Follow.objects.filter(Q(user=user) | Q(email=normalise_email(user.email)))


def _follows(user):
    return [
        describe(
            follow,
            "email",
            "confirmed_at",
            "created_at",
            consultation=(_("consultation"), follow.page.title),
        )
        for follow in _follows_of(user).select_related("page").order_by("created_at", "pk")
    ]


def _newsletter(user):
    return [
        describe(subscription, "email", "organisation_name", "confirmed_at", "created_at")
        for subscription in NewsletterSubscription.objects.filter(email=normalise_email(user.email))
    ]


def _erase(user) -> None:
    email = normalise_email(user.email)
    _follows_of(user).delete()
    NewsletterSubscription.objects.filter(email=email).delete()
    NotificationSent.objects.filter(email=email).delete()


def register_personal_data() -> None:
    register("follows", title=_("Consultations you follow"), collect=_follows, erase=_erase)
    register("newsletter", title=_("Newsletter"), collect=_newsletter)
