import sys

from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.views import defaults
from django.views.decorators.cache import never_cache

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
