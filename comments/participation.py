"""The discussion's sections of *Moje zgłoszenia* (core/participation.py; registered from
CommentsConfig.ready): a person's comments, each linked in its consultation, and their
formal remarks with the city's position and justification once given. Comments the
author withdrew are left out; those awaiting moderation or hidden say so."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from comments.models import Comment, Kind
from core.participation import register


def _mine(user, kind) -> list[Comment]:
    comments = list(
        Comment.objects.in_discussion()
        .filter(user=user, kind=kind, is_removed=False)
        .select_related("position")
        .order_by("-submit_date", "-pk")
    )
    pages = {
        page.pk: page
        for page in Page.objects.filter(pk__in={int(c.object_pk) for c in comments}).specific()
    }
    for comment in comments:
        comment.page = pages.get(int(comment.object_pk))
    return [comment for comment in comments if comment.page is not None and comment.page.live]


def _comments(user) -> dict:
    comments = _mine(user, Kind.COMMENT)
    return {"comments": comments, "shown": bool(comments)}


def _remarks(user) -> dict:
    remarks = _mine(user, Kind.REMARK)
    return {"remarks": remarks, "shown": bool(remarks)}


def register_participation() -> None:
    register(
        "komentarze",
        title=_("Comments"),
        template="comments/includes/my_comments.html",
        collect=_comments,
    )
    register(
        "uwagi",
        title=_("Formal remarks"),
        template="comments/includes/my_remarks.html",
        collect=_remarks,
    )
