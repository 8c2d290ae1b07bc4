"""Keep django.contrib.sites (used by allauth's e-mails) in line with SITE_URL."""

from urllib.parse import urlsplit

from django.conf import settings


def sync_django_site(**kwargs) -> None:
    """Replace the 'example.com' placeholder Django creates with this site's address."""
    from django.contrib.sites.models import Site

    site = Site.objects.filter(pk=settings.SITE_ID).first()
    if site is None or site.domain != "example.com":
        return
    site.domain = urlsplit(settings.SITE_URL).netloc or "localhost"
    site.name = "Konsultacje"
    site.save()
