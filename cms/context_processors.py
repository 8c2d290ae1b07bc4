"""What every page of the site shell needs: the gmina, the main sections, the footer links."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page

from cms.models import GminaSettings


def site_shell(request):
    from consultations.models import ConsultationIndexPage
    from events.models import EventIndexPage

    gmina = GminaSettings.for_request(request)
    section_types = ContentType.objects.get_for_models(ConsultationIndexPage, EventIndexPage)
    footer_ids = [
        gmina.accessibility_statement_page_id,
        gmina.privacy_page_id,
        gmina.discussion_rules_page_id,
    ]
    # The two sections and the footer pages in one query.
    pages = (
        Page.objects.live()
        .filter(Q(content_type__in=section_types.values()) | Q(pk__in=[i for i in footer_ids if i]))
        .order_by("path")
        .only("url_path", "content_type_id")
    )
    found_types, by_id = {}, {}
    for page in pages:
        found_types.setdefault(page.content_type_id, page)
        by_id[page.pk] = page

    def url(page):
        return page.get_url(request) if page is not None else ""

    statement_url = url(by_id.get(gmina.accessibility_statement_page_id))

    return {
        "gmina": gmina,
        "consultation_index_url": url(found_types.get(section_types[ConsultationIndexPage].pk)),
        "event_index_url": url(found_types.get(section_types[EventIndexPage].pk)),
        "accessibility_statement_url": statement_url,
        # The statutory meta tag names the statement's full address: from SITE_URL, never
        # from the Wagtail Site's placeholder host (http://localhost/).
        "accessibility_statement_full_url": f"{settings.SITE_URL}{statement_url}"
        if statement_url.startswith("/")
        else statement_url,
        "privacy_url": url(by_id.get(gmina.privacy_page_id)),
        "discussion_rules_url": url(by_id.get(gmina.discussion_rules_page_id)),
        "source_code_url": settings.SOURCE_CODE_URL,
    }
