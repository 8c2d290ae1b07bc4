"""Following a consultation, the newsletter, confirmation and unsubscribe links.

Anonymous consultation pages come from the page cache, which stores no page with a CSRF
token: the page itself only links to the follow address (`subscriptions:follow`), where the
form is. Confirmation and unsubscribe links work from the e-mail alone, without logging
in; a GET only shows a button (mail scanners follow links), the POST acts. The one-click
unsubscribe of RFC 8058, sent by mail clients without cookies, is the one POST accepted
without a CSRF token: the signed token in the address is what authorises it.
"""

from django.contrib import messages
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from subscriptions import ratelimit, services, tokens
from subscriptions.forms import FollowForm, NewsletterForm

ALLOWED = ("GET", "HEAD", "POST")


def _invalid_link(request, reason: str = "") -> TemplateResponse:
    return TemplateResponse(
        request, "subscriptions/invalid_link.html", {"reason": reason}, status=400
    )


def _too_many(form) -> None:
    form.add_error(
        None,
        _("Too many sign-ups have been sent from your connection. Please try again in an hour."),
    )


def _live_consultation(page_id):
    from consultations.models import ConsultationPage

    return ConsultationPage.objects.live().filter(pk=page_id).first()


# --- Following a consultation --------------------------------------------------------------


def follow(request, page):
    """`…/obserwuj/`: a logged-in person follows or stops with one button; anybody else
    gives an e-mail address and confirms it from their inbox."""
    if request.method not in ALLOWED:
        return HttpResponseNotAllowed(ALLOWED)
    if request.user.is_authenticated:
        if request.method == "POST":
            if request.POST.get("action") == "unfollow":
                services.unfollow_by_user(page=page, user=request.user)
                messages.success(request, _("You no longer follow this consultation."))
            else:
                services.follow_by_user(page=page, user=request.user)
                messages.success(
                    request, _("You follow this consultation. We will e-mail you about it.")
                )
            return redirect(page.url + "#obserwuj")
        following = services.is_following(page=page, user=request.user)
        return TemplateResponse(
            request, "subscriptions/follow.html", {"page": page, "following": following}
        )

    form = FollowForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if not ratelimit.sign_up_allowed(request):
            _too_many(form)
            status = 429
        elif form.is_valid():
            services.follow_request(page=page, email=form.cleaned_data["email"])
            return TemplateResponse(
                request,
                "subscriptions/check_inbox.html",
                {"page": page, "email": form.cleaned_data["email"]},
            )
        else:
            status = 400
    return TemplateResponse(
        request, "subscriptions/follow.html", {"page": page, "form": form}, status=status
    )


def follow_confirm(request, token):
    if request.method not in ALLOWED:
        return HttpResponseNotAllowed(ALLOWED)
    try:
        email, page_id = tokens.read_confirm_follow_token(token)
    except tokens.BadToken:
        return _invalid_link(request, "confirm")
    page = _live_consultation(page_id)
    if page is None:
        return _invalid_link(request, "gone")
    done = False
    if request.method == "POST":
        services.follow_confirm(page=page, email=email)
        done = True
    return TemplateResponse(
        request,
        "subscriptions/confirm.html",
        {"page": page, "email": email, "done": done},
    )


# --- The newsletter ------------------------------------------------------------------------


def newsletter(request):
    if request.method not in ALLOWED:
        return HttpResponseNotAllowed(ALLOWED)
    form = NewsletterForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if not ratelimit.sign_up_allowed(request):
            _too_many(form)
            status = 429
        elif form.is_valid():
            services.newsletter_request(
                email=form.cleaned_data["email"],
                organisation_name=form.cleaned_data["organisation_name"],
            )
            return TemplateResponse(
                request,
                "subscriptions/check_inbox.html",
                {"email": form.cleaned_data["email"]},
            )
        else:
            status = 400
    return TemplateResponse(request, "subscriptions/newsletter.html", {"form": form}, status=status)


def newsletter_confirm(request, token):
    if request.method not in ALLOWED:
        return HttpResponseNotAllowed(ALLOWED)
    try:
        email = tokens.read_confirm_newsletter_token(token)
    except tokens.BadToken:
        return _invalid_link(request, "confirm")
    done = False
    if request.method == "POST":
        services.newsletter_confirm(email=email)
        done = True
    return TemplateResponse(request, "subscriptions/confirm.html", {"email": email, "done": done})


# --- Unsubscribing -------------------------------------------------------------------------


@csrf_exempt
def unsubscribe(request, token):
    """GET: what the link stops, with two buttons (this consultation or the newsletter /
    everything). POST from the page: with its CSRF token. POST with the body
    `List-Unsubscribe=One-Click` (RFC 8058): the mail client's own button, no CSRF token."""
    if request.method not in ALLOWED:
        return HttpResponseNotAllowed(ALLOWED)
    try:
        email, page_id = tokens.read_unsubscribe_token(token)
    except tokens.BadToken:
        return _invalid_link(request, "unsubscribe")
    if request.method == "POST" and request.POST.get("List-Unsubscribe") == "One-Click":
        services.unsubscribe(email=email, page_id=page_id)
        return HttpResponse(_("You are unsubscribed."), content_type="text/plain; charset=utf-8")
    return _unsubscribe_page(request, email, page_id)


@csrf_protect
def _unsubscribe_page(request, email, page_id):
    from consultations.models import ConsultationPage

    page = ConsultationPage.objects.filter(pk=page_id).first() if page_id else None
    done = ""
    if request.method == "POST":
        everything = request.POST.get("scope") == "all"
        services.unsubscribe(email=email, page_id=page_id, everything=everything)
        done = "all" if everything else "this"
    return TemplateResponse(
        request,
        "subscriptions/unsubscribe.html",
        {"email": email, "page": page, "about_page": page_id is not None, "done": done},
    )
