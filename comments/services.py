"""Writes of comments and remarks: every rule a post must pass lives here.

Views, the WebSocket consumer and the admin call these functions; each refusal is a
ValidationError with its own code and a Polish message for the person.

State changes after creation use queryset updates, not `save()`: django-comments-xtd's
pre_save receiver would otherwise cascade `is_public` to the replies, which must stay
readable under a hidden or deleted comment.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.models import GminaSettings
from comments import events, notifications
from comments.attachments import as_scan
from comments.models import (
    MODERATE_PERMISSION,
    Channel,
    Comment,
    CommentingBlock,
    CommentRevision,
    Kind,
    ModerationAction,
    ModerationLogEntry,
    Outcome,
    Position,
    Reaction,
    Report,
    Status,
)
from comments.selectors import discussion_stamp_bump
from consultations.models import ConsultationPage, ConsultationStatus
from consultations.services import report_require_editable
from core.text import clean_text, prepare, render_html
from organisations.services import representation_check

OFFICIAL_PERMISSION = "comments.post_official"


# --- Who may write ---------------------------------------------------------------------------


def commenting_refusal(*, page: ConsultationPage, user, now=None) -> ValidationError | None:
    """Why `user` may not comment on `page` right now, or None."""
    if not user.is_authenticated:
        return ValidationError(_("Log in to comment."), code="logged_out")
    status = page.status(now)
    if status == ConsultationStatus.PLANNED:
        return ValidationError(
            _("The consultation has not opened yet: comments are accepted from %(date)s.")
            % {"date": _local(page.opens_at)},
            code="not_open_yet",
        )
    if status != ConsultationStatus.OPEN:
        return ValidationError(
            _("The consultation closed on %(date)s; comments are no longer accepted.")
            % {"date": _local(page.closes_at)},
            code="closed",
        )
    block = CommentingBlock.objects.filter(user=user).first()
    if block is not None:
        return ValidationError(
            _("A moderator has blocked you from commenting: %(reason)s") % {"reason": block.reason},
            code="blocked",
        )
    return None


class Write:
    """What a person does to the discussion, for `comment_write_refusal`."""

    POST = "post"
    EDIT = "edit"
    DELETE = "delete"
    REACT = "react"
    REPORT = "report"


def comment_write_refusal(
    *, action: str, user, comment: Comment | None = None, page=None, now=None
) -> ValidationError | None:
    """Why `user` may not do `action` (a `Write`) now, to `comment` (the comment replied to,
    edited, deleted, reacted to or reported), or None. The one rule every write passes:

    - posting, replying, editing and reacting: only while the consultation is open, and not
      by a person a moderator has blocked (`commenting_refusal`);
    - reporting: also after closing (what was written stays public), but not when blocked;
    - deleting one's own comment: at any time, unless the city has answered it;
    - the comment acted on must be one the discussion shows in full: replies, reactions and
      reports only to published ones, edits and deletions only of one's own published or
      awaiting ones; an edit only within COMMENT_EDIT_MINUTES, and not of a formal remark.
    """
    if not user.is_authenticated:
        return ValidationError(_("Log in to take part in the discussion."), code="logged_out")
    if comment is not None and page is None:
        page = ConsultationPage.objects.get(pk=comment.object_pk)
    if action in (Write.POST, Write.EDIT, Write.REACT):
        refusal = commenting_refusal(page=page, user=user, now=now)
        if refusal is not None:
            return refusal
    elif action == Write.REPORT and CommentingBlock.objects.filter(user=user).exists():
        return ValidationError(
            _("A moderator has blocked you, so you cannot report comments."), code="blocked"
        )
    if comment is None:
        return None
    own = comment.user_id == user.pk
    if action in (Write.EDIT, Write.DELETE):
        if not own:
            return ValidationError(
                _("Only the author can change or delete a comment."), code="not_author"
            )
        if comment.is_removed or comment.status not in (Status.PUBLISHED, Status.AWAITING):
            return ValidationError(
                _("This comment is hidden or deleted and cannot be changed."),
                code="not_editable",
            )
    elif comment.is_removed or comment.status != Status.PUBLISHED:
        messages = {
            Write.POST: _("You cannot reply to a comment that is not public."),
            Write.REACT: _("You cannot react to a comment that is not public."),
            Write.REPORT: _("This comment is not public; moderators already see it."),
        }
        return ValidationError(messages[action], code="not_public")
    if action == Write.REACT and own:
        return ValidationError(_("You cannot react to your own comment."), code="own")
    if action == Write.EDIT:
        if comment.kind == Kind.REMARK:
            return ValidationError(_("This comment cannot be edited."), code="not_editable")
        if (now or timezone.now()) - comment.submit_date > timedelta(
            minutes=settings.COMMENT_EDIT_MINUTES
        ):
            return ValidationError(
                _("A comment can be edited for %(minutes)s minutes after posting.")
                % {"minutes": settings.COMMENT_EDIT_MINUTES},
                code="edit_expired",
            )
    if action == Write.DELETE and comment.position_id:
        return ValidationError(
            _("The city has already answered this remark; it stays in the record."),
            code="answered",
        )
    return None


def _refuse(**kwargs) -> None:
    refusal = comment_write_refusal(**kwargs)
    if refusal is not None:
        raise refusal


def _local(moment) -> str:
    from django.utils.formats import date_format

    return date_format(timezone.localtime(moment), "j E Y, H:i")


def _check_rate(user, now) -> None:
    """At most COMMENT_RATE_LIMIT posts per person. Called inside the transaction that
    inserts the comment, after locking the person's row: parallel posts by one person
    count one after another, so they cannot all pass before any of them is stored."""
    limit, seconds = settings.COMMENT_RATE_LIMIT
    get_user_model().objects.select_for_update().filter(pk=user.pk).exists()
    recent = Comment.objects.filter(
        user=user, submit_date__gte=now - timedelta(seconds=seconds)
    ).count()
    if recent >= limit:
        raise ValidationError(
            _(
                "You have posted %(count)s comments in the last %(minutes)s minutes. "
                "Please wait a few minutes; your text is kept below."
            )
            % {"count": recent, "minutes": seconds // 60},
            code="rate_limited",
        )


def _throttle(*, user, action: str, limit: tuple[int, int]) -> None:
    """At most `limit[0]` reactions or reports per person in `limit[1]` seconds, counted in
    the shared cache: `add` and `incr` are atomic in Redis (and in the local memory cache of
    one process), so parallel requests cannot all slip under the limit. Every attempt counts,
    so reacting and taking it back again and again (a live update to every reader each time)
    is limited too. While Redis is down (core/cache.py) nothing is counted and all pass."""
    allowed, seconds = limit
    key = f"comments-rate:{action}:{user.pk}:{int(timezone.now().timestamp()) // seconds}"
    cache.add(key, 0, timeout=seconds)
    try:
        used = cache.incr(key)
    except ValueError:  # the cache is unreachable
        return
    if used > allowed:
        raise ValidationError(
            _("You are doing this too often. Please wait a few minutes and try again."),
            code="rate_limited",
        )


def _paragraph(page: ConsultationPage, paragraph_id: str):
    """(paragraph, version) from the newest public version."""
    version = page.versions.order_by("-number").first()
    if version is not None:
        for chapter in version.chapters:
            for paragraph in chapter["paragraphs"]:
                if paragraph["id"] == paragraph_id:
                    return paragraph, version
    raise ValidationError(
        _("This paragraph is not in the current version of the draft."), code="bad_paragraph"
    )


# --- Posting ---------------------------------------------------------------------------------


def comment_post(
    *,
    page: ConsultationPage,
    user,
    text: str = "",
    kind: str = Kind.COMMENT,
    paragraph_id: str = "",
    parent: Comment | None = None,
    organisation=None,
    fragment: str = "",
    current_wording: str = "",
    proposed_wording: str = "",
    justification: str = "",
    official: bool = False,
    followup: bool = False,
    ip_address: str | None = None,
    now=None,
) -> Comment:
    """`now`: the moment of posting, checked against the consultation's dates (the demo
    backdates the remarks of a consultation that closed last year)."""
    now = now or timezone.now()
    _refuse(action=Write.POST, user=user, page=page, comment=parent, now=now)
    if official and not user.has_perm(OFFICIAL_PERMISSION):
        raise ValidationError(_("Only city staff answer as the city office."), code="not_official")
    representation_check(user=user, organisation=organisation)

    if parent is not None:
        if parent.content_type_id != _page_type(page).pk or parent.object_pk != str(page.pk):
            raise ValidationError(
                _("The comment you reply to belongs to another discussion."), code="bad_parent"
            )
        if parent.level >= settings.COMMENTS_XTD_MAX_THREAD_LEVEL:
            raise ValidationError(
                _("This thread is already %(levels)s replies deep; reply higher up instead.")
                % {"levels": settings.COMMENTS_XTD_MAX_THREAD_LEVEL},
                code="too_deep",
            )
        if paragraph_id and paragraph_id != parent.paragraph_id:
            raise ValidationError(
                _("The comment you reply to is about another part of the draft."),
                code="bad_parent",
            )
        paragraph_id = parent.paragraph_id  # a reply is about what its thread is about
        kind = Kind.COMMENT  # a formal remark starts its own thread

    snapshot, version = ({}, page.versions.order_by("-number").first())
    if paragraph_id:
        snapshot, version = _paragraph(page, paragraph_id)

    if kind == Kind.REMARK:
        body, body_html = _prepare_remark(
            fragment=fragment or snapshot.get("label", _("the whole draft")),
            current_wording=current_wording,
            proposed_wording=proposed_wording,
            justification=justification,
        )
    else:
        body, body_html = prepare(text)
        fragment = current_wording = proposed_wording = justification = ""
    _check_length(body)

    status = (
        Status.AWAITING if page.comments_premoderated and not _is_staff(user) else Status.PUBLISHED
    )
    comment = Comment(
        content_type=_page_type(page),
        object_pk=str(page.pk),
        site_id=settings.SITE_ID,
        user=user,
        user_name=user.get_full_name()[:50] or user.email.split("@")[0],
        # No copy of the address: e-mail goes to the account's current one (notifications.py).
        comment=body,
        body_html=body_html,
        submit_date=now,
        received_at=now,
        ip_address=ip_address,
        is_public=status == Status.PUBLISHED,
        status=status,
        kind=kind,
        organisation=organisation,
        organisation_name=organisation.name if organisation else "",
        is_official=official,
        paragraph_id=paragraph_id,
        paragraph_label=snapshot.get("label", ""),
        paragraph_text=snapshot.get("text", ""),
        version=version,
        fragment=fragment[:200],
        current_wording=clean_text(current_wording),
        proposed_wording=clean_text(proposed_wording),
        justification=clean_text(justification),
        followup=followup,
        parent_id=parent.pk if parent else 0,
    )
    with transaction.atomic():
        _check_rate(user, now)
        if parent is not None:
            # xtd renumbers the thread on insert: one writer per thread at a time.
            Comment.objects.select_for_update().filter(pk=parent.thread_id).exists()
        comment.save()
    events.comment_changed(comment, "new")
    notifications.reply_posted(comment, page)
    return comment


def _check_length(body: str) -> None:
    """What posting and editing both refuse: nothing, or more than the limit."""
    if not body:
        raise ValidationError(_("The comment is empty."), code="empty")
    if len(body) > settings.COMMENT_MAX_LENGTH:
        raise ValidationError(
            _("The comment is longer than %(max)s characters.")
            % {"max": settings.COMMENT_MAX_LENGTH},
            code="too_long",
        )


def _prepare_remark(*, fragment, current_wording, proposed_wording, justification):
    """A remark's stored text and HTML: the consultation form's fields, in its order."""
    from django.utils.html import escape

    proposed, justification = clean_text(proposed_wording), clean_text(justification)
    if not proposed and not justification:
        raise ValidationError(
            _("A remark needs the proposed wording or its justification."), code="empty"
        )
    parts = [
        (_("Fragment"), clean_text(fragment)),
        (_("Current wording"), clean_text(current_wording)),
        (_("Proposed wording"), proposed),
        (_("Justification"), justification),
    ]
    body = "\n\n".join(f"{label}: {value}" for label, value in parts if value)
    html = "".join(
        f"<dt>{escape(label)}</dt><dd>{render_html(value)}</dd>" for label, value in parts if value
    )
    return body, f'<dl class="remark">{html}</dl>'


def _page_type(page) -> ContentType:
    return ContentType.objects.get_for_model(ConsultationPage)


# --- Author actions --------------------------------------------------------------------------


def comment_edit(*, comment: Comment, user, text: str) -> Comment:
    """The author changes a comment's text. The previous text is kept for the moderators
    (CommentRevision). Under pre-moderation an edit by someone other than staff goes back
    to the queue, as a new comment would: approval covers the text a moderator read."""
    _refuse(action=Write.EDIT, user=user, comment=comment)
    body, body_html = prepare(text)
    _check_length(body)
    page = ConsultationPage.objects.get(pk=comment.object_pk)
    status = comment.status
    if page.comments_premoderated and not _is_staff(user):
        status = Status.AWAITING
    now = timezone.now()
    with transaction.atomic():
        CommentRevision.objects.create(comment=comment, text=comment.comment, status=comment.status)
        Comment.objects.filter(pk=comment.pk).update(
            comment=body,
            body_html=body_html,
            status=status,
            is_public=status == Status.PUBLISHED,
            edited_at=now,
            changed_at=now,
        )
    comment.comment, comment.body_html, comment.edited_at = body, body_html, now
    comment.status, comment.is_public = status, status == Status.PUBLISHED
    events.comment_changed(comment, "edited")
    return comment


def _is_staff(user) -> bool:
    """City staff and moderators: their comments are published without pre-moderation."""
    return user.has_perm(OFFICIAL_PERMISSION) or user.has_perm(MODERATE_PERMISSION)


def comment_delete(*, comment: Comment, user) -> None:
    """The author withdraws a comment: a placeholder keeps the replies in place."""
    _refuse(action=Write.DELETE, user=user, comment=comment)
    Comment.objects.filter(pk=comment.pk).update(is_removed=True, changed_at=timezone.now())
    comment.is_removed = True
    events.comment_changed(comment, "deleted")


def reaction_set(*, comment: Comment, user, value: int | None) -> Comment:
    """Agree (1), disagree (-1) or take one's reaction back (None). One per person."""
    _refuse(action=Write.REACT, user=user, comment=comment)
    _throttle(user=user, action=Write.REACT, limit=settings.REACTION_RATE_LIMIT)
    with transaction.atomic():
        previous = Reaction.objects.select_for_update().filter(comment=comment, user=user).first()
        delta = {Reaction.Value.AGREE: 0, Reaction.Value.DISAGREE: 0}
        if previous is not None:
            delta[previous.value] -= 1
            previous.delete()
        if value in (Reaction.Value.AGREE, Reaction.Value.DISAGREE):
            try:
                with transaction.atomic():
                    Reaction.objects.create(comment=comment, user=user, value=value)
            except IntegrityError:  # the same person clicked twice at once
                return comment
            delta[value] += 1
        Comment.objects.filter(pk=comment.pk).update(
            agree_count=F("agree_count") + delta[Reaction.Value.AGREE],
            disagree_count=F("disagree_count") + delta[Reaction.Value.DISAGREE],
            changed_at=timezone.now(),
        )
    comment.refresh_from_db(fields=["agree_count", "disagree_count"])
    events.comment_changed(comment, "reactions")
    return comment


# --- Moderation ------------------------------------------------------------------------------


def report_create(*, comment: Comment, user, reason: str) -> Report:
    """Anyone logged in reports a comment; enough reports hide it until a moderator looks."""
    _refuse(action=Write.REPORT, user=user, comment=comment)
    reason = clean_text(reason)[:300]
    if not reason:
        raise ValidationError(_("Say why the comment should be reviewed."), code="no_reason")
    _throttle(user=user, action=Write.REPORT, limit=settings.REPORT_RATE_LIMIT)
    try:
        with transaction.atomic():
            report = Report.objects.create(comment=comment, user=user, reason=reason)
    except IntegrityError as error:
        raise ValidationError(
            _("You have already reported this comment."), code="already_reported"
        ) from error
    Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
    comment.refresh_from_db(fields=["report_count", "status"])
    gmina = GminaSettings.for_site(ConsultationPage.objects.get(pk=comment.object_pk).get_site())
    if comment.status == Status.PUBLISHED and comment.report_count >= gmina.reports_to_hide_comment:
        _set_status(comment, Status.REPORTED, reason=_("reported by readers"))
        ModerationLogEntry.objects.create(
            action=ModerationAction.AUTO_HIDE,
            comment=comment,
            reason=_("%(count)s reports") % {"count": comment.report_count},
        )
    return report


def _require_moderator(user) -> None:
    if not user.has_perm(MODERATE_PERMISSION):
        raise ValidationError(_("Only moderators can do this."), code="not_moderator")


def _set_status(comment: Comment, status: str, *, reason: str = "") -> None:
    Comment.objects.filter(pk=comment.pk).update(
        status=status,
        is_public=status == Status.PUBLISHED,
        moderation_reason=reason,
        changed_at=timezone.now(),
    )
    comment.status, comment.is_public, comment.moderation_reason = (
        status,
        status == Status.PUBLISHED,
        reason,
    )
    events.comment_changed(comment, "moderated")


def comment_hide(*, comment: Comment, moderator, reason: str) -> None:
    _require_moderator(moderator)
    reason = clean_text(reason)[:300]
    if not reason:
        raise ValidationError(_("Give the public reason for hiding."), code="no_reason")
    with transaction.atomic():
        _set_status(comment, Status.HIDDEN, reason=reason)
        comment.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
        ModerationLogEntry.objects.create(
            action=ModerationAction.HIDE, comment=comment, reason=reason, moderator=moderator
        )


def comment_restore(*, comment: Comment, moderator, reason: str = "") -> None:
    """Publish a comment again (or for the first time, when it awaited approval)."""
    _require_moderator(moderator)
    action = (
        ModerationAction.APPROVE if comment.status == Status.AWAITING else ModerationAction.RESTORE
    )
    with transaction.atomic():
        _set_status(comment, Status.PUBLISHED)
        comment.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
        ModerationLogEntry.objects.create(
            action=action, comment=comment, reason=clean_text(reason)[:300], moderator=moderator
        )


def commenter_block(*, user, moderator, reason: str) -> CommentingBlock:
    _require_moderator(moderator)
    reason = clean_text(reason)[:300]
    if not reason:
        raise ValidationError(_("Give the reason for blocking."), code="no_reason")
    with transaction.atomic():
        block, _created = CommentingBlock.objects.update_or_create(
            user=user, defaults={"reason": reason, "blocked_by": moderator}
        )
        ModerationLogEntry.objects.create(
            action=ModerationAction.BLOCK, subject_user=user, reason=reason, moderator=moderator
        )
    return block


def commenter_unblock(*, user, moderator, reason: str = "") -> None:
    _require_moderator(moderator)
    with transaction.atomic():
        CommentingBlock.objects.filter(user=user).delete()
        ModerationLogEntry.objects.create(
            action=ModerationAction.UNBLOCK,
            subject_user=user,
            reason=clean_text(reason)[:300],
            moderator=moderator,
        )


# --- The city's position on a remark ---------------------------------------------------------


def position_set(
    *, remarks: list[Comment], outcome: str, justification: str, by, notify: bool = True
) -> Position:
    """One position (and justification) for one or several identical remarks; their
    authors are e-mailed unless `notify` is off (the demo data's invented people)."""
    report_require_editable(page_ids=[remark.object_pk for remark in remarks])
    if not by.has_perm(OFFICIAL_PERMISSION):
        raise ValidationError(_("Only city staff give the city's position."), code="not_official")
    if outcome not in Outcome.values:
        raise ValidationError(_("Choose a position."), code="no_outcome")
    justification = clean_text(justification)
    if not justification:
        raise ValidationError(_("A position needs a justification."), code="no_justification")
    if not remarks or any(remark.kind != Kind.REMARK for remark in remarks):
        raise ValidationError(_("A position answers formal remarks."), code="not_remark")
    pages = {remark.object_pk for remark in remarks}
    if len(pages) != 1:
        raise ValidationError(_("The remarks belong to different consultations."), code="mixed")
    with transaction.atomic():
        position = Position.objects.create(
            page_id=int(pages.pop()), outcome=outcome, justification=justification, decided_by=by
        )
        Comment.objects.filter(pk__in=[remark.pk for remark in remarks]).update(
            position=position, changed_at=timezone.now()
        )
    for remark in remarks:
        remark.position = position
        events.comment_changed(remark, "position")
    if notify:
        notifications.position_given(remarks, position.page)
    return position


# --- Remarks that came on paper, by e-mail, through ePUAP or at a meeting --------------------


def remark_enter(
    *,
    page: ConsultationPage,
    by,
    channel: str,
    received_at,
    author_name: str,
    organisation=None,
    organisation_name: str = "",
    paragraph_id: str = "",
    current_wording: str = "",
    proposed_wording: str = "",
    justification: str = "",
    formal_defect: str = "",
    attachment=None,
) -> Comment:
    """Staff type in a remark that reached the city another way. It is kept whatever its
    date: one received after the closing moment is marked late ("po terminie") and shown so
    in the report; it is not published in the online discussion. `attachment`, an uploaded
    scan, must be a PDF, JPEG, PNG or TIFF and is stored privately (comments/attachments.py)."""
    report_require_editable(page_ids=[page.pk])
    if not by.has_perm(OFFICIAL_PERMISSION):
        raise ValidationError(_("Only city staff enter remarks."), code="not_official")
    if channel == Channel.ONLINE or channel not in Channel.values:
        raise ValidationError(_("Choose how the remark arrived."), code="bad_channel")
    if received_at is None:
        raise ValidationError(_("Give the date the remark was received."), code="no_date")
    if received_at > timezone.now():
        raise ValidationError(_("The date received cannot be in the future."), code="future")
    if page.opens_at and received_at < page.opens_at - timedelta(days=30):
        raise ValidationError(
            _("The date received is long before the consultation opened; check the year."),
            code="too_early",
        )
    author_name = clean_text(author_name)
    if organisation is not None:
        organisation_name = organisation.name
    organisation_name = clean_text(organisation_name)
    if not author_name and not organisation_name:
        raise ValidationError(
            _("Give the person or the organisation the remark comes from."), code="no_author"
        )
    snapshot, version = ({}, page.versions.order_by("-number").first())
    if paragraph_id:
        snapshot, version = _paragraph(page, paragraph_id)
    if not current_wording:
        current_wording = snapshot.get("text", "")
    body, body_html = _prepare_remark(
        fragment=snapshot.get("label", _("the whole draft")),
        current_wording=current_wording,
        proposed_wording=proposed_wording,
        justification=justification,
    )
    _check_length(body)
    late = page.closes_at is not None and received_at > page.closes_at
    comment = Comment(
        content_type=_page_type(page),
        object_pk=str(page.pk),
        site_id=settings.SITE_ID,
        user=None,
        user_name=(author_name or organisation_name)[:50],
        comment=body,
        body_html=body_html,
        submit_date=timezone.now(),
        is_public=True,
        status=Status.PUBLISHED,
        kind=Kind.REMARK,
        organisation=organisation,
        organisation_name=organisation_name[:300],
        paragraph_id=paragraph_id,
        paragraph_label=snapshot.get("label", ""),
        paragraph_text=snapshot.get("text", ""),
        version=version,
        fragment=(snapshot.get("label") or _("the whole draft"))[:200],
        current_wording=clean_text(current_wording),
        proposed_wording=clean_text(proposed_wording),
        justification=clean_text(justification),
        channel=channel,
        received_at=received_at,
        is_late=late,
        formal_defect=clean_text(formal_defect)[:300],
        attachment=as_scan(attachment) if attachment else "",
        entered_by=by,
        parent_id=0,
    )
    comment.save()
    page_id = page.pk
    transaction.on_commit(lambda: discussion_stamp_bump(page_id))
    return comment


def remark_mark_defect(*, remark: Comment, by, reason: str) -> Comment:
    """Mark (or, with an empty reason, clear) a formal defect, e.g. an unsigned form."""
    report_require_editable(page_ids=[remark.object_pk])
    if not by.has_perm(OFFICIAL_PERMISSION):
        raise ValidationError(_("Only city staff mark formal defects."), code="not_official")
    if remark.kind != Kind.REMARK:
        raise ValidationError(_("A position answers formal remarks."), code="not_remark")
    reason = clean_text(reason)[:300]
    Comment.objects.filter(pk=remark.pk).update(formal_defect=reason, changed_at=timezone.now())
    remark.formal_defect = reason
    page_id = remark.object_pk
    transaction.on_commit(lambda: discussion_stamp_bump(page_id))
    return remark
