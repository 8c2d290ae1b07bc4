"""Who wants e-mail from the site, and which e-mails have gone out.

- `Follow`: a person follows one consultation and hears when it opens, two days before it
  closes, when a new public version of the draft is out and when the report is published.
- `NewsletterSubscription`: the NGO mailing list, told about every new consultation and
  every new table meeting.
- `NotificationSent`: one row per event and address. Inserting it is how a sender claims
  the e-mail; the unique constraint lets only one of two concurrent senders succeed.

Addresses are stored lower-cased (`normalise_email`). A row counts only once confirmed:
logged-in people are confirmed at once (their account's address is verified), everybody
else by the link in the confirmation e-mail (double opt-in).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def normalise_email(email: str) -> str:
    return email.strip().lower()


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed(self):
        return self.filter(confirmed_at__isnull=True)


class Follow(models.Model):
    page = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="follows",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("subscription", "account"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follows",
    )
    email = models.EmailField(pgettext_lazy("subscription", "e-mail"))
    confirmed_at = models.DateTimeField(
        pgettext_lazy("subscription", "confirmed"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("follower of a consultation")
        verbose_name_plural = _("followers of consultations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["page", "email"], name="one_follow_per_page_and_email")
        ]

    def __str__(self):
        return f"{self.email} → {self.page}"

    @property
    def recipient(self) -> str:
        """Where the e-mail goes: a logged-in follower's current account address."""
        return normalise_email(self.user.email) if self.user_id else self.email


class NewsletterSubscription(models.Model):
    email = models.EmailField(pgettext_lazy("subscription", "e-mail"), unique=True)
    organisation_name = models.CharField(_("organisation"), max_length=300, blank=True)
    confirmed_at = models.DateTimeField(
        pgettext_lazy("subscription", "confirmed"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email


class NotificationSent(models.Model):
    """An e-mail about one event to one address, claimed (and queued) once."""

    event = models.CharField(pgettext_lazy("notification", "event"), max_length=100)
    email = models.EmailField(pgettext_lazy("subscription", "e-mail"))
    sent_at = models.DateTimeField(pgettext_lazy("notification", "sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("notification sent")
        verbose_name_plural = _("notifications sent")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["event", "email"], name="one_notification_per_event")
        ]

    def __str__(self):
        return f"{self.event} → {self.email}"
