import sys

from allauth.account.adapter import get_adapter
from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language
from wagtail import views as wagtail_views

from cms.forms import ProfileNameForm
from core.health import run_checks
from core.middleware import is_database_outage, maintenance_response


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
# Pages for anonymous readers are stored and handed to everybody (core/pagecache.py): a
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
    return _to_account_login(request.GET.get("next", "/admin/"))


def frontend_login(request):
    """Wagtail's front-end log-in (`/_util/login/`, a plain Django LoginView that neither
    throttles nor asks for a confirmed address) is replaced by the same form."""
    return _to_account_login(request.GET.get("next", "/"))


def _to_account_login(next_url: str):
    # allauth checks `next` itself: an address off the site is ignored after log-in.
    url = reverse("account_login")
    return HttpResponseRedirect(f"{url}?{urlencode({'next': next_url})}")


def page_password(request, page_view_restriction_id, page_id):
    """Wagtail's password form for a restricted page, throttled per IP address and page
    (ACCOUNT_RATE_LIMITS["page_password"]) so its password cannot be guessed quickly."""
    if request.method == "POST" and not ratelimit.consume(
        request,
        action="page_password",
        key=f"{page_id}:{get_adapter().get_client_ip(request)}",
    ):
        return ratelimit.respond_429(request)
    return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)


@login_required
def profile_name(request):
    """A person changes the name shown next to what they write (cleaned, never the office's)."""
    form = ProfileNameForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your name is saved."))
        return redirect("profile_name")
    return TemplateResponse(request, "account/profile_name.html", {"form": form})
