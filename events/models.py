"""Consultation meetings: table workshops (*spotkania stolikowe*).

A WorkshopPage (Wagtail) holds what the coordinator writes: the meeting, its venue and
deadlines, and its thematic tables, edited inline. What people create — registrations —
lives in the plain `Registration` model that points at a table; the capacity rules are
in events/services.py.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page

from cms.models import SectionIndexPage
from core.pagecache import AnonymousPageCacheMixin, seconds_until_next


class EventIndexPage(SectionIndexPage):
    subpage_types = ["events.WorkshopPage"]

    class Meta:
        verbose_name = _("meetings index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["events"] = self.listed_pages()
        return context

    def listed_pages(self):
        """Every live meeting of the site, wherever it sits: under this index or under the
        consultation it belongs to; the latest first."""
        return (
            WorkshopPage.objects.live()
            .public()
            .descendant_of(self.get_parent())
            .order_by("-starts_at", "-pk")
        )


class WorkshopPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("tables")
        if formset is not None and self.instance.pk:
            self._refuse_removing_tables_with_registrations(formset)
        return cleaned_data

    def _refuse_removing_tables_with_registrations(self, formset):
        """A table is removed when its form is marked for deletion, and also when it is
        missing from the form (added elsewhere, e.g. from a topic proposal, after this
        editor was opened). Refused while people are registered there: they would be lost."""
        kept = {
            form.instance.pk
            for form in formset.forms
            if form.instance.pk and form.data.get(f"{form.prefix}-DELETE") in (None, "", "false")
        }
        removed = WorkshopTable.objects.filter(workshop_id=self.instance.pk).exclude(pk__in=kept)
        taken = removed.annotate(
            active=models.Count("registrations", filter=~Q(registrations__status="anulowana"))
        ).filter(active__gt=0)
        for table in taken:
            self.add_error(
                None,
                _(
                    "The table “%(table)s” has %(count)s registrations: move or "
                    "cancel them before removing the table."
                )
                % {"table": table.name, "count": table.active},
            )


class WorkshopPage(AnonymousPageCacheMixin, RoutablePageMixin, Page):
    """A table meeting: people register for exactly one thematic table."""

    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"), null=True)
    ends_at = models.DateTimeField(_("ends"), null=True)
    venue_address = models.CharField(_("address"), max_length=300, blank=True)
    venue_room = models.CharField(_("room"), max_length=200, blank=True)
    venue_accessibility = models.TextField(
        _("accessibility of the venue"),
        blank=True,
        help_text=_("Step-free entrance, lift, induction loop, toilet, parking…"),
    )
    online_url = models.URLField(_("online link"), blank=True)
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True)
    registration_closes_at = models.DateTimeField(_("registration deadline"), null=True)
    proposals_close_at = models.DateTimeField(
        _("deadline for proposing topics"), null=True, blank=True
    )
    contact = models.CharField(_("contact"), max_length=300, blank=True)
    cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_("Everyone registered is e-mailed when the page is published as cancelled."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("venue_address"),
                FieldPanel("venue_room"),
                FieldPanel("venue_accessibility"),
                FieldPanel("online_url"),
            ],
            heading=_("When and where"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]
                ),
                FieldPanel("proposals_close_at"),
                FieldPanel("contact"),
                FieldPanel("cancelled"),
            ],
            heading=_("Registration"),
        ),
        InlinePanel("tables", label=_("Thematic tables"), min_num=1),
    ]
    parent_page_types = ["events.EventIndexPage", "consultations.ConsultationPage"]
    subpage_types = []
    base_form_class = WorkshopPageForm

    class Meta:
        verbose_name = _("table workshop")
        verbose_name_plural = _("table workshops")

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The meeting must end after it starts.")
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if self.starts_at and closes and closes > self.starts_at:
            errors["registration_closes_at"] = _(
                "The registration deadline must be before the meeting starts."
            )
        if opens and closes and closes <= opens:
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        if self.proposals_close_at:
            if self.starts_at and self.proposals_close_at > self.starts_at:
                errors["proposals_close_at"] = _(
                    "Topics must be proposed before the meeting starts."
                )
            elif (
                self.registration_closes_at
                and self.proposals_close_at > self.registration_closes_at
            ):
                errors["proposals_close_at"] = _(
                    "The deadline for topics cannot be after the registration deadline."
                )
        if errors:
            raise ValidationError(errors)

    def page_cache_timeout(self) -> int:
        """Anonymous readers get a stored copy (core/pagecache.py) until what the page says
        changes by the clock: registration or proposals opening or closing, the meeting."""
        return seconds_until_next(
            self.registration_opens_at,
            self.registration_closes_at,
            self.proposals_close_at,
            self.starts_at,
            self.ends_at,
        )

    @path("")
    def overview(self, request):
        return self.render(request)

    @path("zapisz/")
    def register_view(self, request):
        from events import views

        return views.register(request, self)

    @path("anuluj/")
    def cancel_view(self, request):
        from events import views

        return views.cancel(request, self)

    @path("przenies/")
    def move_view(self, request):
        from events import views

        return views.move(request, self)

    @path("miejsca/")
    def seats_view(self, request):
        from events import views

        return views.seats(request, self)

    @path("zaproponuj-temat/")
    def propose_view(self, request):
        from events import views

        return views.propose(request, self)

    @path("kalendarz/")  # Wagtail's page URLs allow no dot: not "kalendarz.ics"
    def calendar_view(self, request):
        from events.calendar import workshop_ics

        return workshop_ics(request, self)

    def get_context(self, request, *args, **kwargs):
        from events.forms import MoveForm, RegistrationForm
        from events.services import cancellation_refusal, registration_refusal, waiting_position

        context = super().get_context(request, *args, **kwargs)
        if self.pk is None:  # previewing a page not saved yet: its tables are in memory
            context["tables"] = self.tables.all()
        else:
            context["tables"] = (
                WorkshopTable.objects.filter(workshop=self)
                .order_by("sort_order")
                .prefetch_related("areas")
                .annotate(
                    confirmed=models.Count(
                        "registrations", filter=Q(registrations__status="potwierdzona")
                    ),
                    waiting=models.Count(
                        "registrations", filter=Q(registrations__status="oczekujaca")
                    ),
                )
            )
        mine = None
        if self.pk is not None and request.user.is_authenticated:
            mine = (
                Registration.objects.active()
                .filter(workshop=self, user=request.user)
                .select_related("table")
                .first()
            )
            if mine is not None:
                mine.workshop = self
                mine.position = waiting_position(mine)
                mine.cancellation_refusal = cancellation_refusal(registration=mine)
                context.setdefault("move_form", MoveForm(registration=mine))
        context["my_registration"] = mine
        context["registration_refusal"] = registration_refusal(workshop=self, user=request.user)
        context.setdefault("registration_form", RegistrationForm(workshop=self, user=request.user))
        return context

    def registration_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            not self.cancelled
            and self.registration_opens_at is not None
            and self.registration_closes_at is not None
            and self.registration_opens_at <= now < self.registration_closes_at
        )


class SeatsField(models.PositiveSmallIntegerField):
    """A number of seats: at least one, also in the editor's form (a plain positive field
    would tell the editor "0 or more", which is not the rule)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"min_value": 1, **kwargs})


class WorkshopTable(Orderable, ClusterableModel):
    """One thematic table, with its capacity and its two moderators (city and NGO side).

    Clusterable, so that its `areas` (a ParentalManyToManyField) are kept in the page's
    revisions and saved when the page is; on a plain model they were silently dropped."""

    workshop = ParentalKey(WorkshopPage, on_delete=models.CASCADE, related_name="tables")
    name = models.CharField(_("name"), max_length=200)
    areas = ParentalManyToManyField(
        "organisations.PublicTaskArea", verbose_name=_("areas of public tasks"), blank=True
    )
    guiding_questions = models.TextField(_("guiding questions"), blank=True)
    introduction = models.TextField(_("host's introduction"), blank=True)
    capacity = SeatsField(_("seats"), default=10, validators=[MinValueValidator(1)])
    city_moderator_name = models.CharField(_("city-side moderator"), max_length=200, blank=True)
    city_moderator_affiliation = models.CharField(
        _("city-side moderator's unit"), max_length=200, blank=True
    )
    city_moderator_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("city-side moderator's account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ngo_moderator_name = models.CharField(_("NGO-side moderator"), max_length=200, blank=True)
    ngo_moderator_affiliation = models.CharField(
        _("NGO-side moderator's organisation"), max_length=200, blank=True
    )
    ngo_moderator_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("NGO-side moderator's account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("areas"),
        FieldPanel("capacity"),
        FieldPanel("guiding_questions"),
        FieldPanel("introduction"),
        FieldRowPanel(
            [FieldPanel("city_moderator_name"), FieldPanel("city_moderator_affiliation")]
        ),
        FieldPanel("city_moderator_user"),
        FieldRowPanel([FieldPanel("ngo_moderator_name"), FieldPanel("ngo_moderator_affiliation")]),
        FieldPanel("ngo_moderator_user"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("thematic table")
        verbose_name_plural = _("thematic tables")
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="table_has_a_seat")
        ]

    def __str__(self):
        return self.name

    @property
    def seats_left(self) -> int:
        """Free seats, from the `confirmed` count the page annotates (0 taken if absent)."""
        return max(self.capacity - getattr(self, "confirmed", 0), 0)

    def clean(self):
        super().clean()
        errors = {}
        for side, label in (("city", _("city-side")), ("ngo", _("NGO-side"))):
            name = getattr(self, f"{side}_moderator_name")
            affiliation = getattr(self, f"{side}_moderator_affiliation")
            if not name:
                errors[f"{side}_moderator_name"] = _(
                    "Every table has two moderators: name the %(side)s one."
                ) % {"side": label}
            elif not affiliation:
                errors[f"{side}_moderator_affiliation"] = _(
                    "Say where the %(side)s moderator comes from."
                ) % {"side": label}
        if errors:
            raise ValidationError(errors)


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "potwierdzona", pgettext_lazy("registration", "confirmed")
    WAITING = "oczekujaca", pgettext_lazy("registration", "on the waiting list")
    CANCELLED = "anulowana", pgettext_lazy("registration", "cancelled")


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=RegistrationStatus.CANCELLED)

    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waiting(self):
        return self.filter(status=RegistrationStatus.WAITING).order_by("created_at", "pk")


class ClaimedOrganisation:
    """Who someone says they act for. Only `organisation`, set after the city confirmed them
    as its representative (organisations.services.representation_check), is the
    organisation; a name typed into the form is anyone's claim: staff and the exports see it
    marked as not confirmed, and public pages and counts do not show it as an organisation."""

    @property
    def organisation_confirmed(self) -> bool:
        return self.organisation_id is not None

    @property
    def organisation_label(self) -> str:
        if self.organisation_confirmed or not self.organisation_name:
            return self.organisation_name
        return gettext("%(name)s (not confirmed)") % {"name": self.organisation_name}

    @property
    def organisation_confirmed_label(self) -> str:
        if not self.organisation_name:
            return ""
        return (
            pgettext("organisation", "yes")
            if self.organisation_confirmed
            else pgettext("organisation", "no")
        )


class Registration(ClaimedOrganisation, models.Model):
    """One person at one table of one workshop; confirmed or on the waiting list."""

    # Deleting a meeting takes its registrations with it; the admin refuses to delete one
    # that still has active registrations (wagtail_hooks.py), the editor to drop such a table.
    workshop = models.ForeignKey(
        WorkshopPage, on_delete=models.CASCADE, related_name="registrations"
    )
    table = models.ForeignKey(WorkshopTable, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    organisation_name = models.CharField(_("organisation"), max_length=300, blank=True)
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    cancellation_notice_sent_at = models.DateTimeField(
        _("told of the meeting's cancellation"), null=True, blank=True
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "user"],
                condition=~Q(status="anulowana"),
                name="one_active_registration_per_person",
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.table}"


class ProposalStatus(models.TextChoices):
    SUBMITTED = "zgloszona", _("submitted")
    ACCEPTED = "przyjeta", _("accepted as a new table")
    MERGED = "wlaczona", _("merged into a table")
    DECLINED = "odrzucona", _("declined")


class TopicProposal(ClaimedOrganisation, models.Model):
    """An extra topic someone proposes for a table meeting, until the proposals deadline.

    The coordinator accepts it as a new table, merges it into an existing table, or
    declines it with a reason; the proposer is told (events/proposals.py)."""

    workshop = models.ForeignKey(
        WorkshopPage, on_delete=models.CASCADE, related_name="topic_proposals"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="topic_proposals"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="topic_proposals",
    )
    organisation_name = models.CharField(_("organisation"), max_length=300, blank=True)
    title = models.CharField(_("topic"), max_length=200)
    description = models.TextField(_("why it matters"), max_length=3000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.SUBMITTED
    )
    table = models.ForeignKey(
        WorkshopTable,
        verbose_name=_("table"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="topic_proposals",
        help_text=_("The new table made from the proposal, or the table it was merged into."),
    )
    decision_reason = models.TextField(_("reason"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)

    class Meta:
        verbose_name = _("topic proposal")
        verbose_name_plural = _("topic proposals")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.title
