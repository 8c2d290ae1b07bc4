"""A workshop's registration endpoints, served under its page (see WorkshopPage's routes).
Thin: the rules are in events/services.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from events import live, proposals, services
from events.forms import MoveForm, RegistrationForm, TopicProposalForm
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
        try:
            services.registration_cancel(registration=registration, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your registration is cancelled."))
    return redirect(page.url)


def move(request, page):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?{urlencode({'next': page.url})}")
    registration = (
        Registration.objects.active()
        .filter(workshop=page, user=request.user)
        .select_related("table", "workshop")
        .first()
    )
    if registration is None:
        messages.error(request, _("You have no registration for this meeting."))
        return redirect(page.url)
    form = MoveForm(request.POST, registration=registration)
    if form.is_valid():
        try:
            services.registration_move(
                registration=registration, table=form.cleaned_data["table"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if registration.status == "potwierdzona":
                messages.success(
                    request,
                    _("You moved to the table “%(table)s”.") % {"table": registration.table.name},
                )
            else:
                messages.success(
                    request,
                    _(
                        "The table “%(table)s” is full: you are number %(position)s on its "
                        "waiting list."
                    )
                    % {
                        "table": registration.table.name,
                        "position": services.waiting_position(registration),
                    },
                )
            return redirect(page.url + "#moje-zgloszenie")
    response = page.render(request, context_overrides={"move_form": form})
    response.status_code = 400
    return response


def seats(request, page):
    """The current seats of every table, for a page that reconnects to the live feed."""
    response = JsonResponse({"tables": live.seats(page.pk)})
    response["Cache-Control"] = "no-store"
    return response


def propose(request, page):
    """A topic proposed for the meeting (events/proposals.py has the rules)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        next_url = page.url + "#propozycje"
        return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
    form = TopicProposalForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            proposal = proposals.proposal_create(
                workshop=page,
                user=request.user,
                title=data["title"],
                description=data["description"],
                organisation=data["organisation"],
                organisation_name=data["organisation_name"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Thank you: your topic “%(title)s” awaits the coordinator's decision.")
                % {"title": proposal.title},
            )
            return redirect(page.url + "#propozycje")
    response = page.render(request, context_overrides={"proposal_form": form})
    response.status_code = 400
    return response
