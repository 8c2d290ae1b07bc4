"""The discussion's endpoints, served under each consultation page (see
ConsultationPage's routes). Thin: they read the form, call comments.services and show
the result; every refusal comes back with the person's text in the form."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from cms.models import GminaSettings
from comments import services
from comments.forms import CommentForm, EditForm, ModerationForm, ReportForm
from comments.models import Comment, Status
from comments.selectors import Discussion, render_comment

# What is kept in the session when someone posts after their session expired.
KEPT_FIELDS = (
    "comment",
    "kind",
    "paragraph",
    "reply_to",
    "fragment",
    "current_wording",
    "proposed_wording",
    "justification",
)


def draft_key(page) -> str:
    return f"comment-draft-{page.pk}"


def _comment(request, page, comment_id) -> Comment:
    """The comment a route names, if the person may read it (CommentQuerySet.readable_by):
    otherwise 404, as if it did not exist."""
    return get_object_or_404(
        Comment.objects.on_page(page)
        .readable_by(request.user)
        .select_related("position", "version"),
        pk=comment_id,
    )


def _back(page, comment=None, **params) -> str:
    query = f"?{urlencode(params)}" if params else ""
    return f"{page.url}{query}#{f'k-{comment.pk}' if comment else 'dyskusja'}"


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


def post(request, page):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        # Only the known fields, each cut at the longest text a comment may have: a huge
        # anonymous POST must not become a huge session row.
        request.session[draft_key(page)] = {
            name: request.POST.get(name, "")[: settings.COMMENT_MAX_LENGTH] for name in KEPT_FIELDS
        }
        messages.info(
            request, _("Your session has ended. Log in again: the text you wrote is kept.")
        )
        next_url = f"{page.url}#formularz"
        return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
    form = CommentForm(page, data=request.POST, user=request.user)
    if form.errors.get("security_hash") or form.errors.get("honeypot"):
        return HttpResponseBadRequest(_("The form was tampered with."))
    if form.is_valid():
        data = form.cleaned_data
        parent = None
        if data["reply_to"]:
            parent = (
                Comment.objects.on_page(page)
                .readable_by(request.user)
                .filter(pk=data["reply_to"])
                .first()
            )
            if parent is None:
                form.add_error(None, _("The comment you reply to no longer exists."))
        if not form.errors:
            try:
                comment = services.comment_post(
                    page=page,
                    user=request.user,
                    text=data["comment"],
                    kind=data["kind"],
                    paragraph_id=data["paragraph"],
                    parent=parent,
                    organisation=data.get("organisation"),
                    fragment=data["fragment"],
                    current_wording=data["current_wording"],
                    proposed_wording=data["proposed_wording"],
                    justification=data["justification"],
                    official=data.get("official", False),
                    followup=data["followup"],
                    ip_address=request.META.get("REMOTE_ADDR"),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                request.session.pop(draft_key(page), None)
                if comment.status == Status.AWAITING:
                    messages.success(
                        request,
                        _("Thank you. Your comment will appear once a moderator approves it."),
                    )
                else:
                    messages.success(request, _("Your comment has been published."))
                return redirect(_back(page, comment))
    elif form.errors.get("timestamp"):
        form = form.refreshed()
        form.add_error(
            None, _("The form had been open for a long time. Check your text and send it again.")
        )
    response = page.render(
        request, context_overrides=discussion_context(request, page, comment_form=form)
    )
    response.status_code = 400
    return response


def edit(request, page, comment_id):
    comment = _comment(request, page, comment_id)
    if not request.user.is_authenticated or comment.user_id != request.user.pk:
        raise PermissionDenied
    form = EditForm(request.POST or None, initial={"comment": comment.comment})
    if request.method == "POST" and form.is_valid():
        try:
            comment = services.comment_edit(
                comment=comment, user=request.user, text=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if comment.status == Status.AWAITING:
                messages.success(
                    request,
                    _("Your comment has been changed; a moderator will approve it again."),
                )
            else:
                messages.success(request, _("Your comment has been changed."))
            return redirect(_back(page, comment))
    return TemplateResponse(
        request,
        "comments/edit.html",
        {
            "page": page,
            "comment": comment,
            "form": form,
            "edit_minutes": settings.COMMENT_EDIT_MINUTES,
        },
        status=400 if form.errors else 200,
    )


def delete(request, page, comment_id):
    comment = _comment(request, page, comment_id)
    if not request.user.is_authenticated or comment.user_id != request.user.pk:
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.comment_delete(comment=comment, user=request.user)
        except ValidationError as error:
            messages.error(request, _errors(error))
        else:
            messages.success(request, _("Your comment has been deleted."))
        return redirect(_back(page, comment))
    return TemplateResponse(request, "comments/delete.html", {"page": page, "comment": comment})


def react(request, page, comment_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    comment = _comment(request, page, comment_id)
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?{urlencode({'next': _back(page, comment)})}")
    value = {"zgadzam-sie": 1, "nie-zgadzam-sie": -1}.get(request.POST.get("value", ""))
    try:
        comment = services.reaction_set(comment=comment, user=request.user, value=value)
    except ValidationError as error:
        if _wants_json(request):
            return JsonResponse({"error": _errors(error)}, status=400)
        messages.error(request, _errors(error))
    if _wants_json(request):
        return JsonResponse(
            {"agree": comment.agree_count, "disagree": comment.disagree_count, "mine": value}
        )
    return redirect(_back(page, comment))


def report(request, page, comment_id):
    comment = _comment(request, page, comment_id)
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?{urlencode({'next': request.path})}")
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_create(
                comment=comment, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you. A moderator will look at this comment."))
            return redirect(_back(page, comment))
    return TemplateResponse(
        request,
        "comments/report.html",
        {"page": page, "comment": comment, "form": form},
        status=400 if form.errors else 200,
    )


def moderate(request, page, comment_id):
    if not request.user.has_perm(services.MODERATE_PERMISSION):
        raise PermissionDenied
    comment = get_object_or_404(
        Comment.objects.on_page(page).moderatable_by(request.user), pk=comment_id
    )
    form = ModerationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action")
        try:
            if action == "ukryj":
                services.comment_hide(
                    comment=comment, moderator=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("The comment is hidden."))
            elif action == "przywroc":
                services.comment_restore(
                    comment=comment, moderator=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("The comment is public."))
            else:
                raise Http404
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(_back(page, comment))
    return TemplateResponse(
        request,
        "comments/moderate.html",
        {"page": page, "comment": comment, "form": form},
        status=400 if form.errors else 200,
    )


def fragment(request, page, comment_id):
    """One comment's HTML as this reader sees it, in their language: a page catching up, and
    a signed-in reader's page after a live update (which is drawn for anonymous readers)."""
    comment = get_object_or_404(
        Comment.objects.on_page(page)
        .visible_to(request.user)
        .select_related("position", "version"),
        pk=comment_id,
    )
    return JsonResponse(
        {
            "id": comment.pk,
            "thread": comment.thread_id,
            "parent": comment.parent_id if comment.parent_id != comment.pk else None,
            "paragraph": comment.paragraph_id,
            "html": render_comment(comment, user=request.user, csrf_input=_csrf_input(request)),
        }
    )


def changes(request, page):
    """Comments changed since a moment (ISO date): what a reconnecting page missed."""
    from django.utils.dateparse import parse_datetime

    since = parse_datetime(request.GET.get("od", ""))
    if since is None:
        return JsonResponse({"error": "od"}, status=400)
    ids = list(
        Comment.objects.on_page(page)
        .visible_to(request.user)
        .filter(changed_at__gte=since)
        .order_by("thread_id", "order")
        .values_list("pk", flat=True)[:200]
    )
    return JsonResponse({"ids": ids})


def _csrf_input(request) -> str:
    """The CSRF field for the buttons drawn inside a comment; none for anonymous readers,
    whose markup must stay the same for everyone (it is cached)."""
    if not request.user.is_authenticated:
        return ""
    from django.middleware.csrf import get_token
    from django.utils.html import format_html

    return format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
    )


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def discussion_for(request, page) -> Discussion:
    params = request.GET
    try:
        number = max(int(params.get("strona", "1")), 1)
    except ValueError:
        number = 1
    return Discussion(
        page=page,
        user=request.user,
        paragraph_id=params.get("akapit", "")[:64],
        chapter_id=params.get("rozdzial", "")[:64],
        kind=params.get("rodzaj", ""),
        sort=params.get("sortuj", "najnowsze"),
        number=number,
        everything=params.get("wszystkie") == "1",
    )


def discussion_context(request, page, comment_form=None, version=...) -> dict:
    """What the consultation page shows of its discussion, and the form to join it."""
    from comments.rendering import CommentRenderer
    from comments.services import commenting_refusal

    discussion = discussion_for(request, page)
    if version is not ...:
        discussion.version = version  # the page has it already: no second query
    authenticated = request.user.is_authenticated
    discussion.renderer = CommentRenderer(
        base=page.url,
        page_id=page.pk,
        authenticated=authenticated,
        csrf_input=_csrf_input(request),
        rules_url=lambda: GminaSettings.for_request(request).discussion_rules_url(request),
    )
    refusal = commenting_refusal(page=page, user=request.user)
    kept = request.session.get(draft_key(page)) if request.user.is_authenticated else None
    if comment_form is not None and comment_form.is_bound:
        kept = comment_form.data  # refused on the way in: show what was typed
    if comment_form is None and request.user.is_authenticated and refusal is None:
        initial = {"kind": request.GET.get("rodzaj") or "komentarz"}
        paragraph = discussion.paragraphs.get(request.GET.get("akapit", ""))
        if paragraph:
            initial.update(
                paragraph=paragraph["id"],
                fragment=paragraph["label"],
                current_wording=paragraph["text"],
            )
        reply_to = request.GET.get("odpowiedz", "")
        if reply_to.isdigit() and len(reply_to) <= 9:
            initial["reply_to"] = int(reply_to)
        if kept:
            initial.update({key: value for key, value in kept.items() if value})
        comment_form = CommentForm(page, initial=initial, user=request.user)
    replying_to = None
    if comment_form is not None:
        reply_to = str(comment_form["reply_to"].value() or "")
        if reply_to.isdigit() and len(reply_to) <= 9 and int(reply_to):
            replying_to = (
                Comment.objects.on_page(page)
                .readable_by(request.user)
                .filter(pk=int(reply_to))
                .first()
            )
    return {
        "discussion": discussion,
        "comment_form": comment_form,
        "commenting_refusal": refusal,
        "kept_draft": kept if refusal is not None else None,
        "replying_to": replying_to,
    }


def unsubscribe(request, token):
    """The link in a reply e-mail: no log-in, GET shows a button, POST unsubscribes (mail
    scanners that follow links must not unsubscribe anyone)."""
    from django.core import signing

    from comments.notifications import unsubscribe as thread_unsubscribe

    try:
        signing.loads(token, salt="comments.unsubscribe")
    except signing.BadSignature as error:
        raise Http404 from error
    done = False
    if request.method == "POST":
        thread_unsubscribe(token)
        done = True
    return TemplateResponse(request, "comments/unsubscribe.html", {"done": done})
