"""Reads of a consultation's discussion, built for thousands of comments.

A page of the discussion costs a fixed handful of queries whatever its size: the root
comments of the page of threads, every comment of those threads in one query (already in
xtd's depth-first order: thread_id, order), the reader's own reactions and reports, and
the per-paragraph counts. No template tag queries per comment.
"""

import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count
from django.utils import timezone

from comments.models import Comment, Kind, Reaction, Report, Status

SORTS = {
    "najnowsze": ("-submit_date", "-pk"),
    "najstarsze": ("submit_date", "pk"),
    "popularne": ("-agree_count", "-submit_date"),
}


def discussion_stamp(page_id) -> str:
    """Changes whenever anything in the page's discussion changes (cache key part)."""
    key = f"discussion-stamp:{page_id}"
    stamp = cache.get(key)
    if stamp is None:
        stamp = uuid.uuid4().hex
        cache.add(key, stamp, timeout=None)
        stamp = cache.get(key, stamp)
    return stamp


def discussion_stamp_bump(page_id) -> None:
    from core.pagecache import bump_page

    cache.set(f"discussion-stamp:{page_id}", uuid.uuid4().hex, timeout=None)
    bump_page(page_id)  # the page stored for anonymous readers shows the discussion too


@dataclass
class Discussion:
    page: object
    user: object
    paragraph_id: str = ""
    chapter_id: str = ""
    kind: str = ""
    sort: str = "najnowsze"
    number: int = 1
    everything: bool = False
    per_page: int = field(default_factory=lambda: settings.COMMENTS_PER_PAGE)

    # --- what the reader asked for ---

    @property
    def stamp(self) -> str:
        return discussion_stamp(self.page.pk)

    @cached_property
    def version(self):
        return self.page.versions.order_by("-number").first()

    @cached_property
    def paragraphs(self) -> dict[str, dict]:
        """Paragraphs of the newest public version by identifier, with their chapter."""
        found = {}
        for chapter in self.version.chapters if self.version else []:
            for paragraph in chapter["paragraphs"]:
                found[paragraph["id"]] = {**paragraph, "chapter_id": chapter["id"]}
        return found

    def _roots(self):
        roots = Comment.objects.on_page(self.page).visible_to(self.user).filter(level=0)
        if self.paragraph_id:
            roots = roots.filter(paragraph_id=self.paragraph_id)
        elif self.chapter_id:
            ids = [pid for pid, p in self.paragraphs.items() if p["chapter_id"] == self.chapter_id]
            roots = roots.filter(paragraph_id__in=ids)
        if self.kind in Kind.values:
            roots = roots.filter(kind=self.kind)
        return roots.order_by(*SORTS.get(self.sort, SORTS["najnowsze"]))

    @cached_property
    def page_of_threads(self):
        roots = self._roots().values_list("pk", flat=True)
        if self.everything:
            return list(roots)  # one query, no count
        return Paginator(roots, self.per_page).get_page(self.number)

    renderer = None  # a comments.rendering.CommentRenderer, set by the view

    @cached_property
    def rendered_threads(self) -> list[dict]:
        """[{"id": thread id, "html": its comments}] for the template."""
        render = self.renderer.render
        return [
            {"id": thread[0].thread_id, "html": "".join(render(comment) for comment in thread)}
            for thread in self.threads
        ]

    @cached_property
    def threads(self) -> list[list["CommentRow"]]:
        root_ids = list(self.page_of_threads)
        if not root_ids:
            return []
        comments = [
            CommentRow(row)
            for row in Comment.objects.filter(thread_id__in=root_ids)
            .visible_to(self.user)
            .order_by("thread_id", "order")
            .values(*CommentRow.FIELDS)
        ]
        self._annotate(comments)
        by_thread: dict[int, list[Comment]] = {}
        for comment in comments:
            by_thread.setdefault(comment.thread_id, []).append(comment)
        return [by_thread[pk] for pk in root_ids if pk in by_thread]

    def _annotate(self, comments: list[Comment]) -> None:
        user = self.user
        mine, reported = {}, set()
        if user.is_authenticated:
            ids = [comment.pk for comment in comments]
            mine = dict(
                Reaction.objects.filter(user=user, comment_id__in=ids).values_list(
                    "comment_id", "value"
                )
            )
            reported = set(
                Report.objects.filter(user=user, comment_id__in=ids).values_list(
                    "comment_id", flat=True
                )
            )
        moderator = user.is_authenticated and user.has_perm("comments.moderate_comment")
        edit_until = timezone.now() - timedelta(minutes=settings.COMMENT_EDIT_MINUTES)
        for comment in comments:
            _annotate_anchor(comment, self.paragraphs, self.version)
            comment.my_reaction = mine.get(comment.pk)
            comment.reported_by_me = comment.pk in reported
            comment.is_mine = user.is_authenticated and comment.user_id == user.pk
            comment.can_edit = (
                comment.is_mine
                and not comment.is_removed
                and comment.kind == Kind.COMMENT
                and comment.submit_date > edit_until
            )
            comment.can_moderate = moderator

    # --- the margin of the draft ---

    @cached_property
    def counts(self) -> dict[str, int]:
        """Published comments per paragraph identifier (all levels); "" is the whole draft."""
        rows = (
            Comment.objects.on_page(self.page)
            .in_discussion()
            .filter(status=Status.PUBLISHED, is_removed=False)
            .values_list("paragraph_id")
            .annotate(n=Count("pk"))
        )
        return dict(rows)

    @cached_property
    def removed_paragraphs(self) -> list[dict]:
        """Paragraphs with comments that the newest version no longer has."""
        gone = [pid for pid in self.counts if pid and pid not in self.paragraphs]
        if not gone:
            return []
        rows = (
            Comment.objects.on_page(self.page)
            .in_discussion()
            .filter(paragraph_id__in=gone, level=0)
            .order_by("paragraph_id", "-version__number")
            .values("paragraph_id", "paragraph_label", "version__number")
        )
        seen = {}
        for row in rows:
            seen.setdefault(row["paragraph_id"], row)
        return [
            {"id": pid, "label": seen[pid]["paragraph_label"], "count": self.counts[pid]}
            for pid in gone
            if pid in seen
        ]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class CommentRow:
    """What the discussion shows of a comment: plain values from one query, no model
    instances (building 2 000 of them cost more than rendering them)."""

    FIELDS = (
        "pk",
        "thread_id",
        "parent_id",
        "level",
        "user_id",
        "user_name",
        "organisation_name",
        "body_html",
        "submit_date",
        "edited_at",
        "status",
        "kind",
        "is_official",
        "is_removed",
        "moderation_reason",
        "paragraph_id",
        "paragraph_label",
        "paragraph_text",
        "version_id",
        "version__number",
        "agree_count",
        "disagree_count",
        "position_id",
        "position__outcome",
        "position__justification",
    )
    _STATUSES = dict(Status.choices)

    def __init__(self, row: dict):
        self.__dict__.update(row)
        self.version_number = row["version__number"]
        self.position_justification = row["position__justification"] or ""

    @property
    def position_label(self) -> str:
        from comments.models import Outcome

        return str(dict(Outcome.choices).get(self.position__outcome, ""))

    def get_status_display(self) -> str:
        return str(self._STATUSES.get(self.status, self.status))


def _annotate_anchor(comment, paragraphs: dict, version) -> None:
    """Where the comment points now: the paragraph, changed since, or removed."""
    comment.anchor_state = ""
    if not comment.paragraph_id or comment.level:
        return
    current = paragraphs.get(comment.paragraph_id)
    if current is None:
        comment.anchor_state = "removed"
    elif current["text"] != comment.paragraph_text or current["label"] != comment.paragraph_label:
        comment.anchor_state = "changed"
        comment.current_label = current["label"]
    else:
        comment.anchor_state = "same"
    comment.newest_version_number = version.number if version else None


def render_comment(comment: Comment, *, user=None, csrf_input: str = "") -> str:
    """One comment as `user` sees it (their reaction pressed, their actions), or as an
    anonymous reader sees it without a user (what live updates carry to every page)."""
    from comments.rendering import CommentRenderer
    from consultations.models import ConsultationPage

    page = ConsultationPage.objects.get(pk=comment.object_pk)
    reader = user if user is not None and user.is_authenticated else _Anonymous()
    discussion = Discussion(page=page, user=reader)
    if reader.is_authenticated:
        discussion._annotate([comment])
    else:
        comment.my_reaction = None
        comment.reported_by_me = comment.is_mine = comment.can_edit = False
        comment.can_moderate = False
        if not hasattr(comment, "anchor_state"):
            _annotate_anchor(comment, discussion.paragraphs, discussion.version)

    def rules_url() -> str:
        from cms.models import GminaSettings

        return GminaSettings.for_site(page.get_site()).discussion_rules_url()

    return CommentRenderer(
        base=page.url,
        page_id=page.pk,
        authenticated=reader.is_authenticated,
        csrf_input=csrf_input,
        rules_url=rules_url,
    ).render(comment)


class _Anonymous:
    is_authenticated = False
    pk = None
