"""Signed links that work from the e-mail alone, without logging in.

Each purpose has its own salt, so a link made for one purpose is refused by every other.
Confirmation links expire (`CONFIRM_MAX_AGE`); unsubscribe links never do, so that an old
e-mail can always stop the next one.
"""

from datetime import timedelta

from django.core import signing

CONFIRM_FOLLOW = "subscriptions.follow.confirm"
CONFIRM_NEWSLETTER = "subscriptions.newsletter.confirm"
UNSUBSCRIBE = "subscriptions.unsubscribe"

CONFIRM_MAX_AGE = timedelta(days=7)

BadToken = signing.BadSignature  # also raised for an expired link (SignatureExpired)


def confirm_follow_token(*, email: str, page_id: int) -> str:
    return signing.dumps({"e": email, "p": page_id}, salt=CONFIRM_FOLLOW)


def read_confirm_follow_token(token: str) -> tuple[str, int]:
    """(email, page id); BadToken for a forged, damaged or expired link."""
    data = _loads(token, CONFIRM_FOLLOW, max_age=CONFIRM_MAX_AGE)
    if "p" not in data:
        raise BadToken("Not a link about a consultation.")
    return data["e"], data["p"]


def confirm_newsletter_token(*, email: str) -> str:
    return signing.dumps({"e": email}, salt=CONFIRM_NEWSLETTER)


def read_confirm_newsletter_token(token: str) -> str:
    return _loads(token, CONFIRM_NEWSLETTER, max_age=CONFIRM_MAX_AGE)["e"]


def unsubscribe_token(*, email: str, page_id: int | None = None) -> str:
    """For the e-mails about one consultation (`page_id`) or the newsletter (None)."""
    data = {"e": email} if page_id is None else {"e": email, "p": page_id}
    return signing.dumps(data, salt=UNSUBSCRIBE)


def read_unsubscribe_token(token: str) -> tuple[str, int | None]:
    """(email, page id or None for the newsletter)."""
    data = _loads(token, UNSUBSCRIBE)
    return data["e"], data.get("p")


def _loads(token: str, salt: str, max_age=None) -> dict:
    data = signing.loads(token, salt=salt, max_age=max_age)
    if not isinstance(data, dict) or not isinstance(data.get("e"), str):
        raise BadToken("Unexpected token contents.")
    if "p" in data and not isinstance(data["p"], int):
        raise BadToken("Unexpected token contents.")
    return data
