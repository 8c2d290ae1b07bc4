"""The follows' section of *Moje zgłoszenia* (core/participation.py; registered from
SubscriptionsConfig.ready): the consultations a person follows, each with the button to
stop, which posts to the consultation's own `…/obserwuj/` route."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.participation import register
from subscriptions.models import Follow, normalise_email


def _follows(user) -> dict:
    """Confirmed follows of published consultations, by the account or by its address
    (as `is_following` counts them)."""
    follows = list(
        Follow.objects.confirmed()
        .filter(Q(user=user) | Q(email=normalise_email(user.email)), page__live=True)
        .select_related("page")
        .order_by("page__title", "pk")
    )
    seen, pages = set(), []
    for follow in follows:
        if follow.page_id not in seen:
            seen.add(follow.page_id)
            pages.append(follow.page)
    return {"pages": pages, "shown": bool(pages)}


def register_participation() -> None:
    register(
        "obserwowane",
        title=_("Consultations you follow"),
        template="subscriptions/includes/my_follows.html",
        collect=_follows,
    )
