"""CSV and XLSX of a consultation's comments and remarks, for coordinators.

Every row says its status, so hidden or withdrawn comments are marked rather than mixed
in with the public ones; cells that a spreadsheet would run as a formula are neutralised
(core/exports.py writes the files).
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from comments.models import Comment


def columns() -> list[str]:
    return [
        _("No."),
        _("Thread"),
        _("Reply to"),
        _("Kind"),
        _("Status"),
        _("Date"),
        _("Author"),
        _("Organisation"),
        _("Fragment"),
        _("Version"),
        _("Text"),
        _("Current wording"),
        _("Proposed wording"),
        _("Justification"),
        _("Position"),
        _("Justification of the position"),
        _("I agree"),
        _("I disagree"),
        pgettext("comment reports", "Reports"),
    ]


def rows(page):
    comments = (
        Comment.objects.on_page(page)
        .select_related("position", "version")
        .order_by("thread_id", "order")
    )
    for comment in comments:
        status = comment.get_status_display()
        if comment.is_removed:
            status = _("deleted by its author")
        yield [
            comment.pk,
            comment.thread_id,
            comment.parent_id if comment.parent_id != comment.pk else "",
            comment.get_kind_display(),
            status,
            timezone.localtime(comment.submit_date).strftime("%Y-%m-%d %H:%M"),
            comment.user_name,
            comment.organisation_name,
            comment.fragment or comment.paragraph_label,
            comment.version_number or "",
            comment.comment if comment.kind == "komentarz" else "",
            comment.current_wording,
            comment.proposed_wording,
            comment.justification,
            comment.position_label,
            comment.position_justification,
            comment.agree_count,
            comment.disagree_count,
            comment.report_count,
        ]
