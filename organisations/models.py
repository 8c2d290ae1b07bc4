"""The city's NGO directory (*baza organizacji pozarządowych*).

Organisations with their Polish register numbers, the areas of public tasks of art. 4
of the Act (kept as data with validity dates, because the Act changes), and the people
who act for an organisation.
"""

import re

from anyascii import anyascii
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from organisations.validators import (
    normalise_krs,
    normalise_nip,
    normalise_regon,
    validate_krs,
    validate_nip,
    validate_regon,
)

POSTAL_CODE = re.compile(r"^\d{2}-\d{3}$")


def search_key(text: str) -> str:
    """Lower-case ASCII, so that "zlota jesien" finds „Złota Jesień”."""
    return anyascii(text or "").lower()


class PublicTaskAreaQuerySet(models.QuerySet):
    def in_force(self, on=None):
        day = on or timezone.localdate()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )


class PublicTaskArea(models.Model):
    """One point of art. 4 ust. 1 of the Act (*sfera zadań publicznych*)."""

    number = models.CharField(_("point"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=400)
    sort_key = models.PositiveIntegerField(_("order"), db_index=True)
    valid_from = models.DateField(_("in force from"), null=True, blank=True)
    valid_to = models.DateField(_("in force until"), null=True, blank=True)

    objects = PublicTaskAreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("area of public tasks")
        verbose_name_plural = _("areas of public tasks")
        ordering = ["sort_key"]

    def __str__(self):
        return f"{self.number}. {self.name}"

    @staticmethod
    def sort_key_for(number: str) -> int:
        """'5' → 500, '5a' → 501: inserted points sort after their base point."""
        match = re.fullmatch(r"(\d+)([a-z]?)", number)
        if not match:
            raise ValueError(f"Not a point number: {number!r}")
        return int(match[1]) * 100 + (ord(match[2]) - ord("a") + 1 if match[2] else 0)


class LegalForm(models.TextChoices):
    FOUNDATION = "fundacja", _("foundation (fundacja)")
    ASSOCIATION = "stowarzyszenie", _("registered association (stowarzyszenie)")
    ORDINARY_ASSOCIATION = (
        "stowarzyszenie_zwykle",
        _("ordinary association (stowarzyszenie zwykłe)"),
    )
    BRANCH = "oddzial", _("local branch of an association (oddział terenowy)")
    SPORTS_CLUB = "klub_sportowy", _("sports club (klub sportowy)")
    SOCIAL_COOPERATIVE = "spoldzielnia_socjalna", _("social cooperative (spółdzielnia socjalna)")
    CHURCH_ENTITY = "koscielna_osoba_prawna", _("legal person of a church or religious union")
    RURAL_HOUSEWIVES = "kgw", _("rural housewives' circle (koło gospodyń wiejskich)")
    OTHER_ART_3_3 = "inny_art_3_ust_3", _("other entity of art. 3 ust. 3")


# Forms always entered in the National Court Register.
KRS_REQUIRED = {LegalForm.FOUNDATION, LegalForm.ASSOCIATION, LegalForm.SOCIAL_COOPERATIVE}
# Ordinary associations are kept in the starosta's (or mayor's) register instead.
REGISTER_NUMBER_REQUIRED = {LegalForm.ORDINARY_ASSOCIATION}


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def matching(self, text: str):
        key = search_key(text).strip()
        return self.filter(search_name__contains=key) if key else self


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=300)
    search_name = models.CharField(max_length=300, editable=False, db_index=True)
    legal_form = models.CharField(_("legal form"), max_length=30, choices=LegalForm.choices)
    krs = models.CharField(_("KRS number"), max_length=10, blank=True)
    register_number = models.CharField(
        _("register number"),
        max_length=60,
        blank=True,
        help_text=_("Number in the register of ordinary associations or another register."),
    )
    nip = models.CharField(_("NIP"), max_length=10, blank=True)
    regon = models.CharField(_("REGON"), max_length=14, blank=True)
    is_public_benefit = models.BooleanField(_("public benefit organisation (OPP)"), default=False)
    areas = models.ManyToManyField(
        PublicTaskArea, verbose_name=_("areas of public tasks"), blank=True, related_name="+"
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    district = models.CharField(_("district"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    public_email = models.EmailField(_("public e-mail"), blank=True)
    description = models.TextField(_("short description"), max_length=1500, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_demo = models.BooleanField(_("demo record"), default=False, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["search_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["krs"], condition=~Q(krs=""), name="organisation_krs_unique"
            ),
            models.UniqueConstraint(
                fields=["nip"], condition=~Q(nip=""), name="organisation_nip_unique"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = search_key(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("organisations:detail", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def slug(self) -> str:
        return slugify(anyascii(self.name))[:80] or "organizacja"

    def clean_fields(self, exclude=None):
        # What people type around the digits goes before the length checks run.
        self.krs = normalise_krs(self.krs) if self.krs else ""
        self.nip = normalise_nip(self.nip) if self.nip else ""
        self.regon = normalise_regon(self.regon) if self.regon else ""
        super().clean_fields(exclude=exclude)

    def clean(self):
        errors = {}
        for field, validate in (
            ("krs", validate_krs),
            ("nip", validate_nip),
            ("regon", validate_regon),
        ):
            value = getattr(self, field)
            if value:
                try:
                    validate(value)
                except ValidationError as error:
                    errors[field] = error.messages
        if self.legal_form in KRS_REQUIRED and not self.krs:
            errors.setdefault("krs", []).append(
                _("A %(form)s is entered in the KRS: give its KRS number.")
                % {"form": self.get_legal_form_display()}
            )
        if self.legal_form in REGISTER_NUMBER_REQUIRED and not self.register_number:
            errors.setdefault("register_number", []).append(
                _("Give the number in the register of ordinary associations.")
            )
        if self.postal_code and not POSTAL_CODE.match(self.postal_code):
            errors["postal_code"] = [_("A postal code looks like 12-345.")]
        if errors:
            raise ValidationError(errors)

    @property
    def area_numbers(self) -> str:
        """The points of art. 4 as the import file writes them: "4, 16"."""
        return ", ".join(area.number for area in sorted(self.areas.all(), key=lambda a: a.sort_key))

    @property
    def address(self) -> str:
        town = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (self.street, town) if part)


class RepresentativeRole(models.TextChoices):
    BOARD_MEMBER = "zarzad", _("board member")
    PROXY = "pelnomocnik", _("authorised person")
    MEMBER = "czlonek", _("member")


class RepresentativeQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def awaiting_confirmation(self):
        return self.filter(confirmed_at__isnull=True)


class Representative(models.Model):
    """A person who acts for an organisation: declared by them, confirmed by a coordinator."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="representations",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="representatives",
    )
    role = models.CharField(_("role"), max_length=20, choices=RepresentativeRole.choices)
    declared_at = models.DateTimeField(_("declared"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = RepresentativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        ordering = ["organisation__search_name", "user__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="one_representation_per_person"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def status_label(self) -> str:
        return str(_("confirmed") if self.is_confirmed else _("not confirmed yet"))


class OrganisationImport(models.Model):
    """An uploaded CSV file, previewed (nothing written) and then applied by a coordinator."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    filename = models.CharField(_("file"), max_length=255)
    content = models.TextField()
    report = models.JSONField(default=dict)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)

    class Meta:
        verbose_name = _("organisation import")
        verbose_name_plural = _("organisation imports")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return f"{self.filename} ({self.uploaded_at:%Y-%m-%d %H:%M})"
