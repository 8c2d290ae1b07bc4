from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site")

    def ready(self):
        from cms import checks  # noqa: F401  (registers system checks)
        from cms.account_data import register_account_data
        from cms.sites import sync_django_site, sync_wagtail_site
        from cms.uploads import connect_signals as check_document_uploads
        from core.pagecache import connect_signals
        from core.roles import ensure_roles

        # After every migrate (and every test-database flush): the groups and their
        # permissions exist, whatever order the apps were migrated in.
        post_migrate.connect(ensure_roles, dispatch_uid="cms.ensure_roles")
        post_migrate.connect(sync_django_site, dispatch_uid="cms.sync_django_site")
        post_migrate.connect(sync_wagtail_site, dispatch_uid="cms.sync_wagtail_site")
        # Stored pages for anonymous readers become stale when a page is published etc.
        connect_signals()
        check_document_uploads()
        # The account's sections of *Moje dane*; the apps after cms add theirs.
        register_account_data()
