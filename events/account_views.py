"""The cancel link from the e-mails, which needs no log-in (the list of a person's
registrations is a section of *Moje zgłoszenia*, events/participation.py). Thin: the
rules are in events/services.py."""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from events import notifications, services
from events.models import Registration, RegistrationStatus


def cancel_by_link(request, token):
    """GET shows which meeting and table and a button; only the POST cancels (mail
    scanners follow links). A forged or damaged link is not found."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    try:
        registration = notifications.registration_for_token(token)
    except (signing.BadSignature, Registration.DoesNotExist) as error:
        raise Http404 from error
    refusal = services.cancellation_refusal(registration=registration)
    if request.method == "POST" and registration.status != RegistrationStatus.CANCELLED:
        try:
            services.registration_cancel(registration=registration, by=registration.user)
        except ValidationError as error:
            refusal = error
        else:
            messages.success(request, _("Your registration is cancelled."))
            return redirect(request.path)
    return TemplateResponse(
        request,
        "events/cancel_by_link.html",
        {
            "registration": registration,
            "workshop": registration.workshop,
            "cancelled": registration.status == RegistrationStatus.CANCELLED,
            "position": services.waiting_position(registration),
            "refusal": refusal,
        },
        status=400 if request.method == "POST" and refusal is not None else 200,
    )
