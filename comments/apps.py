from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    """Public comments and formal remarks on drafts, built on django-comments-xtd.

    The label stays ``comments`` on purpose: templates in ``comments/templates/comments/``
    override django_comments' own (this app is listed before it).
    """

    name = "comments"
    verbose_name = _("Comments and remarks")

    def ready(self):
        from comments.pages import register_page_context
        from comments.participation import register_participation
        from comments.personal_data import register_personal_data

        register_personal_data()
        register_page_context()  # the discussion and statistics on consultation pages
        register_participation()  # its sections of *Moje zgłoszenia* (core/participation.py)
