"""The e-mails of this app: one message per recipient, plain text with an HTML alternative,
in the site's language, with absolute links (SITE_URL) and, for list e-mails, the
unsubscribe headers of RFC 2369 and RFC 8058 (one-click unsubscribe from the mail client).

Messages are sent with Django's mail API; EMAIL_BACKEND (cms/mail.py) queues each one for
the background worker.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from subscriptions import tokens


def absolute(url: str) -> str:
    """A link for an e-mail (as events/calendar.py `page_url`)."""
    url = url or ""
    return url if url.startswith("http") else f"{settings.SITE_URL}{url}"


def page_url(page) -> str:
    return absolute(page.url)


def subpage_url(page, route: str, *args) -> str:
    """A RoutablePageMixin route of the page, or the page itself if there is no such route."""
    try:
        return absolute(page.url + page.reverse_subpage(route, args=args))
    except NoReverseMatch:
        return page_url(page)


def unsubscribe_url(*, email: str, page_id: int | None = None) -> str:
    token = tokens.unsubscribe_token(email=email, page_id=page_id)
    return absolute(reverse("subscriptions:unsubscribe", args=[token]))


def build(
    template: str, *, to: str, context: dict, unsubscribe: str = ""
) -> EmailMultiAlternatives:
    """Render `subscriptions/email/<template>_subject.txt`, `<template>.txt` and
    `<template>.html` for one recipient. With an `unsubscribe` link the message carries
    List-Unsubscribe and List-Unsubscribe-Post."""
    context = {**context, "unsubscribe_url": unsubscribe, "site_url": settings.SITE_URL}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"subscriptions/email/{template}_subject.txt", context)
        context["subject"] = subject = " ".join(subject.split())
        text = render_to_string(f"subscriptions/email/{template}.txt", context)
        html = render_to_string(f"subscriptions/email/{template}.html", context)
    headers = {}
    if unsubscribe:
        headers["List-Unsubscribe"] = f"<{unsubscribe}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(subject, text, None, [to], headers=headers)
    message.attach_alternative(html, "text/html")
    return message
