"""Consultations of draft local acts.

A ConsultationPage carries the notice a gmina must publish (subject, goal, addressees,
forms, dates, responsible unit, contact) and the draft itself as chapters of numbered
paragraphs. Each paragraph is a StreamField block: its id, kept by Wagtail across edits
and revisions, is the paragraph's stable identifier (`id="p-<identifier>"` on the page),
which comments will point at.
"""

import uuid
from datetime import timedelta
from typing import ClassVar

from anyascii import anyascii
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.models import GminaSettings, SectionIndexPage
from core.pagecache import AnonymousPageCacheMixin, seconds_until_next
from core.pageviews import record_view, view_count
from organisations.models import PublicTaskArea

# --- The draft: chapters of numbered paragraphs -------------------------------------------


class ParagraphBlock(blocks.StructBlock):
    label = blocks.CharBlock(
        label=capfirst(_("number")),
        max_length=40,
        help_text=_("As in the act, e.g. “§ 6 ust. 2 pkt 5”."),
    )
    text = blocks.TextBlock(label=capfirst(_("text")))

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")


class ChapterBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=capfirst(_("chapter title")), help_text=_("E.g. “Rozdział 2. Cele programu”.")
    )
    paragraphs = blocks.StreamBlock(
        [("paragraph", ParagraphBlock())], label=capfirst(_("paragraphs"))
    )

    class Meta:
        icon = "doc-full"
        label = _("Chapter")


# The eleven elements every cooperation programme must contain (art. 5a ust. 4 of the Act).
PROGRAMME_CHAPTERS = [
    "Cel główny i cele szczegółowe programu",
    "Zasady współpracy",
    "Zakres przedmiotowy",
    "Formy współpracy",
    "Priorytetowe zadania publiczne",
    "Okres realizacji programu",
    "Sposób realizacji programu",
    "Wysokość środków planowanych na realizację programu",
    "Sposób oceny realizacji programu",
    "Informacja o sposobie tworzenia programu oraz o przebiegu konsultacji",
    "Tryb powoływania i zasady działania komisji konkursowych",
]


def programme_template() -> list:
    """The chapters a new cooperation programme starts with: the statutory eleven between
    general and final provisions, to be filled in by the editor."""
    titles = [
        "Rozdział 1. Postanowienia ogólne",
        *(f"Rozdział {number}. {name}" for number, name in enumerate(PROGRAMME_CHAPTERS, start=2)),
        f"Rozdział {len(PROGRAMME_CHAPTERS) + 2}. Postanowienia końcowe",
    ]
    return [("chapter", {"title": title, "paragraphs": []}) for title in titles]


# --- The consultation page ------------------------------------------------------------------


# What a notice must say before the consultation can be published (the local resolution).
NOTICE_FIELDS = (
    "subject",
    "goal",
    "addressees",
    "forms",
    "opens_at",
    "closes_at",
    "responsible_unit",
    "contact_person",
    "contact_email",
)


class Addressees(models.TextChoices):
    NGOS = "ngo", _("NGOs and entities of art. 3 ust. 3")
    NGOS_AND_RESIDENTS = "ngo_mieszkancy", _("NGOs and residents")
    EVERYONE = "wszyscy", _("everyone")


class ConsultationForm(models.TextChoices):
    ONLINE_COMMENTS = "komentarze", _("comments on the draft on this platform")
    REMARK_FORM = "formularz", _("remarks on the consultation form (online, e-mail, paper, ePUAP)")
    OPEN_MEETING = "spotkanie", _("open consultation meeting")
    TABLE_MEETING = "stoliki", _("table meeting (thematic tables)")
    COUNCIL_OPINION = "opinia_rdpp", _("opinion of the public benefit council")
    DUTY_HOURS = "dyzur", _("consultation duty hours")


class ConsultationStatus(models.TextChoices):
    PLANNED = "zapowiedziane", _("announced")
    OPEN = "trwajace", _("open")
    CLOSED = "zakonczone", _("closed")
    REPORTED = "raport", _("report published")


def ascii_slug(text: str) -> str:
    """`Program opieki nad zwierzętami` → `program-opieki-nad-zwierzetami`: no %C4%99 in links."""
    return slugify(anyascii(text))


class PublicationRefused(ValidationError):
    """A consultation whose notice is incomplete does not go live, by whichever path
    (ConsultationPage.publish): the message names what is missing."""

    def __init__(self, page, problems: dict[str, str]):
        self.page_id = page.pk
        self.problems = problems

        def label(name):
            return str(page._meta.get_field(name).verbose_name)

        missing = [label(name) for name in NOTICE_FIELDS if not getattr(page, name)]
        other = [
            f"{label(name)}: {problem}" for name, problem in problems.items() if getattr(page, name)
        ]
        parts = [_("The notice of the consultation is incomplete, so it cannot be published.")]
        if missing:
            parts.append(_("Fill in: %(fields)s.") % {"fields": ", ".join(missing)})
        parts.extend(other)
        super().__init__(" ".join(str(part) for part in parts), code="notice_incomplete")


# The editor's actions that lead to publication: each needs a complete notice. A coordinator's
# submission for approval is refused as early as the publication itself.
PUBLICATION_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow")


class ConsultationPageForm(WagtailAdminPageForm):
    forms = forms.MultipleChoiceField(
        label=capfirst(_("forms of consultation")),
        choices=ConsultationForm.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean_slug(self):
        """A slug typed with Polish letters reads as plain letters in the address (ł → l);
        an existing page keeps the address it has."""
        slug = self.cleaned_data["slug"]
        return slug if slug == self.instance.slug else ascii_slug(slug)

    def clean(self):
        cleaned_data = super().clean()
        approving = (
            "action-workflow-action" in self.data
            and self.data.get("workflow-action-name") == "approve"
        )
        if approving or any(action in self.data for action in PUBLICATION_ACTIONS):
            page = self.instance
            for name in NOTICE_FIELDS:
                setattr(page, name, cleaned_data.get(name))
            gmina = GminaSettings.for_site(self.parent_page.get_site())
            for field, message in page.publication_problems(gmina).items():
                if field in self.fields and field not in self.errors:
                    self.add_error(field, message)
                elif field not in self.fields:
                    self.add_error(None, message)
        return cleaned_data


class ConsultationPage(AnonymousPageCacheMixin, RoutablePageMixin, Page):
    subject = models.TextField(
        _("subject of the consultation"), blank=True, help_text=_("Which draft act is consulted.")
    )
    goal = models.TextField(_("goal"), blank=True)
    addressees = models.CharField(
        _("who may take part"), max_length=20, choices=Addressees.choices, blank=True
    )
    forms = models.JSONField(_("forms of consultation"), default=list, blank=True)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    responsible_unit = models.CharField(_("responsible unit"), max_length=200, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    areas = ParentalManyToManyField(
        "organisations.PublicTaskArea", verbose_name=_("areas of public tasks"), blank=True
    )
    is_cooperation_programme = models.BooleanField(
        _("cooperation programme"),
        default=False,
        help_text=_("The editor then checks the eleven chapters required by art. 5a ust. 4."),
    )
    draft = StreamField(
        [("chapter", ChapterBlock())],
        verbose_name=_("draft document"),
        blank=True,
        default=programme_template,
    )
    comments_premoderated = models.BooleanField(
        _("comments need a moderator's approval"),
        default=False,
        help_text=_("Comments and remarks appear only after a moderator approves them."),
    )
    report_published_at = models.DateTimeField(
        _("report published"), null=True, blank=True, editable=False
    )
    # Written on the report's admin page (reporting/admin_views.py), not in revisions.
    report_summary = models.TextField(_("summary of the report"), blank=True, editable=False)
    produced_by = models.CharField(
        _("information produced by"),
        max_length=300,
        blank=True,
        help_text=_("Who produced the information or answers for it, e.g. the head of the unit."),
    )
    council_opinion_requested_on = models.DateField(
        _("draft sent to the public benefit council on"), null=True, blank=True
    )
    council_opinion_received_on = models.DateField(_("opinion received on"), null=True, blank=True)
    council_opinion = models.TextField(_("opinion of the council"), blank=True)
    council_opinion_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("opinion as a file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    base_form_class = ConsultationPageForm
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("subject"),
                FieldPanel("goal"),
                FieldPanel("addressees"),
                FieldPanel("forms"),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("areas"),
            ],
            heading=_("Notice"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("responsible_unit"),
                FieldPanel("contact_person"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
            ],
            heading=_("Responsible unit and contact"),
        ),
        FieldPanel("is_cooperation_programme"),
        FieldPanel("comments_premoderated"),
        FieldPanel("draft"),
        MultiFieldPanel(
            [
                FieldPanel("council_opinion_requested_on"),
                FieldPanel("council_opinion_received_on"),
                FieldPanel("council_opinion"),
                FieldPanel("council_opinion_document"),
            ],
            heading=_("Opinion of the public benefit council (art. 41i: 14 days)"),
        ),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("produced_by")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("subject"),
        index.SearchField("goal"),
        index.SearchField("public_draft_text"),
    ]

    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = ["events.WorkshopPage"]

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        permissions = [
            ("publish_consultation", _("Can approve and publish a consultation")),
        ]

    def permissions_for_user(self, user):
        from consultations.workflow import ConsultationPermissionTester

        return ConsultationPermissionTester(user, self)

    # --- Status and dates (computed, never stored) ---

    def status(self, now=None) -> ConsultationStatus:
        now = now or timezone.now()
        if self.report_published_at:
            return ConsultationStatus.REPORTED
        if self.opens_at is None or now < self.opens_at:
            return ConsultationStatus.PLANNED
        if self.closes_at is None or now < self.closes_at:
            return ConsultationStatus.OPEN
        return ConsultationStatus.CLOSED

    @property
    def is_open(self) -> bool:
        return self.status() == ConsultationStatus.OPEN

    def report_deadline(self, gmina: GminaSettings):
        if self.closes_at is None:
            return None
        closing_day = timezone.localtime(self.closes_at).date()
        return closing_day + timedelta(days=gmina.report_deadline_days)

    def form_labels(self) -> list[str]:
        labels = dict(ConsultationForm.choices)
        return [labels[value] for value in self.forms if value in labels]

    # --- The public benefit council's opinion (art. 41i ust. 2: 14 days, else waived) ---

    COUNCIL_DAYS = 14

    @property
    def council_opinion_due_on(self):
        if self.council_opinion_requested_on is None:
            return None
        return self.council_opinion_requested_on + timedelta(days=self.COUNCIL_DAYS)

    def council_opinion_state(self, today=None) -> str:
        """ "" (not asked), "given", "pending" or "not_given" (the 14 days passed)."""
        if self.council_opinion_requested_on is None:
            return ""
        if self.council_opinion or self.council_opinion_document_id:
            return "given"
        today = today or timezone.localdate()
        return "pending" if today <= self.council_opinion_due_on else "not_given"

    # --- Publication rules ---

    def publication_problems(self, gmina: GminaSettings) -> dict[str, str]:
        """What keeps the notice from being published, by field: empty when complete."""
        required = _("Required before the consultation can be published.")
        problems = {name: required for name in NOTICE_FIELDS if not getattr(self, name)}
        if self.opens_at and self.closes_at:
            if self.closes_at <= self.opens_at:
                problems["closes_at"] = _("The consultation must close after it opens.")
            elif self.closes_at - self.opens_at < timedelta(days=gmina.minimum_duration_days):
                problems["closes_at"] = _(
                    "The local rules require at least %(days)s days of consultation."
                ) % {"days": gmina.minimum_duration_days}
        return problems

    def publication_refusal(self) -> PublicationRefused | None:
        """Why this state of the page may not go live, naming the fields, or None."""
        problems = self.publication_problems(GminaSettings.for_site(self.get_site()))
        return PublicationRefused(self, problems) if problems else None

    def publish(self, revision, *args, **kwargs):
        """The one gate of every path that puts a consultation live: the editor's Publish,
        the workflow's approval, scheduled publishing, bulk actions, an older revision."""
        refusal = revision.as_object().publication_refusal()
        if refusal is not None:
            if revision.approved_go_live_at:  # scheduled: not retried every minute
                revision.approved_go_live_at = None
                revision.save(update_fields=["approved_go_live_at"])
            raise refusal
        return super().publish(revision, *args, **kwargs)

    def _set_core_field_defaults(self):
        # Wagtail makes a missing slug from the title with Django's slugify, which drops
        # letters such as "ł" instead of transliterating them.
        if not self.slug and (self.path or getattr(self, "_cached_parent_obj", None)):
            base_slug = ascii_slug(self.title or "")
            if base_slug:
                self.slug = self._get_autogenerated_slug(base_slug)
        super()._set_core_field_defaults()

    # --- The draft ---

    def clean(self):
        super().clean()
        self._ensure_paragraph_ids()

    def _ensure_paragraph_ids(self) -> None:
        """Give every paragraph its identifier now, once. Wagtail assigns ids to the top-level
        blocks of a stream written as raw data, but not to blocks nested inside them, so a
        paragraph added by code would otherwise have none (and no stable anchor)."""
        stream = self.draft.get_prep_value()
        missing = False
        for chapter in stream:
            for paragraph in chapter.get("value", {}).get("paragraphs", []):
                if not paragraph.get("id"):
                    paragraph["id"] = str(uuid.uuid4())
                    missing = True
        if missing:
            self.draft = stream
            self.__dict__.pop("chapters", None)

    @cached_property
    def chapters(self) -> list[dict]:
        """The draft as plain data for the table of contents and the text: no queries."""
        return [
            {
                "id": chapter.id,
                "title": chapter.value["title"],
                "paragraphs": [
                    {
                        "id": paragraph.id,
                        "label": paragraph.value["label"],
                        "text": paragraph.value["text"],
                    }
                    for paragraph in chapter.value["paragraphs"]
                ],
            }
            for chapter in self.draft
        ]

    def public_draft_text(self) -> str:
        """The text of the newest public version: what search finds. Editorial changes
        made since are not public, so they are not searchable either."""
        version = self.versions.order_by("-number").first() if self.pk else None
        if version is None:
            return ""
        return "\n".join(
            f"{chapter['title']}\n"
            + "\n".join(f"{p['label']} {p['text']}" for p in chapter["paragraphs"])
            for chapter in version.chapters
        )

    def missing_programme_chapters(self) -> list[str]:
        """Which of the eleven statutory chapters no chapter title mentions yet."""
        titles = " ".join(chapter["title"].lower() for chapter in self.chapters)
        return [name for name in PROGRAMME_CHAPTERS if name.lower() not in titles]

    # What the apps above add to the page (comments: the discussion and the statistics of
    # remarks), each a function (request, page, context) -> dict registered from its
    # AppConfig.ready: the page imports none of them.
    context_providers: ClassVar[list] = []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        gmina = GminaSettings.for_request(request)
        versions = list(self.versions.select_related("published_by"))
        context["gmina"] = gmina
        context["status"] = self.status()
        context["report_deadline"] = self.report_deadline(gmina)
        context["areas"] = self.areas.order_by("sort_key")
        context["versions"] = versions
        context.setdefault("version", versions[-1] if versions else None)
        context["metadata"] = self.publication_metadata()
        context["council_state"] = self.council_opinion_state()
        context["view_count"] = view_count(self.pk)
        for provide in self.context_providers:
            context.update(provide(request, self, context))
        return context

    def publication_metadata(self) -> dict:
        """The BIP *metryczka*: all dates and people set by the server, never typed in."""
        from wagtail.models import PageLogEntry

        first_revision = self.revisions.order_by("created_at").only("created_at").first()
        first_publication = (
            PageLogEntry.objects.filter(page=self, action="wagtail.publish")
            .select_related("user")
            .order_by("timestamp")
            .first()
        )
        return {
            "produced_by": self.produced_by or self.responsible_unit,
            "unit": self.responsible_unit,
            "produced_at": first_revision.created_at if first_revision else None,
            "published_by": first_publication.user if first_publication else None,
            "first_published_at": self.first_published_at,
            "last_changed_at": self.last_published_at,
        }

    # --- Anonymous readers get a stored copy (core/pagecache.py) ---

    page_cache_counts_views = True

    def page_cache_timeout(self) -> int:
        return seconds_until_next(self.opens_at, self.closes_at)  # the status changes then

    @path("")
    def current(self, request):
        record_view(request, self.pk)
        return self.render(request)

    @path("wersja/<id:number>/")
    def version(self, request, number):
        version = self.versions.filter(number=number).first()
        if version is None:
            raise Http404
        return self.render(request, context_overrides={"version": version, "archived": True})

    # --- The report: reporting/urls.py serves it; its public addresses are these, under the page
    # (Wagtail's page URLs allow no dot, hence `…/raport/pdf/`).

    @path("raport/", name="report")
    def report(self, request):
        return self.served_by(request, reverse("reporting:report", args=[self.pk]))

    @re_path(r"^raport/(?P<rest>(?:podglad/|wydanie/[0-9]{1,9}/)?(?:[-a-zA-Z0-9_]+/)?)$")
    def report_files(self, request, rest):
        return self.served_by(request, reverse("reporting:report", args=[self.pk]) + rest)

    def with_content_json(self, content):
        """The report's publication belongs to no revision: publishing an older revision
        must not take it back."""
        page = super().with_content_json(content)
        page.report_published_at = self.report_published_at
        page.report_summary = self.report_summary
        return page

    @path("porownaj/")
    def compare_versions(self, request):
        from consultations.diff import compare

        versions = {version.number: version for version in self.versions.all()}
        try:
            old = versions[int(request.GET.get("od", ""))]
            new = versions[int(request.GET.get("do", ""))]
        except (KeyError, ValueError) as error:
            raise Http404 from error
        changes = compare(old.chapters, new.chapters)
        changed = sum(1 for change in changes if change.number)
        only_changes = request.GET.get("tylko_zmiany") == "1"
        return TemplateResponse(
            request,
            "consultations/compare.html",
            {
                "page": self,
                "old": old,
                "new": new,
                "versions": sorted(versions.values(), key=lambda version: version.number),
                "changes": [change for change in changes if change.number]
                if only_changes
                else changes,
                "changed": changed,
                "only_changes": only_changes,
            },
        )

    # --- Addresses of the apps above: their own URL modules serve them (consultations/routes.py).
    # These old addresses under the page stay for links in e-mails, cached pages and scripts.

    def served_by(self, request, url: str):
        """The response of the view at `url` (a path from `reverse`) to this request."""
        match = resolve(url)
        return match.func(request, *match.args, **match.kwargs)

    @re_path(
        r"^dyskusja/(?P<rest>(?:dodaj|zmiany|[0-9]{1,9}(?:/edytuj|/usun|/reakcja|/zglos|/moderuj)?)/)$"
    )
    def discussion(self, request, rest):
        return self.served_by(request, reverse("comments:discussion", args=[self.pk]) + rest)

    @path("obserwuj/")
    def follow(self, request):
        return self.served_by(request, reverse("subscriptions:follow", args=[self.pk]))

    def get_absolute_url(self):  # django-comments-xtd links back through this
        return self.url


class ConsultationIndexPage(AnonymousPageCacheMixin, RoutablePageMixin, SectionIndexPage):
    subpage_types = ["consultations.ConsultationPage"]

    def page_cache_timeout(self) -> int:
        """Until the next consultation opens or closes: the index groups them by status."""
        moments = (
            ConsultationPage.objects.child_of(self).live().values_list("opens_at", "closes_at")
        )
        return seconds_until_next(*(moment for pair in moments for moment in pair))

    @path("")
    def listing(self, request):
        return self.render(request)

    @path("kanal/")
    def feed(self, request):
        from consultations.feeds import NewConsultationsFeed

        return NewConsultationsFeed(self)(request)

    class Meta:
        verbose_name = _("consultations index")

    def permissions_for_user(self, user):
        from consultations.workflow import ConsultationIndexPermissionTester

        return ConsultationIndexPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        consultations = (
            ConsultationPage.objects.child_of(self).live().public().order_by("-opens_at")
        )
        area = request.GET.get("sfera", "")
        year = request.GET.get("rok", "")
        query = request.GET.get("q", "").strip()[:200]
        if query:
            found = ConsultationPage.objects.child_of(self).live().search(query)
            consultations = consultations.filter(pk__in=[page.pk for page in found])
        if area:
            consultations = consultations.filter(areas__number=area)
        if year.isdigit():
            consultations = consultations.filter(opens_at__year=int(year))
        now = timezone.now()
        groups = {status: [] for status in ConsultationStatus}
        for consultation in consultations:
            groups[consultation.status(now)].append(consultation)
        context["groups"] = [
            (ConsultationStatus(status), items)
            for status, items in (
                (ConsultationStatus.OPEN, groups[ConsultationStatus.OPEN]),
                (ConsultationStatus.PLANNED, groups[ConsultationStatus.PLANNED]),
                (ConsultationStatus.CLOSED, groups[ConsultationStatus.CLOSED]),
                (ConsultationStatus.REPORTED, groups[ConsultationStatus.REPORTED]),
            )
        ]
        context["has_consultations"] = any(groups.values())
        context["all_areas"] = PublicTaskArea.objects.in_force()
        context["filtered"] = bool(area or year.isdigit() or query)
        context["query"] = query
        context["years"] = sorted(
            {
                opens.year
                for opens in ConsultationPage.objects.child_of(self)
                .live()
                .values_list("opens_at", flat=True)
                if opens
            },
            reverse=True,
        )
        return context


class DraftVersion(models.Model):
    """A numbered public version of the draft: what residents read and comment on.

    The text is a snapshot taken when the coordinator publishes the version, so editorial
    revisions of the page in between are not public.
    """

    page = models.ForeignKey(ConsultationPage, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    label = models.CharField(
        _("label"), max_length=200, help_text=_("E.g. “projekt do konsultacji”.")
    )
    change_note = models.TextField(_("what changed"), blank=True)
    chapters = models.JSONField(editable=False)
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("public version")
        verbose_name_plural = _("public versions")
        ordering = ["page", "number"]
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="one_version_number_per_page")
        ]

    def __str__(self):
        return f"{_('version')} {self.number} – {self.label}"

    def get_absolute_url(self):
        return self.page.url + self.page.reverse_subpage("version", args=[self.number])


class ReportEditionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False).order_by("number")

    def open_correction(self):
        """The edition being prepared: a correction opened and not yet published."""
        return self.filter(published_at__isnull=True)


class ReportEdition(models.Model):
    """One numbered edition of a consultation's report, as it was published: the HTML,
    PDF, XLSX and CSV built once at publication and never again, each with its SHA-256.
    Edition 1 is the report; a correction is the next edition with a note saying what it
    corrects. An edition without `published_at` is a correction opened by a coordinator:
    while it is open the remarks' positions and the summary may change
    (consultations/services.py `report_change_refusal`)."""

    page = models.ForeignKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="report_editions"
    )
    number = models.PositiveSmallIntegerField(_("edition"))
    note = models.TextField(_("what it corrects"), blank=True)
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    html = models.TextField(editable=False, blank=True)
    pdf = models.BinaryField(editable=False, default=bytes)
    xlsx = models.BinaryField(editable=False, default=bytes)
    csv = models.BinaryField(editable=False, default=bytes)
    html_sha256 = models.CharField(max_length=64, editable=False, blank=True)
    pdf_sha256 = models.CharField(max_length=64, editable=False, blank=True)
    xlsx_sha256 = models.CharField(max_length=64, editable=False, blank=True)
    csv_sha256 = models.CharField(max_length=64, editable=False, blank=True)

    objects = ReportEditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("report edition")
        verbose_name_plural = _("report editions")
        ordering = ["page", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "number"], name="one_report_edition_number_per_page"
            ),
            models.UniqueConstraint(
                fields=["page"],
                condition=models.Q(published_at__isnull=True),
                name="one_open_report_correction_per_page",
            ),
        ]

    def __str__(self):
        return f"{_('edition')} {self.number}"

    def file(self, extension: str) -> bytes:
        """The stored PDF, XLSX or CSV, as published."""
        return bytes(getattr(self, extension))

    @property
    def checksums(self) -> list[tuple[str, str]]:
        return [
            ("HTML", self.html_sha256),
            ("PDF", self.pdf_sha256),
            ("XLSX", self.xlsx_sha256),
            ("CSV", self.csv_sha256),
        ]
