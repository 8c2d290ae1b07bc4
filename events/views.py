"""A workshop's registration endpoints, served under its page (see WorkshopPage's routes).
Thin: the rules are in events/services.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from events import live, proposals, services
from events.forms import MoveForm, RegistrationForm, TopicProposalForm
from events.models import Registration, RegistrationStatus


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
    """Cancelling asks first: a POST without `potwierdz=1` shows what will happen."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    registration = (
        Registration.objects.active()
        .filter(workshop=page, user_id=request.user.pk)
        .select_related("table", "workshop")
        .first()
    )
    if registration is None:
        messages.error(request, _("You have no registration for this meeting."))
        return redirect(page.url)
    refusal = services.cancellation_refusal(registration=registration)
    if refusal is None and request.POST.get("potwierdz") != "1":
        return _confirmation(request, page, **_cancel_question(registration))
    try:
        services.registration_cancel(registration=registration, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect(page.url)


def _cancel_question(registration) -> dict:
    table = registration.table.name
    if registration.status == RegistrationStatus.CONFIRMED:
        consequence = _(
            "Your seat at the table “%(table)s” will go to the first person on its waiting list."
        ) % {"table": table}
    else:
        consequence = _("You will leave the waiting list of the table “%(table)s”.") % {
            "table": table
        }
    return {
        "title": _("Cancel your registration?"),
        "question": _("Do you want to cancel your registration for “%(title)s”?")
        % {"title": registration.workshop.title},
        "consequences": [consequence, _("To come back you would have to register again.")],
        "action": registration.workshop.url + "anuluj/",
        "fields": {},
        "confirm_label": _("Yes, cancel my registration"),
    }


def _confirmation(request, page, **context):
    return TemplateResponse(request, "events/confirm.html", {"page": page, **context})


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
        table = form.cleaned_data["table"]
        try:
            services.registration_move(
                registration=registration,
                table=table,
                by=request.user,
                give_up_seat=request.POST.get("potwierdz") == "1",
            )
        except ValidationError as error:
            if error.code == "gives_up_seat":
                return _confirmation(request, page, **_move_question(registration, table))
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


def _move_question(registration, table) -> dict:
    return {
        "title": _("Give up your seat?"),
        "question": _("The table “%(table)s” is full.") % {"table": table.name},
        "consequences": [
            _(
                "If you move, you give up your confirmed seat at the table “%(table)s”: it "
                "goes to the first person on its waiting list, and you cannot get it back."
            )
            % {"table": registration.table.name},
            _(
                "You join the end of the waiting list of the table “%(table)s” and get a seat "
                "only if one becomes free; we will tell you by e-mail."
            )
            % {"table": table.name},
        ],
        "action": registration.workshop.url + "przenies/",
        "fields": {"table": table.pk},
        "confirm_label": _("Yes, give up my seat and join the waiting list"),
    }


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
