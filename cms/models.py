"""Site-wide models: accounts, the home page, plain content pages and the gmina's settings."""

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.home import clock_moments
from core.pagecache import AnonymousPageCacheMixin, seconds_until_next
from core.text import clean_name


class UserManager(DjangoUserManager):
    """Users sign in with their e-mail address; there is no separate user name."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("e-mail address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        # Whichever form wrote them (sign-up, the admin's user editor), names are shown next
        # to what a person writes: never with invisible or direction-changing characters.
        self.first_name = clean_name(self.first_name)
        self.last_name = clean_name(self.last_name)
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        """The name shown next to what a person writes in public."""
        return self.get_full_name() or self.email.split("@", 1)[0]


class HomePage(AnonymousPageCacheMixin, RoutablePageMixin, Page):
    """Leads with what is open now (core/home.py); stored for anonymous readers until a
    consultation or a meeting's registration opens or closes, or a seat is taken or freed."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = RichTextField(
        _("body"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from consultations.models import ConsultationIndexPage
        from events.models import EventIndexPage

        context = super().get_context(request, *args, **kwargs)
        context["consultation_index"] = (
            ConsultationIndexPage.objects.live().descendant_of(self).first()
        )
        context["event_index"] = EventIndexPage.objects.live().descendant_of(self).first()
        return context

    def page_cache_timeout(self) -> int:
        return seconds_until_next(*clock_moments(self))

    @path("")
    def index(self, request):
        return self.render(request)


class ContentPage(Page):
    """A plain page of text: the accessibility statement, the privacy notice, help pages."""

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(
        _("body"),
        features=["h2", "h3", "h4", "bold", "italic", "link", "ol", "ul", "document-link"],
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")


class ComplianceStatus(models.TextChoices):
    """How the site complies with the Act of 4 April 2019 (the statutory wording)."""

    COMPLIANT = "zgodna", _("compliant")
    PARTIALLY = "czesciowo", _("partially compliant")
    NOT_COMPLIANT = "niezgodna", _("not compliant")


STATUTORY_PROCEDURE = """
<p>Każdy ma prawo do wystąpienia z żądaniem zapewnienia dostępności cyfrowej strony
internetowej lub jej elementu. Można także zażądać udostępnienia informacji w formie
alternatywnej, na przykład przez odczytanie niedostępnego cyfrowo dokumentu lub opisanie
zawartości filmu bez audiodeskrypcji. Żądanie powinno zawierać dane osoby zgłaszającej,
wskazanie strony internetowej lub jej elementu oraz sposób kontaktu. Jeżeli osoba żądająca
zgłasza potrzebę otrzymania informacji w formie alternatywnej, powinna także określić dogodną
dla niej formę.</p>
<p>Podmiot publiczny realizuje żądanie niezwłocznie, nie później niż w ciągu 7 dni od dnia jego
wystąpienia. Jeżeli dotrzymanie tego terminu nie jest możliwe, niezwłocznie informuje o tym
wnoszącego żądanie, kiedy realizacja żądania będzie możliwa, przy czym termin ten nie może być
dłuższy niż 2 miesiące od dnia wystąpienia z żądaniem. Jeżeli zapewnienie dostępności cyfrowej
nie jest możliwe, podmiot publiczny może zaproponować alternatywny sposób dostępu do
informacji.</p>
<p>W przypadku, gdy podmiot publiczny odmówi realizacji żądania zapewnienia dostępności lub
alternatywnego sposobu dostępu do informacji, wnoszący żądanie może złożyć skargę w sprawie
zapewnienia dostępności cyfrowej strony internetowej lub jej elementu. Po wyczerpaniu tej
procedury można także złożyć wniosek do Rzecznika Praw Obywatelskich.</p>
"""


class AccessibilityStatementPage(Page):
    """The statutory accessibility statement (*deklaracja dostępności*, art. 10 of the Act of
    4 April 2019), with the machine-readable `a11y-*` ids of the minister's template.

    Reviewed yearly: when `last_reviewed` is more than REVIEW_EVERY ago, the coordinators
    see a warning on the admin home page and are e-mailed once (cms/accessibility.py)."""

    entity_name = models.CharField(_("public body"), max_length=300)
    site_url = models.URLField(
        _("website address"), blank=True, help_text=_("Empty: the address this site runs at.")
    )
    published_on = models.DateField(_("website published on"))
    updated_on = models.DateField(_("last significant update of the website"))
    status = models.CharField(
        _("compliance status"),
        max_length=10,
        choices=ComplianceStatus.choices,
        default=ComplianceStatus.PARTIALLY,
    )
    inaccessible_content = RichTextField(
        _("inaccessible content"),
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("What is not accessible and why, with an accessible alternative."),
    )
    exemptions = RichTextField(
        _("content exempt from the Act"), blank=True, features=["bold", "italic", "link", "ul"]
    )
    prepared_on = models.DateField(_("statement prepared on"))
    reviewed_on = models.DateField(
        _("statement last reviewed on"),
        null=True,
        blank=True,
        help_text=_("Review it at least once a year; the coordinators are reminded."),
    )
    preparation_method = models.TextField(
        _("how the statement was prepared"),
        help_text=_("A self-assessment or an audit by an external body (name it)."),
    )
    facilities = RichTextField(
        _("accessibility features and keyboard shortcuts"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
    )
    contact_person = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=40)
    complaint_procedure = RichTextField(
        _("request and complaint procedure"),
        default=STATUTORY_PROCEDURE,
        features=["bold", "italic", "link", "ul", "ol"],
    )
    architectural_accessibility = RichTextField(
        _("architectural accessibility of the office"),
        features=["h3", "bold", "italic", "link", "ul"],
        help_text=_("Entrances, lifts, toilets, parking, induction loops, sign language."),
    )
    mobile_apps = RichTextField(
        _("mobile applications"), blank=True, features=["bold", "italic", "link", "ul"]
    )
    # Which review the coordinators were last reminded about (cms/accessibility.py).
    review_reminder_for = models.DateField(null=True, blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("entity_name"),
                FieldPanel("site_url"),
                FieldPanel("published_on"),
                FieldPanel("updated_on"),
            ],
            heading=_("Introduction"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("inaccessible_content"),
                FieldPanel("exemptions"),
            ],
            heading=_("Compliance status"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("prepared_on"),
                FieldPanel("reviewed_on"),
                FieldPanel("preparation_method"),
            ],
            heading=_("Preparation of the statement"),
        ),
        FieldPanel("facilities"),
        MultiFieldPanel(
            [
                FieldPanel("contact_person"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("complaint_procedure"),
            ],
            heading=_("Feedback and contact"),
        ),
        FieldPanel("architectural_accessibility"),
        FieldPanel("mobile_apps"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("inaccessible_content")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("accessibility statement")

    @property
    def last_reviewed(self):
        """When the statement was last prepared or reviewed."""
        return self.reviewed_on or self.prepared_on

    def with_content_json(self, content):
        """The reminder sent belongs to no revision: publishing one must not forget it."""
        page = super().with_content_json(content)
        page.review_reminder_for = self.review_reminder_for
        return page

    def get_context(self, request, *args, **kwargs):
        from django.conf import settings

        context = super().get_context(request, *args, **kwargs)
        context["statement_url"] = self.site_url or settings.SITE_URL.rstrip("/") + "/"
        return context


class SectionIndexPage(Page):
    """A section of the site that lists its child pages (consultations, meetings)."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["cms.HomePage"]
    max_count = 1

    class Meta:
        abstract = True

    def listed_pages(self):
        return self.get_children().live().public().specific()


class PageViews(models.Model):
    """Stored public views of a page; kept apart from the page so publishing a revision
    never overwrites the count."""

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    count = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("page views")
        verbose_name_plural = _("page views")

    def __str__(self):
        return f"{self.page_id}: {self.count}"


class EmailDelivery(models.Model):
    """One e-mail to one address as the task worker delivers it (cms/mail.py): claimed before
    the message goes out and marked sent right after, so that a delivery task run twice (its
    worker was killed, the database went away) does not send it twice."""

    class Status(models.TextChoices):
        SENDING = "sending", pgettext_lazy("e-mail delivery", "being sent")
        SENT = "sent", pgettext_lazy("e-mail delivery", "sent")
        DEFERRED = "deferred", pgettext_lazy("e-mail delivery", "waiting to be tried again")
        FAILED = "failed", pgettext_lazy("e-mail delivery", "failed")

    message_id = models.CharField(pgettext_lazy("e-mail delivery", "Message-ID"), max_length=255)
    recipient = models.CharField(pgettext_lazy("e-mail delivery", "recipient"), max_length=400)
    status = models.CharField(
        pgettext_lazy("e-mail delivery", "status"), max_length=10, choices=Status.choices
    )
    attempts = models.PositiveSmallIntegerField(
        pgettext_lazy("e-mail delivery", "attempts"), default=0
    )
    claimed_at = models.DateTimeField(
        pgettext_lazy("e-mail delivery", "last attempt started"), null=True
    )
    next_attempt_at = models.DateTimeField(
        pgettext_lazy("e-mail delivery", "next attempt"), null=True
    )
    sent_at = models.DateTimeField(pgettext_lazy("e-mail delivery", "sent"), null=True)
    last_error = models.TextField(pgettext_lazy("e-mail delivery", "last error"), blank=True)
    created_at = models.DateTimeField(pgettext_lazy("e-mail delivery", "queued"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("e-mail delivery", "e-mail delivery")
        verbose_name_plural = pgettext_lazy("e-mail delivery", "e-mail deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["message_id", "recipient"], name="one_delivery_per_message_and_recipient"
            )
        ]

    def __str__(self):
        return f"{self.message_id} → {self.recipient}: {self.status}"


@register_setting(icon="site")
class GminaSettings(BaseSiteSetting):
    """Who runs the site and the local rules of consultation (art. 5 ust. 5 of the Act)."""

    name = models.CharField(_("name of the gmina"), max_length=200, default="Gmina")
    office_name = models.CharField(_("office"), max_length=200, blank=True)
    address = models.TextField(_("address"), blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    bip_url = models.URLField(_("BIP address"), blank=True)
    data_controller = models.CharField(
        _("controller of personal data"),
        max_length=300,
        blank=True,
        help_text=_(
            "Shown in the short privacy notice on every form, "
            "e.g. the mayor and the office address."
        ),
    )

    minimum_duration_days = models.PositiveSmallIntegerField(
        _("minimum duration of a consultation (days)"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    report_deadline_days = models.PositiveSmallIntegerField(
        _("report deadline after closing (days)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    consultation_resolution = models.CharField(
        _("council resolution on consultations"),
        max_length=500,
        blank=True,
        help_text=_("Reference of the resolution adopted under art. 5 ust. 5 of the Act."),
    )
    consultation_resolution_url = models.URLField(_("link to the resolution"), blank=True)
    reports_to_hide_comment = models.PositiveSmallIntegerField(
        _("reports that hide a comment until reviewed"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )

    accessibility_statement_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy (RODO) page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    discussion_rules_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("rules of the discussion page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "What moderators hide and why, and how to appeal: linked beside the comment form "
            "and wherever a moderator's decision is shown."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("office_name"),
                FieldPanel("address"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("bip_url"),
                FieldPanel("data_controller"),
            ],
            heading=_("Gmina"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("minimum_duration_days"),
                FieldPanel("report_deadline_days"),
                FieldPanel("consultation_resolution"),
                FieldPanel("consultation_resolution_url"),
                FieldPanel("reports_to_hide_comment"),
            ],
            heading=_("Local rules of consultation"),
        ),
        MultiFieldPanel(
            [
                PageChooserPanel("accessibility_statement_page"),
                PageChooserPanel("privacy_page"),
                PageChooserPanel("discussion_rules_page"),
            ],
            heading=_("Footer"),
        ),
    ]

    def discussion_rules_url(self, request=None) -> str:
        """The address of the rules of the discussion, or "" when none is chosen or it is
        not live: moderators' decisions cite it."""
        page = self.discussion_rules_page
        if page is None or not page.live:
            return ""
        return page.get_url(request) or ""

    class Meta:
        verbose_name = _("gmina settings")
