"""The coordinator sees the lists in the admin: counts per consultation and of the
newsletter, and the listings searchable by e-mail. Residents do not."""

import pytest

from cms.models import User
from tests.factories import FollowFactory, NewsletterSubscriptionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(demo_site):
    return User.objects.get(email="koordynator@nadrzecze.example")


@pytest.fixture
def followers(consultation):
    FollowFactory(page=consultation, email="ewa.kaminska@example.org")
    FollowFactory(page=consultation, email="jan.wrobel@example.org")
    FollowFactory(page=consultation, email="czeka@example.org", confirmed_at=None)
    NewsletterSubscriptionFactory(email="biuro@zlota-jesien.example.org")


def test_the_coordinator_sees_how_many_follow_each_consultation(client, coordinator, followers):
    client.force_login(coordinator)

    html = client.get("/admin/powiadomienia/podsumowanie/").content.decode()

    assert "Program współpracy na 2028 rok" in html
    assert "<td>2</td>" in html and "<td>1</td>" in html
    assert "1 potwierdzony subskrybent" in html


def test_the_coordinator_finds_a_follower_by_e_mail(client, coordinator, followers):
    client.force_login(coordinator)

    response = client.get("/admin/powiadomienia/obserwujacy/", {"q": "jan.wrobel"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "jan.wrobel@example.org" in html
    assert "ewa.kaminska@example.org" not in html


def test_the_newsletter_list_is_in_the_admin(client, coordinator, followers):
    client.force_login(coordinator)

    response = client.get("/admin/powiadomienia/newsletter/")

    assert "biuro@zlota-jesien.example.org" in response.content.decode()


def test_a_resident_cannot_see_the_lists(client, resident, followers):
    client.force_login(resident)

    response = client.get("/admin/powiadomienia/podsumowanie/")

    assert response.status_code in (302, 403)
