"""What every page of the site shell needs: the gmina, the main sections, the footer links."""

from cms.models import GminaSettings


def site_shell(request):
    from consultations.models import ConsultationIndexPage
    from events.models import EventIndexPage

    gmina = GminaSettings.for_request(request)
    consultation_index = ConsultationIndexPage.objects.live().only("url_path").first()
    event_index = EventIndexPage.objects.live().only("url_path").first()
    accessibility_page = gmina.accessibility_statement_page
    privacy_page = gmina.privacy_page
    return {
        "gmina": gmina,
        "consultation_index_url": consultation_index.get_url(request) if consultation_index else "",
        "event_index_url": event_index.get_url(request) if event_index else "",
        "accessibility_statement_url": (
            accessibility_page.get_full_url(request) if accessibility_page else ""
        ),
        "privacy_url": privacy_page.get_url(request) if privacy_page else "",
    }
