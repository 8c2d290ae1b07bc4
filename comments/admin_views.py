"""Moderators' and coordinators' views in the Wagtail admin: the moderation queue, the
moderation log, and the city's positions on a consultation's formal remarks."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comments import services
from comments.models import (
    Comment,
    CommentingBlock,
    Kind,
    ModerationLogEntry,
    Outcome,
    Status,
)
from consultations.models import ConsultationPage


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
        .prefetch_related("reports")
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


def log(request):
    _require(request, services.MODERATE_PERMISSION)
    entries = ModerationLogEntry.objects.select_related("moderator", "subject_user", "comment")
    return TemplateResponse(
        request,
        "comments/admin/log.html",
        {"entries": Paginator(entries, 100).get_page(request.GET.get("p"))},
    )


class PositionForm(forms.Form):
    remarks = forms.ModelMultipleChoiceField(queryset=Comment.objects.none())
    outcome = forms.ChoiceField(label=gettext_lazy("Position"), choices=Outcome.choices)
    justification = forms.CharField(
        label=gettext_lazy("Justification"), widget=forms.Textarea(attrs={"rows": 3})
    )


def positions(request, page_id):
    """Every formal remark of one consultation in document order, with its position."""
    _require(request, services.OFFICIAL_PERMISSION)
    page = get_object_or_404(ConsultationPage, pk=page_id)
    remarks = list(
        Comment.objects.on_page(page)
        .filter(kind=Kind.REMARK, is_removed=False)
        .select_related("position", "version")
        .order_by("submit_date")
    )
    order = {}
    version = page.versions.order_by("-number").first()
    for chapter in version.chapters if version else []:
        for paragraph in chapter["paragraphs"]:
            order[paragraph["id"]] = len(order)
    remarks.sort(key=lambda remark: (order.get(remark.paragraph_id, -1), remark.submit_date))
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
            return redirect("comments_admin:positions", page_id=page.pk)
    answered = sum(1 for remark in remarks if remark.position_id)
    return TemplateResponse(
        request,
        "comments/admin/positions.html",
        {
            "page": page,
            "remarks": remarks,
            "answered": answered,
            "form": form,
            "outcomes": Outcome.choices,
        },
        status=400 if form.errors else 200,
    )


def export(request, page_id, extension):
    """All comments and remarks of one consultation as CSV or XLSX."""
    from django.utils.text import slugify

    from cms.exports import download
    from comments import exports

    _require(request, services.OFFICIAL_PERMISSION)
    page = get_object_or_404(ConsultationPage, pk=page_id)
    return download(
        header=exports.columns(),
        rows=exports.rows(page),
        extension=extension,
        filename=f"komentarze-{slugify(page.slug)}",
        sheet_title=_("Comments"),
    )
