import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page

from cms.services import role_assign
from core.roles import COORDINATORS, MODERATORS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_coordinators_can_enter_the_admin(client, demo_site):
    coordinator = UserFactory()
    role_assign(user=coordinator, role=COORDINATORS)
    client.force_login(coordinator)

    response = client.get("/admin/")

    assert response.status_code == 200


def test_residents_cannot_enter_the_admin(client, demo_site, resident):
    client.force_login(resident)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert not resident.has_perm("wagtailadmin.access_admin")


def test_coordinators_may_publish_pages_anywhere_in_the_site(demo_site):
    coordinator = UserFactory()
    role_assign(user=coordinator, role=COORDINATORS)
    consultations = Page.objects.get(slug="konsultacje")

    permissions = consultations.permissions_for_user(coordinator)

    assert permissions.can_publish()
    assert permissions.can_add_subpage()


def test_moderators_may_moderate_comments_but_not_publish_pages(demo_site):
    moderator = UserFactory()
    role_assign(user=moderator, role=MODERATORS)
    consultations = Page.objects.get(slug="konsultacje")

    assert moderator.has_perm("django_comments.can_moderate")
    assert not consultations.permissions_for_user(moderator).can_publish()


def test_both_staff_groups_exist_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= {COORDINATORS, MODERATORS}
