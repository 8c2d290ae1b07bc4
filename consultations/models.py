"""Consultations of draft local acts.

For now only the index at /konsultacje/; the consultation page itself (notice, chaptered
draft, versions) comes with the consultations capability.
"""

from django.utils.translation import gettext_lazy as _

from cms.models import SectionIndexPage


class ConsultationIndexPage(SectionIndexPage):
    class Meta:
        verbose_name = _("consultations index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["consultations"] = self.listed_pages()
        return context
