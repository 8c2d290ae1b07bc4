"""Consultations of draft local acts.

For now only the index at /konsultacje/; the consultation page itself (notice, chaptered
draft, versions) comes with the consultations capability.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index


class ConsultationIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["cms.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("consultations index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["consultations"] = self.get_children().live().public().specific()
        return context
