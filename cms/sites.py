"""Keep the sites in line with SITE_URL, the one address every absolute link starts with.

Two models know the site's address: django.contrib.sites (allauth's e-mails) and Wagtail's
default Site (a page's full URL, the root URL Wagtail's own e-mails fall back to). Both follow
SITE_URL after every migrate and after seeding the demo, so that no link leads to
`example.com`, `localhost` or another port than the one served.
"""

from urllib.parse import urlsplit

from django.conf import settings


def site_address() -> tuple[str, int]:
    """(hostname, port) of SITE_URL; the port is the scheme's default when none is given."""
    parts = urlsplit(settings.SITE_URL)
    return parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)


def sync_django_site(**kwargs) -> None:
    """Replace the 'example.com' placeholder Django creates with this site's address."""
    from django.contrib.sites.models import Site

    site = Site.objects.filter(pk=settings.SITE_ID).first()
    if site is None or site.domain != "example.com":
        return
    site.domain = urlsplit(settings.SITE_URL).netloc or "localhost"
    site.name = "Konsultacje"
    site.save()


def sync_wagtail_site(**kwargs) -> None:
    """The default Wagtail Site answers at SITE_URL's host and port."""
    from wagtail.models import Site

    hostname, port = site_address()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return
    if Site.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk).exists():
        return  # another site already answers there: an administrator's choice
    site.hostname, site.port = hostname, port
    site.save()
