"""Two senders at the same moment (two `periodic` processes, or the task after a publish
and the periodic sweep), for real, against PostgreSQL: every follower still gets one
e-mail. (On SQLite one write transaction runs at a time, so a race proves nothing.)"""

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from subscriptions import notifications
from subscriptions.models import NotificationSent
from tests.factories import FollowFactory, consultation_page

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="a race needs a database that runs transactions concurrently (PostgreSQL)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_senders_at_the_same_moment_email_each_follower_once(
    demo_site, mailoutbox, monkeypatch
):
    now = timezone.now()
    page = consultation_page(
        slug="program-2028",
        title="Program współpracy na 2028 rok",
        opens_at=now + timedelta(days=1),
        closes_at=now + timedelta(days=15),
    )
    followers = [FollowFactory(page=page, email=f"osoba{n}@example.org") for n in range(30)]
    (notice,) = notifications.opened_notices(page.opens_at + timedelta(minutes=1), pk=page.pk)

    # Both senders read the same thirty addresses before either claims one.
    both_have_read = threading.Barrier(2)
    read = notifications.recipients

    def recipients_then_wait(notice):
        addresses = read(notice)
        both_have_read.wait(timeout=30)
        return addresses

    monkeypatch.setattr(notifications, "recipients", recipients_then_wait)

    def sender(_):
        try:
            return notifications.send_notice(notice)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        sent = list(pool.map(sender, range(2)))

    assert sum(sent) == 30
    addresses = sorted(address for message in mailoutbox for address in message.to)
    assert addresses == sorted(follower.email for follower in followers)
    assert NotificationSent.objects.filter(event=notice.key).count() == 30
