"""What the periodic job forgets: sign-ups never confirmed within the link's 7 days, and the
log of e-mails sent after 90 days."""

from datetime import timedelta

import pytest
from django.utils import timezone

from subscriptions.models import NewsletterSubscription, NotificationSent
from subscriptions.services import forget_sent_log, forget_unconfirmed
from tests.factories import NewsletterSubscriptionFactory

pytestmark = pytest.mark.django_db


def test_a_sign_up_never_confirmed_is_forgotten_after_seven_days():
    NewsletterSubscriptionFactory(email="nie-potwierdzila@example.org", confirmed_at=None)
    NewsletterSubscriptionFactory(email="potwierdzila@example.org")

    forget_unconfirmed(now=timezone.now() + timedelta(days=6))
    assert NewsletterSubscription.objects.count() == 2
    forget_unconfirmed(now=timezone.now() + timedelta(days=8))

    assert list(NewsletterSubscription.objects.values_list("email", flat=True)) == [
        "potwierdzila@example.org"
    ]


def test_the_log_of_e_mails_sent_is_forgotten_after_ninety_days():
    NotificationSent.objects.create(event="opened:1", email="ewa.kaminska@example.org")

    forget_sent_log(now=timezone.now() + timedelta(days=89))
    assert NotificationSent.objects.exists()
    forget_sent_log(now=timezone.now() + timedelta(days=91))

    assert not NotificationSent.objects.exists()
