"""Moderators' and coordinators' views in the Wagtail admin: the moderation queue, the
moderation log, and the city's positions on a consultation's formal remarks."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.models import User
from comments import services
from comments.attachments import scan_type, validate_scan
from comments.models import (
    Channel,
    Comment,
    CommentingBlock,
    Kind,
    ModerationLogEntry,
    Outcome,
    Status,
)
from consultations.models import ConsultationPage
from organisations.models import Organisation


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def queue(request):
    """Comments awaiting approval or hidden after reports, oldest first."""
    _require(request, services.MODERATE_PERMISSION)
    if request.method == "POST":
        comment = get_object_or_404(Comment, pk=request.POST.get("comment"))
        reason = request.POST.get("reason", "")
        action = request.POST.get("action")
        try:
            if action == "ukryj":
                services.comment_hide(comment=comment, moderator=request.user, reason=reason)
            elif action == "przywroc":
                services.comment_restore(comment=comment, moderator=request.user, reason=reason)
            elif action == "zablokuj" and comment.user_id:
                services.commenter_block(user=comment.user, moderator=request.user, reason=reason)
            elif action == "odblokuj" and comment.user_id:
                services.commenter_unblock(user=comment.user, moderator=request.user, reason=reason)
            else:
                raise ValidationError(_("Unknown action."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Done: %(comment)s") % {"comment": comment})
        return redirect("comments_admin:queue")
    waiting = (
        Comment.objects.filter(
            Q(status__in=[Status.AWAITING, Status.REPORTED])
            | Q(reports__resolved_at__isnull=True, reports__isnull=False)
        )
        .distinct()
        .select_related("user")
        .prefetch_related("reports", "revisions")
        .order_by("submit_date")
    )
    pages = {
        page.pk: page
        for page in ConsultationPage.objects.filter(
            pk__in={int(pk) for pk in waiting.values_list("object_pk", flat=True)}
        )
    }
    listing = Paginator(waiting, 50).get_page(request.GET.get("p"))
    for comment in listing:
        comment.page = pages.get(int(comment.object_pk))
    blocks = CommentingBlock.objects.select_related("user", "blocked_by").order_by("-created_at")
    return TemplateResponse(
        request, "comments/admin/queue.html", {"comments": listing, "blocks": blocks}
    )


def unblock(request, block_id):
    _require(request, services.MODERATE_PERMISSION)
    block = get_object_or_404(CommentingBlock, pk=block_id)
    if request.method == "POST":
        services.commenter_unblock(
            user=block.user, moderator=request.user, reason=request.POST.get("reason", "")
        )
        messages.success(request, _("%(person)s can comment again.") % {"person": block.user})
    return redirect("comments_admin:queue")


def block(request, user_id):
    """Block one person from commenting, from their comment in the discussion or from the
    moderation log: a page that shows who it is (and the comment that led here) and asks for
    the reason before anything happens. `?komentarz=` names that comment; the way back leads
    to it, or to the log."""
    _require(request, services.MODERATE_PERMISSION)
    person = get_object_or_404(User, pk=user_id)
    comment = None
    comment_id = request.GET.get("komentarz", "")
    if comment_id.isdigit() and len(comment_id) <= 9:
        comment = Comment.objects.filter(pk=int(comment_id), user=person).first()
    page = ConsultationPage.objects.filter(pk=int(comment.object_pk)).first() if comment else None
    back = f"{page.url}#k-{comment.pk}" if page else reverse("comments_admin:log")
    current = CommentingBlock.objects.filter(user=person).select_related("blocked_by").first()
    error = ""
    if request.method == "POST":
        try:
            services.commenter_block(
                user=person, moderator=request.user, reason=request.POST.get("reason", "")
            )
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            messages.success(request, _("%(person)s can no longer comment.") % {"person": person})
            return redirect(back)
    return TemplateResponse(
        request,
        "comments/admin/block.html",
        {
            "person": person,
            "comment": comment,
            "current": current,
            "back": back,
            "error": error,
            "reason": request.POST.get("reason", ""),
        },
        status=400 if error else 200,
    )


def log(request):
    _require(request, services.MODERATE_PERMISSION)
    entries = ModerationLogEntry.objects.select_related("moderator", "subject_user", "comment")
    return TemplateResponse(
        request,
        "comments/admin/log.html",
        {"entries": Paginator(entries, 100).get_page(request.GET.get("p"))},
    )


class PositionForm(forms.Form):
    remarks = forms.ModelMultipleChoiceField(
        queryset=Comment.objects.none(),
        error_messages={
            "required": gettext_lazy("Tick at least one remark that the position answers.")
        },
    )
    outcome = forms.ChoiceField(label=gettext_lazy("Position"), choices=Outcome.choices)
    justification = forms.CharField(
        label=gettext_lazy("Justification"), widget=forms.Textarea(attrs={"rows": 3})
    )


def _remark_groups(page, remarks):
    """The remarks under the chapter and paragraph they concern, in document order: the
    whole draft first, then the newest version's chapters, then paragraphs it dropped."""
    version = page.versions.order_by("-number").first()
    by_paragraph = {}
    for remark in remarks:
        by_paragraph.setdefault(remark.paragraph_id, []).append(remark)
    groups = []
    if "" in by_paragraph:
        groups.append({"chapter": "", "label": _("the whole draft"), "remarks": by_paragraph[""]})
    for chapter in version.chapters if version else []:
        for paragraph in chapter["paragraphs"]:
            found = by_paragraph.pop(paragraph["id"], None)
            if found:
                groups.append(
                    {"chapter": chapter["title"], "label": paragraph["label"], "remarks": found}
                )
    by_paragraph.pop("", None)
    for found in by_paragraph.values():  # paragraphs no longer in the draft
        label = found[0].paragraph_label or found[0].fragment
        groups.append({"chapter": _("No longer in the draft"), "label": label, "remarks": found})
    return groups


def positions(request, page_id):
    """Every formal remark of one consultation, grouped by chapter and paragraph, with its
    position; one position with its justification may answer several identical remarks."""
    _require(request, services.OFFICIAL_PERMISSION)
    page = get_object_or_404(ConsultationPage, pk=page_id)
    remarks = list(
        Comment.objects.on_page(page)
        .filter(kind=Kind.REMARK, is_removed=False)
        .select_related("position")
        .order_by("received_at", "submit_date")
    )
    answered = sum(1 for remark in remarks if remark.position_id)
    only_open = request.GET.get("bez-stanowiska") == "1"
    shown = [remark for remark in remarks if not (only_open and remark.position_id)]
    form = PositionForm(request.POST or None)
    form.fields["remarks"].queryset = Comment.objects.on_page(page).filter(kind=Kind.REMARK)
    if request.method == "POST" and form.is_valid():
        try:
            services.position_set(
                remarks=list(form.cleaned_data["remarks"]),
                outcome=form.cleaned_data["outcome"],
                justification=form.cleaned_data["justification"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The position is saved and shown under the remark."))
            return redirect(request.get_full_path())
    return TemplateResponse(
        request,
        "comments/admin/positions.html",
        {
            "page": page,
            "groups": _remark_groups(page, shown),
            "total": len(remarks),
            "answered": answered,
            "only_open": only_open,
            "form": form,
            "ticked": request.POST.getlist("remarks"),
            "outcomes": Outcome.choices,
        },
        status=400 if form.errors else 200,
    )


class RemarkEntryForm(forms.Form):
    """A remark that came on paper, by e-mail, through ePUAP or at a meeting."""

    channel = forms.ChoiceField(
        label=gettext_lazy("Channel"),
        choices=[choice for choice in Channel.choices if choice[0] != Channel.ONLINE],
    )
    received_at = forms.DateTimeField(
        label=gettext_lazy("Received"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    author_name = forms.CharField(label=gettext_lazy("Person"), max_length=50, required=False)
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation from the directory"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    organisation_name = forms.CharField(
        label=gettext_lazy("or the organisation's name"), max_length=300, required=False
    )
    paragraph_id = forms.ChoiceField(label=gettext_lazy("Fragment of the draft"), required=False)
    current_wording = forms.CharField(
        label=gettext_lazy("Current wording"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Left empty: the paragraph's text is taken."),
    )
    proposed_wording = forms.CharField(
        label=gettext_lazy("Proposed wording"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    justification = forms.CharField(
        label=gettext_lazy("Justification"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    formal_defect = forms.CharField(
        label=gettext_lazy("Formal defect"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("E.g. unsigned form; leave empty when there is none."),
    )
    attachment = forms.FileField(
        label=gettext_lazy("Scan or original file"),
        required=False,
        validators=[validate_scan],
        help_text=gettext_lazy("PDF, JPEG, PNG or TIFF. Only staff can open it."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.tif,.tiff"}),
    )

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        choices = [("", _("the whole draft"))]
        version = page.versions.order_by("-number").first()
        for chapter in version.chapters if version else []:
            choices.append(
                (
                    chapter["title"],
                    [(p["id"], f"{p['label']} — {p['text'][:60]}") for p in chapter["paragraphs"]],
                )
            )
        self.fields["paragraph_id"].choices = choices


def remark_enter(request, page_id):
    _require(request, services.OFFICIAL_PERMISSION)
    page = get_object_or_404(ConsultationPage, pk=page_id)
    form = RemarkEntryForm(request.POST or None, request.FILES or None, page=page)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                remark = services.remark_enter(
                    page=page,
                    by=request.user,
                    channel=data["channel"],
                    received_at=data["received_at"],
                    author_name=data["author_name"],
                    organisation=data["organisation"],
                    organisation_name=data["organisation_name"],
                    paragraph_id=data["paragraph_id"],
                    current_wording=data["current_wording"],
                    proposed_wording=data["proposed_wording"],
                    justification=data["justification"],
                    formal_defect=data["formal_defect"],
                    attachment=data["attachment"],
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if remark.is_late:
                messages.warning(
                    request, _("The remark is saved and marked as received after the deadline.")
                )
            else:
                messages.success(request, _("The remark is saved."))
            if "another" in request.POST:
                return redirect("comments_admin:remark_enter", page_id=page.pk)
            return redirect("comments_admin:positions", page_id=page.pk)
    return TemplateResponse(
        request,
        "comments/admin/remark_enter.html",
        {"page": page, "form": form},
        status=400 if form.errors else 200,
    )


def remark_attachment(request, page_id, remark_id):
    """The scan of a remark, for staff only and always as a download: it is personal data
    and whatever is inside must never run as a page of this site."""
    _require(request, services.OFFICIAL_PERMISSION)
    page = get_object_or_404(ConsultationPage, pk=page_id)
    remark = get_object_or_404(Comment.objects.on_page(page), pk=remark_id, kind=Kind.REMARK)
    if not remark.attachment:
        raise Http404
    try:
        file = remark.attachment.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    _extension, content_type = scan_type(file) or ("", "application/octet-stream")
    extension = remark.attachment.name.rsplit(".", 1)[-1]
    response = FileResponse(
        file,
        as_attachment=True,
        filename=f"uwaga-{remark.pk}.{extension}",
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def remark_defect(request, page_id, remark_id):
    """POST: mark or clear a remark's formal defect from the positions page."""
    _require(request, services.OFFICIAL_PERMISSION)
    if request.method != "POST":
        return redirect("comments_admin:positions", page_id=page_id)
    page = get_object_or_404(ConsultationPage, pk=page_id)
    remark = get_object_or_404(Comment.objects.on_page(page), pk=remark_id, kind=Kind.REMARK)
    try:
        services.remark_mark_defect(
            remark=remark, by=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The formal defect is saved."))
    return redirect(
        reverse("comments_admin:positions", args=[page.pk]) + f"#remark-row-{remark.pk}"
    )


def export(request, page_id, extension):
    """All comments and remarks of one consultation as CSV or XLSX."""
    from django.utils.text import slugify

    from comments import exports
    from core.exports import download

    _require(request, services.OFFICIAL_PERMISSION)
    page = get_object_or_404(ConsultationPage, pk=page_id)
    return download(
        header=exports.columns(),
        rows=exports.rows(page),
        extension=extension,
        filename=f"komentarze-{slugify(page.slug)}",
        sheet_title=_("Comments"),
    )
