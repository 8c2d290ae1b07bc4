from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _


class NewConsultationsFeed(Feed):
    """Atom feed of the newest consultations of one index page."""

    feed_type = Atom1Feed

    def __init__(self, index):
        super().__init__()
        self.index = index

    def title(self):
        return _("New consultations: %(title)s") % {"title": self.index.title}

    def link(self):
        return self.index.url

    def subtitle(self):
        return self.index.intro

    def items(self):
        from consultations.models import ConsultationPage

        return (
            ConsultationPage.objects.child_of(self.index)
            .live()
            .public()
            .order_by("-first_published_at")[:20]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.subject

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
