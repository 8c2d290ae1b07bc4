"""What comments add to a consultation page: the discussion under the draft and, once the
consultation has closed, the statistics of remarks. Registered as the page's context
providers from CommentsConfig.ready (consultations imports nothing from comments)."""

from comments.statistics import consultation_statistics
from comments.views import discussion_context
from consultations.models import ConsultationPage, ConsultationStatus


def statistics_on_page(request, page, context) -> dict:
    if context["status"] not in (ConsultationStatus.CLOSED, ConsultationStatus.REPORTED):
        return {}
    versions = context["versions"]
    chapters = versions[-1].chapters if versions else []
    return {"statistics": consultation_statistics(page, chapters=chapters)}


def discussion_on_page(request, page, context) -> dict:
    if context.get("archived"):
        return {}
    versions = context["versions"]
    return discussion_context(request, page, version=versions[-1] if versions else None)


def register_page_context() -> None:
    for provide in (statistics_on_page, discussion_on_page):
        if provide not in ConsultationPage.context_providers:
            ConsultationPage.context_providers.append(provide)
