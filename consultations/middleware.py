"""The refusal to publish an incomplete consultation, shown wherever it was asked for.

The refusal itself is ConsultationPage.publish; the editor's form says it beside the fields.
Admin paths without a form (the approval dialog, bulk publishing) raise it from inside
Wagtail's views: the request goes back to the consultation's editor with the message.
"""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from consultations.models import PublicationRefused


class PublicationRefusedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, PublicationRefused):
            return None
        messages.error(request, exception.message)
        url = reverse("wagtailadmin_pages:edit", args=[exception.page_id])
        if request.headers.get("x-requested-with") == "XMLHttpRequest":  # a dialog
            return JsonResponse({"step": "success", "redirect": url})
        return redirect(url)
