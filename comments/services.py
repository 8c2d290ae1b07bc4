"""Writes of comments and remarks: every rule a post must pass lives here.

Views, the WebSocket consumer and the admin call these functions; each refusal is a
ValidationError with its own code and a Polish message for the person.

State changes after creation use queryset updates, not `save()`: django-comments-xtd's
pre_save receiver would otherwise cascade `is_public` to the replies, which must stay
readable under a hidden or deleted comment.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.models import GminaSettings
from comments import events, notifications
from comments.attachments import as_scan
from comments.models import (
    Channel,
    Comment,
    CommentingBlock,
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
from comments.text import clean_text, prepare, render_html
from consultations.models import ConsultationPage, ConsultationStatus
from consultations.services import report_require_editable
from organisations.services import representation_check

OFFICIAL_PERMISSION = "comments.post_official"
MODERATE_PERMISSION = "comments.moderate_comment"


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


def _local(moment) -> str:
    from django.utils.formats import date_format

    return date_format(timezone.localtime(moment), "j E Y, H:i")


def _check_rate(user, now) -> None:
    limit, seconds = settings.COMMENT_RATE_LIMIT
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
    refusal = commenting_refusal(page=page, user=user, now=now)
    if refusal is not None:
        raise refusal
    _check_rate(user, now)
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
        if parent.status == Status.AWAITING:
            raise ValidationError(
                _("This comment is still awaiting moderation."), code="bad_parent"
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

    staff = user.has_perm(OFFICIAL_PERMISSION) or user.has_perm(MODERATE_PERMISSION)
    status = Status.AWAITING if page.comments_premoderated and not staff else Status.PUBLISHED
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
    if comment.user_id != user.pk:
        raise ValidationError(_("Only the author can edit a comment."), code="not_author")
    limit = timedelta(minutes=settings.COMMENT_EDIT_MINUTES)
    if timezone.now() - comment.submit_date > limit:
        raise ValidationError(
            _("A comment can be edited for %(minutes)s minutes after posting.")
            % {"minutes": settings.COMMENT_EDIT_MINUTES},
            code="edit_expired",
        )
    if comment.is_removed or comment.kind == Kind.REMARK:
        raise ValidationError(_("This comment cannot be edited."), code="not_editable")
    body, body_html = prepare(text)
    _check_length(body)
    now = timezone.now()
    Comment.objects.filter(pk=comment.pk).update(
        comment=body, body_html=body_html, edited_at=now, changed_at=now
    )
    comment.comment, comment.body_html, comment.edited_at = body, body_html, now
    events.comment_changed(comment, "edited")
    return comment


def comment_delete(*, comment: Comment, user) -> None:
    """The author withdraws a comment: a placeholder keeps the replies in place."""
    if comment.user_id != user.pk:
        raise ValidationError(_("Only the author can delete a comment."), code="not_author")
    if comment.position_id:
        raise ValidationError(
            _("The city has already answered this remark; it stays in the record."),
            code="answered",
        )
    Comment.objects.filter(pk=comment.pk).update(is_removed=True, changed_at=timezone.now())
    comment.is_removed = True
    events.comment_changed(comment, "deleted")


def reaction_set(*, comment: Comment, user, value: int | None) -> Comment:
    """Agree (1), disagree (-1) or take one's reaction back (None). One per person."""
    if not user.is_authenticated:
        raise ValidationError(_("Log in to react."), code="logged_out")
    if comment.user_id == user.pk:
        raise ValidationError(_("You cannot react to your own comment."), code="own")
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
    reason = clean_text(reason)[:300]
    if not reason:
        raise ValidationError(_("Say why the comment should be reviewed."), code="no_reason")
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
