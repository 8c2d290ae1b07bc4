"""Consultation meetings.

For now only the index at /spotkania/; workshops with thematic tables, registration and
a waiting list come with the events capability.
"""

from django.utils.translation import gettext_lazy as _

from cms.models import SectionIndexPage


class EventIndexPage(SectionIndexPage):
    class Meta:
        verbose_name = _("meetings index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["events"] = self.listed_pages()
        return context
