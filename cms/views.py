import sys

from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from cms.health import run_checks
from cms.middleware import is_database_outage, maintenance_response


@never_cache
def health(request):
    """For the proxy and monitoring: 200 when the database, the cache and the channel
    layer all answer, 503 naming the one that does not."""
    checks = run_checks()
    healthy = all(result == "ok" for result in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks},
        status=200 if healthy else 503,
    )


# The language switch in the header, without a CSRF token.
#
# Pages for anonymous readers are stored and handed to everybody (cms/pagecache.py): a
# form with a token would give one visitor's token to all, whose switch would then fail
# (and a CSRF secret must never be shared). What a forged request could do here is set
# the language cookie of someone's browser to Polish or English: a nuisance at most, no
# data changes and nothing is revealed, which is why the check is not needed. Django's
# view still does the other checks: the language must be one of settings.LANGUAGES, and
# `next` must be an address of this site (url_has_allowed_host_and_scheme), otherwise it
# redirects home, never off-site.
switch_language = csrf_exempt(set_language)


def server_error(request):
    """handler500: the maintenance page when the cause was the database.

    DatabaseOutageMiddleware answers for views; a middleware that fails because the
    database is down (reading or saving the session) ends here, still inside Django's
    `except` block, so the exception is at hand.
    """
    if is_database_outage(sys.exception()):
        return maintenance_response(request)
    return defaults.server_error(request)


def admin_login(request):
    """Wagtail's own log-in form is replaced by the throttled one everybody uses."""
    url = reverse("account_login")
    next_url = request.GET.get("next", "/admin/")
    return HttpResponseRedirect(f"{url}?{urlencode({'next': next_url})}")
