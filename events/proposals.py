"""Topic proposals for a table meeting: who may propose, and the coordinator's decisions.

Logged-in people propose extra topics until the meeting's `proposals_close_at`. Whoever may
edit the meeting's page decides each proposal once: a new table, merged into an existing
table, or declined with a reason. The proposer is e-mailed after the decision commits.

A new table is a `WorkshopTable`, a ParentalKey child of the Wagtail page, so it is added
the way the editor adds one: the row, then a new page revision that includes it, published
(so the live page, its revision history and the editor agree; a later publish of that
revision keeps the table). A draft the coordinator had not published yet stays the latest
revision, with the new table added to it, so publishing the draft later does not delete it.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.models import User
from events import live
from events.models import (
    ProposalStatus,
    TopicProposal,
    WorkshopPage,
    WorkshopTable,
)
from organisations.services import representation_check

TITLE_MIN_LENGTH = 3
TITLE_MAX_LENGTH = TopicProposal._meta.get_field("title").max_length  # 200
DESCRIPTION_MAX_LENGTH = TopicProposal._meta.get_field("description").max_length  # 3000
REASON_MAX_LENGTH = 2000
MAX_PROPOSALS_PER_PERSON = 10  # per meeting: several topics, not a flood


def _clean_title(title: str) -> str:
    return " ".join((title or "").split())


# Proposing ----------------------------------------------------------------------------


def proposal_refusal(*, workshop: WorkshopPage, user, now=None) -> ValidationError | None:
    """Why `user` may not propose a topic for `workshop` now, or None.

    Closed-for-everyone reasons come first, so a visitor is not asked to log in for
    nothing."""
    now = now or timezone.now()
    if workshop.cancelled:
        return ValidationError(_("This meeting has been cancelled."), code="cancelled")
    if workshop.proposals_close_at is None:
        return ValidationError(
            _("Topics are not collected for this meeting."), code="not_collected"
        )
    if now >= workshop.proposals_close_at:
        return ValidationError(
            _("The deadline for proposing topics has passed."), code="deadline_passed"
        )
    if not user.is_authenticated:
        return ValidationError(_("Log in to propose a topic."), code="logged_out")
    return None


def proposal_create(
    *,
    workshop: WorkshopPage,
    user,
    title: str,
    description: str = "",
    organisation=None,
    organisation_name: str = "",
) -> TopicProposal:
    """Record a topic proposed by `user`; refused with a message saying why."""
    refusal = proposal_refusal(workshop=workshop, user=user)
    if refusal is not None:
        raise refusal
    title = _clean_title(title)
    description = (description or "").strip()
    organisation_name = " ".join((organisation_name or "").split())
    if len(title) < TITLE_MIN_LENGTH:
        raise ValidationError(
            _("Name the topic in at least %(min)s characters.") % {"min": TITLE_MIN_LENGTH},
            code="title_too_short",
        )
    if len(title) > TITLE_MAX_LENGTH:
        raise ValidationError(
            _("The topic may have at most %(max)s characters.") % {"max": TITLE_MAX_LENGTH},
            code="title_too_long",
        )
    if len(description) > DESCRIPTION_MAX_LENGTH:
        raise ValidationError(
            _("The description may have at most %(max)s characters.")
            % {"max": DESCRIPTION_MAX_LENGTH},
            code="description_too_long",
        )
    if len(organisation_name) > 300:
        raise ValidationError(
            _("The organisation's name may have at most %(max)s characters.") % {"max": 300},
            code="organisation_name_too_long",
        )
    representation_check(user=user, organisation=organisation)
    with transaction.atomic():
        # One proposal at a time per person: the duplicate check and the insert agree.
        list(User.objects.select_for_update().filter(pk=user.pk))
        mine = list(
            TopicProposal.objects.filter(workshop=workshop, user=user).values_list(
                "title", flat=True
            )
        )
        # Compared in Python: SQLite's LIKE ignores the case of ASCII letters only (Ł, Ś…).
        if any(_clean_title(other).casefold() == title.casefold() for other in mine):
            raise ValidationError(
                _("You have already proposed this topic for this meeting."), code="duplicate"
            )
        if len(mine) >= MAX_PROPOSALS_PER_PERSON:
            raise ValidationError(
                _("You can propose at most %(max)s topics for one meeting.")
                % {"max": MAX_PROPOSALS_PER_PERSON},
                code="too_many",
            )
        return TopicProposal.objects.create(
            workshop=workshop,
            user=user,
            organisation=organisation,
            organisation_name=organisation.name if organisation else organisation_name,
            title=title,
            description=description,
        )


# Deciding -----------------------------------------------------------------------------


def can_decide(*, workshop: WorkshopPage, user) -> bool:
    """Whoever may edit the meeting's page decides its proposals (Wagtail page permissions)."""
    return user.is_authenticated and workshop.permissions_for_user(user).can_edit()


def _lock_undecided(proposal: TopicProposal, by) -> TopicProposal:
    """Inside a transaction: the proposal, locked and re-read, if `by` may still decide it."""
    proposal = TopicProposal.objects.select_for_update().get(pk=proposal.pk)
    workshop = WorkshopPage.objects.get(pk=proposal.workshop_id)
    if not can_decide(workshop=workshop, user=by):
        raise PermissionDenied
    if proposal.status != ProposalStatus.SUBMITTED:
        raise ValidationError(
            _("This proposal has already been decided: %(decision)s.")
            % {"decision": proposal.get_status_display()},
            code="already_decided",
        )
    proposal.workshop = workshop
    return proposal


def _clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            _("The reason may have at most %(max)s characters.") % {"max": REASON_MAX_LENGTH},
            code="reason_too_long",
        )
    return reason


def _decide(proposal: TopicProposal, *, status: str, by, table=None, reason: str = "") -> None:
    proposal.status = status
    proposal.table = table
    proposal.decision_reason = reason
    proposal.decided_at = timezone.now()
    proposal.decided_by = by
    proposal.save(update_fields=["status", "table", "decision_reason", "decided_at", "decided_by"])
    proposal_decided_email(proposal)


def _publish_with_table(workshop: WorkshopPage, table: WorkshopTable, by) -> None:
    """Add `table` to the live page as a new published revision (inside a transaction).

    The page row is locked first: two tables accepted at once must not each publish a
    revision that lacks the other's table."""
    page = WorkshopPage.objects.select_for_update().get(pk=workshop.pk)
    if not page.live:
        raise ValidationError(
            _("The meeting's page is not published: publish it before adding tables."),
            code="not_live",
        )
    if not page.permissions_for_user(by).can_publish():
        raise ValidationError(
            _(
                "Adding a table publishes the meeting's page, and you may not publish it: "
                "merge the proposal into a table or ask someone who may publish."
            ),
            code="cannot_publish",
        )
    pending_draft = page.get_latest_revision() if page.has_unpublished_changes else None
    last = WorkshopTable.objects.filter(workshop=page).aggregate(last=Max("sort_order"))["last"]
    table.workshop = page
    table.sort_order = 0 if last is None else last + 1
    table.save()
    # The live content (the page row) plus its tables as they are now, the new one included.
    live_page = WorkshopPage.objects.get(pk=page.pk)
    live_page.save_revision(user=by, log_action=True, clean=False).publish(user=by, log_action=True)
    if pending_draft is not None:
        draft = pending_draft.as_object()
        draft.tables.add(WorkshopTable.objects.get(pk=table.pk))
        draft.save_revision(user=by, log_action=True, clean=False)


def proposal_accept_as_table(
    *,
    proposal: TopicProposal,
    by,
    capacity: int,
    city_moderator_name: str,
    city_moderator_affiliation: str,
    ngo_moderator_name: str,
    ngo_moderator_affiliation: str,
    name: str = "",
    guiding_questions: str = "",
    reason: str = "",
) -> WorkshopTable:
    """Make the proposal a new table of its meeting, published at once; named after the
    proposal unless the coordinator gives another name. Both moderators are required."""
    with transaction.atomic():
        proposal = _lock_undecided(proposal, by)
        table = WorkshopTable(
            workshop=proposal.workshop,
            name=_clean_title(name) or proposal.title,
            capacity=capacity,
            guiding_questions=(guiding_questions or "").strip(),
            city_moderator_name=(city_moderator_name or "").strip(),
            city_moderator_affiliation=(city_moderator_affiliation or "").strip(),
            ngo_moderator_name=(ngo_moderator_name or "").strip(),
            ngo_moderator_affiliation=(ngo_moderator_affiliation or "").strip(),
        )
        table.full_clean(exclude=["workshop", "sort_order"])
        reason = _clean_reason(reason)
        _publish_with_table(proposal.workshop, table, by)
        _decide(proposal, status=ProposalStatus.ACCEPTED, by=by, table=table, reason=reason)
        live.seats_changed(proposal.workshop_id)
    return table


def proposal_merge(
    *, proposal: TopicProposal, table: WorkshopTable, by, reason: str = ""
) -> TopicProposal:
    """Take the proposal up at an existing table of the same meeting."""
    with transaction.atomic():
        proposal = _lock_undecided(proposal, by)
        if table.workshop_id != proposal.workshop_id:
            raise ValidationError(_("This table belongs to another meeting."), code="bad_table")
        _decide(
            proposal, status=ProposalStatus.MERGED, by=by, table=table, reason=_clean_reason(reason)
        )
    return proposal


def proposal_decline(*, proposal: TopicProposal, by, reason: str) -> TopicProposal:
    """Decline the proposal; the proposer is told the reason, so it is required."""
    reason = _clean_reason(reason)
    if not reason:
        raise ValidationError(
            _("Give the reason for declining: the proposer will read it."), code="no_reason"
        )
    with transaction.atomic():
        proposal = _lock_undecided(proposal, by)
        _decide(proposal, status=ProposalStatus.DECLINED, by=by, reason=reason)
    return proposal


# Telling the proposer -----------------------------------------------------------------

_TEMPLATES = {
    ProposalStatus.ACCEPTED: "accepted",
    ProposalStatus.MERGED: "merged",
    ProposalStatus.DECLINED: "declined",
}


def proposal_decided_email(proposal: TopicProposal) -> None:
    """Call inside the decision's transaction: the proposer is e-mailed once it commits."""
    template = _TEMPLATES[proposal.status]
    page = proposal.workshop
    context = {
        "proposal": proposal,
        "page": page,
        "table": proposal.table,
        "url": f"{settings.SITE_URL}{page.url}#propozycje",
    }
    recipient = proposal.user.email

    def send():
        with translation.override(settings.LANGUAGE_CODE):
            subject = render_to_string(
                f"events/email/proposal_{template}_subject.txt", context
            ).strip()
            body = render_to_string(f"events/email/proposal_{template}_message.txt", context)
        send_mail(" ".join(subject.split()), body, None, [recipient])

    if recipient:
        transaction.on_commit(send)
