import logging
from functools import cache

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


def chosen_language(request) -> str:
    """The language picked with the switch in the header (a cookie), else Polish."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    available = {code for code, _name in settings.LANGUAGES}
    return chosen if chosen in available else settings.LANGUAGE_CODE


class ChosenLanguageMiddleware:
    """Polish unless the person chose English with the switch in the header.

    Django's LocaleMiddleware would follow the browser's Accept-Language, but the drafts,
    notices and reports are Polish only: an English browser would get English chrome
    around Polish documents. The choice is remembered in the language cookie that
    Django's set_language view writes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


# --- Security headers ------------------------------------------------------------------------


@cache
def _admin_prefix() -> str:
    from django.urls import reverse

    return reverse("wagtailadmin_home")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's Content-Security-Policy, with three additions.

    - Wagtail's admin and its previews of pages get the looser CONTENT_SECURITY_POLICY_ADMIN:
      the admin needs inline scripts and styles, and frames the previews.
    - Uploads served by Django (SERVE_MEDIA) may run nothing at all: an uploaded HTML or
      SVG file opened from the site's own origin is sandboxed.
    - connect-src names the WebSocket origin of the request's host (ws: or wss:), which
      'self' covers only in browsers that follow CSP 3.

    A policy set on a response by django-csp's decorators, or a header set by the view
    (Wagtail's document serving), is kept.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        path = request.path_info
        if parts.config is None and settings.SERVE_MEDIA and path.startswith(settings.MEDIA_URL):
            parts.config = {"default-src": ["'none'"], "sandbox": True}
            return parts
        # Wagtail previews a page by passing a dummy request for the page's own address
        # through the middleware; the admin shows the answer in a frame.
        in_admin = path.startswith(_admin_prefix()) or getattr(request, "is_dummy", False)
        if parts.config is None and in_admin:
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        try:
            host = request.get_host()
        except DisallowedHost:  # answered with a 400 that loads nothing
            return parts
        websocket = f"{'wss' if request.is_secure() else 'ws'}://{host}"
        update = dict(parts.update or {})
        update["connect-src"] = [*update.get("connect-src", ()), websocket]
        parts.update = update
        return parts


# Browser features the site never uses, switched off for it and for anything it might embed.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


class PermissionsPolicyMiddleware:
    """The Permissions-Policy header on every response: no camera, microphone, location,
    payment or USB, and no interest-based advertising topics."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


# --- The database is down ---------------------------------------------------------------------

RETRY_AFTER_SECONDS = 60

# Free-text fields of the site's forms, shown back on the maintenance page so that what a
# person typed is not lost. Only these: never passwords, tokens or the form's hidden fields.
KEPT_FIELDS = {
    "comment": _("Your comment"),
    "fragment": _("Fragment of the draft"),
    "current_wording": _("Current wording"),
    "proposed_wording": _("Proposed wording"),
    "justification": _("Justification"),
    "reason": _("Reason"),
    "title": _("Title"),
    "description": _("Description"),
    "accessibility_needs": _("Accessibility needs"),
    "text": _("Text"),
    "body": _("Text"),
}


def is_database_outage(exception) -> bool:
    return isinstance(exception, (OperationalError, InterfaceError))


def _kept_text(request) -> list[dict]:
    if request.method != "POST":
        return []
    try:
        data = request.POST
    except Exception:  # noqa: BLE001 - an unreadable body just means nothing to show back
        return []
    return [
        {"label": label, "value": value}
        for name, label in KEPT_FIELDS.items()
        for value in data.getlist(name)
        if value.strip()
    ]


def maintenance_response(request) -> HttpResponse:
    """The Polish (or English, if chosen) maintenance page, rendered without the database:
    a standalone template, no context processors, no site settings."""
    language = chosen_language(request)
    with translation.override(language):
        html = render_to_string("503.html", {"language": language, "kept": _kept_text(request)})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Content-Language"] = language
    add_never_cache_headers(response)  # it may hold what the person typed
    return response


class DatabaseOutageMiddleware:
    """The database is unreachable: a maintenance page with HTTP 503, not a traceback.

    Catches the connection errors of the view (and of its template response). A middleware
    further in that fails the same way (the session read or saved) is answered by the
    project's handler500, `cms.views.server_error`, with the same page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_outage(exception):
            return None
        logger.error(
            "Database unavailable, %s %s answered with the maintenance page",
            request.method,
            request.path,
            exc_info=exception,
        )
        return maintenance_response(request)
