"""Addresses of other apps keyed by a consultation page's id, and the page's own old addresses
that keep serving them.

Comments, follows and the report have their own URL modules (`comments/urls.py`, …): their
views take the page from its id (`page_view`), with the same rules as Wagtail's page serving
(live, and the page's privacy settings). Links already out in e-mails, cached pages and
scripts name the addresses under the page (`…/dyskusja/dodaj/`); `ConsultationPage` keeps
them and serves them through the URL resolver (`ConsultationPage.served_by`), so
consultations imports none of the apps above it (issue 14).
"""

from functools import wraps

from django.http import Http404
from django.shortcuts import get_object_or_404

from consultations.models import ConsultationPage


def page_view(view):
    """`view(request, page, …)` as `view(request, page_id, …)`: the live consultation page
    the request may see, or 404."""

    @wraps(view)
    def wrapper(request, page_id, *args, **kwargs):
        page = get_object_or_404(ConsultationPage.objects.live(), pk=page_id)
        if any(not r.accept_request(request) for r in page.get_view_restrictions()):
            raise Http404
        return view(request, page, *args, **kwargs)

    return wrapper
