"""Pages the way an editor makes them: added under their parent and published as a revision.
Every demo page goes through `child`, which finds the page by slug first, so seeding again
changes nothing."""

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from cms.models import User


def publish(page: Page, user: User | None) -> None:
    page.save_revision(user=user, log_action=True).publish(user=user)


def child(parent: Page, page_type, *, slug: str, user: User | None, **fields):
    """The `page_type` page at `slug` under `parent`; added and published if missing."""
    existing = page_type.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = page_type(slug=slug, **fields)
    parent.add_child(instance=page)
    publish(page, user)
    return page


def tree_root() -> Page:
    """Wagtail's root node; created (with the default locale) if the tree is empty."""
    root = Page.get_first_root_node()
    if root is None:
        locale, _ = Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return root
