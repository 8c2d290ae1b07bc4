"""Comments and formal remarks on drafts.

One thread model, `Comment`, extends django-comments-xtd's `XtdComment` (its supported
seam: COMMENTS_XTD_MODEL), so xtd keeps the thread maths (`thread_id`, `order`, `level`).
The target object is always the ConsultationPage; a comment on one paragraph also keeps the
paragraph's stable identifier, its number and text as the author saw them, and the public
version it was made on, so it stays readable when a later version rewrites or removes it.

Everything a reader sees is rendered once, when the comment is written (`body_html`, see
core/text.py), never per request.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.models import XtdComment

from comments.attachments import private_storage, validate_scan


class Kind(models.TextChoices):
    COMMENT = "komentarz", _("comment")
    REMARK = "uwaga", _("formal remark")


class Status(models.TextChoices):
    PUBLISHED = "opublikowany", _("published")
    AWAITING = "oczekuje", _("awaiting moderation")
    REPORTED = "zgloszony", _("hidden after reports, awaiting review")
    HIDDEN = "ukryty", _("hidden by a moderator")


class Outcome(models.TextChoices):
    ACCEPTED = "uwzgledniono", _("accepted")
    PARTLY_ACCEPTED = "czesciowo", _("partly accepted")
    REJECTED = "nie_uwzgledniono", _("not accepted")
    EXPLAINED = "wyjasniono", _("explained")
    NOT_CONSIDERED = "bez_rozpatrzenia", _("left without consideration")


class Channel(models.TextChoices):
    """How a remark reached the city. Everything but `online` is typed in by staff."""

    ONLINE = "online", _("online, on this platform")
    PAPER = "papier", _("on paper")
    EMAIL = "e-mail", _("by e-mail")
    EPUAP = "epuap", _("through ePUAP")
    MEETING = "spotkanie", _("at a consultation meeting")


class Position(models.Model):
    """The city's answer to one or more identical remarks (*stanowisko*)."""

    page = models.ForeignKey(
        "consultations.ConsultationPage", on_delete=models.CASCADE, related_name="positions"
    )
    outcome = models.CharField(_("position"), max_length=20, choices=Outcome.choices)
    justification = models.TextField(_("justification"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), auto_now=True)

    class Meta:
        verbose_name = _("position of the city")
        verbose_name_plural = _("positions of the city")

    def __str__(self):
        return self.get_outcome_display()


MODERATE_PERMISSION = "comments.moderate_comment"


class CommentQuerySet(models.QuerySet):
    def on_page(self, page):
        from django.contrib.contenttypes.models import ContentType

        return self.filter(
            content_type=ContentType.objects.get_for_model(page, for_concrete_model=False),
            object_pk=str(page.pk),
        )

    def visible_to(self, user):
        """What a reader may see: published ones, placeholders of hidden ones, and the
        reader's own comments awaiting moderation."""
        shown = ~Q(status=Status.AWAITING)
        if user.is_authenticated:
            shown |= Q(user=user)
        return self.in_discussion().filter(shown)

    def readable_by(self, user):
        """Comments whose text and author `user` may read wherever a route names one by its
        id (edit, delete, react, report, reply): what the discussion shows in full to them.
        Published ones that their author has not withdrawn; the reader's own awaiting
        moderation; for moderators also the hidden ones (the discussion shows them in full to
        moderators). Everything else is a placeholder or absent, so these routes answer 404."""
        shown = Q(status=Status.PUBLISHED)
        if user.is_authenticated:
            shown |= Q(user=user, status=Status.AWAITING)
            if user.has_perm(MODERATE_PERMISSION):
                shown |= Q(status__in=[Status.HIDDEN, Status.REPORTED])
        return self.in_discussion().filter(shown, is_removed=False)

    def moderatable_by(self, user):
        """What `user` may open on the moderation route: for moderators every comment of the
        discussion their author has not withdrawn, awaiting and hidden ones included; for
        anyone else nothing."""
        if not user.is_authenticated or not user.has_perm(MODERATE_PERMISSION):
            return self.none()
        return self.in_discussion().filter(is_removed=False)

    def in_discussion(self):
        """Remarks that came on paper, by e-mail or through ePUAP are in the report only."""
        return self.filter(channel=Channel.ONLINE)


class Comment(XtdComment):
    xtdcomment_ptr = models.OneToOneField(
        XtdComment,
        parent_link=True,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="consultation_comment",  # XtdComment has a field called `comment`
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.COMMENT)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PUBLISHED
    )
    body_html = models.TextField(editable=False, default="")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    organisation_name = models.CharField(_("organisation"), max_length=300, blank=True)
    is_official = models.BooleanField(_("position of the city office"), default=False)

    # The anchor: empty paragraph_id = the whole draft.
    paragraph_id = models.CharField(_("paragraph"), max_length=64, blank=True, db_index=True)
    paragraph_label = models.CharField(_("paragraph number"), max_length=40, blank=True)
    paragraph_text = models.TextField(_("paragraph text when commented"), blank=True)
    version = models.ForeignKey(
        "consultations.DraftVersion",
        verbose_name=_("version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )

    # A formal remark, as on the consultation form.
    fragment = models.CharField(_("fragment of the draft"), max_length=200, blank=True)
    current_wording = models.TextField(_("current wording"), blank=True)
    proposed_wording = models.TextField(_("proposed wording"), blank=True)
    justification = models.TextField(_("justification"), blank=True)
    position = models.ForeignKey(
        Position,
        verbose_name=_("position of the city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="remarks",
    )

    # Where the remark came from; remarks from other channels are entered by staff and
    # appear in the report, not in the online discussion.
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    received_at = models.DateTimeField(_("received"), null=True, blank=True)
    is_late = models.BooleanField(_("received after the closing date"), default=False)
    formal_defect = models.CharField(_("formal defect"), max_length=300, blank=True)
    attachment = models.FileField(
        _("attachment"),
        storage=private_storage,  # never under MEDIA_ROOT: see comments/attachments.py
        upload_to="uwagi/%Y/%m/",
        blank=True,
        validators=[validate_scan],
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    changed_at = models.DateTimeField(auto_now=True, db_index=True)  # set by every update too
    moderation_reason = models.CharField(_("reason"), max_length=300, blank=True)
    agree_count = models.PositiveIntegerField(default=0)
    disagree_count = models.PositiveIntegerField(default=0)
    report_count = models.PositiveIntegerField(default=0)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        permissions = [
            ("moderate_comment", _("Can hide and restore comments and block commenters")),
            ("post_official", _("Can answer as the city office and give positions on remarks")),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}: {self.comment[:60]}"

    @property
    def is_remark(self) -> bool:
        return self.kind == Kind.REMARK

    @property
    def fragment_label(self) -> str:
        """What a remark is about, as the report names it: the fragment the author wrote,
        else the paragraph's number, else the whole draft."""
        return self.fragment or self.paragraph_label or str(_("the whole draft"))

    # The same names as comments.selectors.CommentRow, for comments.rendering.
    @property
    def version_number(self):
        return self.version.number if self.version_id else None

    @property
    def position_label(self) -> str:
        return self.position.get_outcome_display() if self.position_id else ""

    @property
    def position_justification(self) -> str:
        return self.position.justification if self.position_id else ""


class CommentRevision(models.Model):
    """The text a comment had before its author edited it: for moderators only (the
    moderation queue and the moderation page), so an edit after approval is never unseen."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="revisions")
    text = models.TextField(_("previous text"))
    status = models.CharField(_("status before the edit"), max_length=12, choices=Status.choices)
    edited_at = models.DateTimeField(_("edited"), auto_now_add=True)

    class Meta:
        verbose_name = _("earlier version of a comment")
        verbose_name_plural = _("earlier versions of comments")
        ordering = ["-edited_at", "-pk"]

    def __str__(self):
        return f"{self.comment_id} ({self.edited_at:%Y-%m-%d %H:%M})"


class Reaction(models.Model):
    """Agree or disagree: one per person per comment (a database constraint)."""

    class Value(models.IntegerChoices):
        AGREE = 1, _("I agree")
        DISAGREE = -1, _("I disagree")

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    value = models.SmallIntegerField(choices=Value.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "user"], name="one_reaction_per_person")
        ]

    def __str__(self):
        return f"{self.get_value_display()} ({self.comment_id})"


class Report(models.Model):
    """Someone asks the moderators to look at a comment, and says why."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(fields=["comment", "user"], name="one_report_per_person")
        ]

    def __str__(self):
        return self.reason


class CommentingBlock(models.Model):
    """A person a moderator has stopped from commenting."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="commenting_block"
    )
    reason = models.CharField(_("reason"), max_length=300)
    blocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("blocked commenter")
        verbose_name_plural = _("blocked commenters")

    def __str__(self):
        return f"{self.user}: {self.reason}"


class ModerationAction(models.TextChoices):
    HIDE = "ukrycie", _("hidden")
    RESTORE = "przywrocenie", _("restored")
    APPROVE = "zatwierdzenie", _("approved")
    AUTO_HIDE = "ukrycie_auto", _("hidden after reports")
    BLOCK = "blokada", _("person blocked")
    UNBLOCK = "odblokowanie", _("person unblocked")


class ModerationLogEntry(models.Model):
    """Who did what to which comment or person, when and why: never edited or deleted."""

    action = models.CharField(_("action"), max_length=20, choices=ModerationAction.choices)
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.SET_NULL, related_name="moderation_log"
    )
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_action_display()} {self.created_at:%Y-%m-%d %H:%M}"
