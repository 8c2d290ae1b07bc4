"""What the discussion keeps about a person, for *Moje dane* and account deletion
(core/personal_data.py; registered from CommentsConfig.ready).

On deletion the comments and remarks stay where they are, so replies keep their context
and the report its numbering: they lose the account, the name, the address and the IP and
read "Uczestnik konsultacji (konto usunięte)". Reactions are taken back through the same
service as the button (the counts drop by them: a count is of people who still stand by it).
Reports the person made are deleted; the moderators' decisions and their log stay, as
records of the city's own acts.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comments import events, services
from comments.models import Comment, CommentingBlock, Reaction, Report
from core.personal_data import Field, describe, register

# Shown, in Polish, in the place of the name of a person who deleted their account.
DELETED_AUTHOR = "Uczestnik konsultacji (konto usunięte)"


def _page_title(comment) -> str:
    page = comment.content_object
    return page.title if page is not None else ""


def _comments(user):
    comments = (
        Comment.objects.filter(user=user)
        .select_related("position", "version")
        .prefetch_related("content_object", "revisions")
        .order_by("submit_date", "pk")
    )
    return [
        describe(
            comment,
            "kind",
            "submit_date",
            "user_name",
            "organisation_name",
            "paragraph_label",
            "comment",
            "fragment",
            "current_wording",
            "proposed_wording",
            "justification",
            "status",
            "ip_address",
            "followup",
            consultation=(_("consultation"), _page_title(comment)),
            position=(
                _("position of the city"),
                comment.position.outcome if comment.position_id else "",
            ),
        )
        + _earlier_versions(comment)
        for comment in comments
    ]


def _earlier_versions(comment) -> list[Field]:
    """The texts an edit replaced (kept for the moderators): a list in the download."""
    texts = [revision.text for revision in comment.revisions.all()]
    if not texts:
        return []
    return [
        Field("earlier_versions", str(_("earlier versions of the text")), texts, "\n\n".join(texts))
    ]


def _reactions(user):
    return [
        describe(reaction, "value", comment=(_("comment"), f"#{reaction.comment_id}"))
        for reaction in Reaction.objects.filter(user=user).order_by("pk")
    ]


def _reports(user):
    return [
        describe(report, "reason", "created_at", comment=(_("comment"), f"#{report.comment_id}"))
        for report in Report.objects.filter(user=user).order_by("pk")
    ]


def _blocks(user):
    return [
        describe(block, "reason", created_at=(_("since"), block.created_at))
        for block in CommentingBlock.objects.filter(user=user)
    ]


def _erase(user) -> None:
    for reaction in Reaction.objects.filter(user=user).select_related("comment"):
        services.reaction_set(comment=reaction.comment, user=user, value=None)
    Report.objects.filter(user=user).delete()
    CommentingBlock.objects.filter(user=user).delete()
    authored = Comment.objects.filter(user=user)
    changed = list(authored.values_list("pk", flat=True))
    authored.update(
        user=None,
        user_name=DELETED_AUTHOR,
        user_email="",
        user_url="",
        ip_address=None,
        followup=False,
        changed_at=timezone.now(),
    )
    for comment in Comment.objects.filter(pk__in=changed):
        events.comment_changed(comment, "edited")  # open pages show the new name


def _expire_ip_addresses(now) -> int:
    """IP addresses serve moderation while the discussion is live: they are erased once the
    report is published, or COMMENT_IP_RETENTION_DAYS after closing, whichever is first."""
    from consultations.models import ConsultationPage

    closed_long_ago = now - timedelta(days=settings.COMMENT_IP_RETENTION_DAYS)
    pages = ConsultationPage.objects.filter(
        Q(report_published_at__isnull=False, report_published_at__lte=now)
        | Q(closes_at__lt=closed_long_ago)
    ).values_list("pk", flat=True)
    return Comment.objects.filter(
        content_type=ContentType.objects.get_for_model(ConsultationPage),
        object_pk__in=[str(pk) for pk in pages],
        ip_address__isnull=False,
    ).update(ip_address=None)


def register_personal_data() -> None:
    register(
        "comments",
        title=_("Comments and remarks"),
        collect=_comments,
        erase=_erase,
        expire=_expire_ip_addresses,
    )
    register("reactions", title=_("Reactions"), collect=_reactions)
    register("reports", title=_("Comments you reported"), collect=_reports)
    register("commenting_block", title=_("Block on commenting"), collect=_blocks)
