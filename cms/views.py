from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """For the proxy and the process manager: the app answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def admin_login(request):
    """Wagtail's own log-in form is replaced by the throttled one everybody uses."""
    url = reverse("account_login")
    next_url = request.GET.get("next", "/admin/")
    return HttpResponseRedirect(f"{url}?{urlencode({'next': next_url})}")
