"""A workshop's registration endpoints, served under its page (see WorkshopPage's routes).
Thin: the rules are in events/services.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from events import services
from events.forms import RegistrationForm
from events.models import Registration


def register(request, page):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?{urlencode({'next': page.url})}")
    form = RegistrationForm(request.POST, workshop=page, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            registration = services.registration_create(
                workshop=page,
                table=data["table"],
                user=request.user,
                organisation=data["organisation"],
                organisation_name=data["organisation_name"],
                accessibility_needs=data["accessibility_needs"],
                waitlist=data["waitlist"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if registration.status == "potwierdzona":
                messages.success(
                    request,
                    _("You are registered at the table “%(table)s”.")
                    % {"table": registration.table.name},
                )
            else:
                messages.success(
                    request,
                    _("The table is full: you are number %(position)s on its waiting list.")
                    % {"position": services.waiting_position(registration)},
                )
            return redirect(page.url + "#moje-zgloszenie")
    response = page.render(request, context_overrides={"registration_form": form})
    response.status_code = 400
    return response


def cancel(request, page):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    registration = (
        Registration.objects.active()
        .filter(workshop=page, user_id=request.user.pk)
        .select_related("table")
        .first()
    )
    if registration is None:
        messages.error(request, _("You have no registration for this meeting."))
    else:
        services.registration_cancel(registration=registration, by=request.user)
        messages.success(request, _("Your registration is cancelled."))
    return redirect(page.url)
