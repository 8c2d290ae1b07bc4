import logging

from django.conf import settings
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
