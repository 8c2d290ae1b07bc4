"""The staff roles. Everybody else who signs up is a resident.

Coordinators (city staff) prepare consultations and everything around them; the mayor's
plenipotentiary for NGOs can do the same and is the one who puts a consultation live
(consultations.workflow: a coordinator submits, the plenipotentiary approves).
"""

from django.contrib.auth.models import Group, Permission

COORDINATORS = "Koordynatorzy"
MODERATORS = "Moderatorzy"
PLENIPOTENTIARIES = "Pełnomocnik ds. organizacji pozarządowych"

# (app_label, codename) pairs; missing ones (an app not migrated yet) are skipped and
# added by the next post_migrate.
COORDINATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("cms", "change_gminasettings"),
    ("organisations", "add_organisation"),
    ("organisations", "change_organisation"),
    ("organisations", "view_organisation"),
    ("organisations", "delete_organisation"),
    ("organisations", "view_representative"),
    ("organisations", "change_representative"),
    ("comments", "post_official"),
    ("comments", "moderate_comment"),
    ("subscriptions", "view_follow"),
    ("subscriptions", "delete_follow"),
    ("subscriptions", "view_newslettersubscription"),
    ("subscriptions", "delete_newslettersubscription"),
    ("subscriptions", "view_notificationsent"),
    ("cms", "view_emaildelivery"),  # undelivered mail, read-only (cms/wagtail_hooks.py)
]
PLENIPOTENTIARY_PERMISSIONS = [
    *COORDINATOR_PERMISSIONS,
    ("consultations", "publish_consultation"),
]
MODERATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),  # the moderation queue is in the admin
    ("django_comments", "can_moderate"),
    ("comments", "moderate_comment"),
]
COORDINATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page"]


def _permissions(pairs):
    query = Permission.objects.none()
    for app_label, codename in pairs:
        query |= Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return query


def ensure_roles(**kwargs) -> None:
    """Create the staff groups and give them their permissions (idempotent)."""
    from wagtail.models import GroupPagePermission, Page

    coordinators, _ = Group.objects.get_or_create(name=COORDINATORS)
    plenipotentiaries, _ = Group.objects.get_or_create(name=PLENIPOTENTIARIES)
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    coordinators.permissions.add(*_permissions(COORDINATOR_PERMISSIONS))
    plenipotentiaries.permissions.add(*_permissions(PLENIPOTENTIARY_PERMISSIONS))
    moderators.permissions.add(*_permissions(MODERATOR_PERMISSIONS))

    root = Page.get_first_root_node()
    if root is None:
        return
    for codename in COORDINATOR_PAGE_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename=codename
        ).first()
        if permission:
            for group in (coordinators, plenipotentiaries):
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root, permission=permission
                )
