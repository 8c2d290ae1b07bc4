"""Factories with believable Polish data. People are invented; e-mails are on example.org."""

import random

import factory
from allauth.account.models import EmailAddress

from cms.models import User
from demo.organisations import fictional_nip, fictional_regon

_rng = random.Random(4242)

PASSWORD = "Tajne-haslo-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    first_name = factory.Faker("first_name", locale="pl_PL")
    last_name = factory.Faker("last_name", locale="pl_PL")
    email = factory.Sequence(lambda n: f"mieszkaniec{n}@example.org")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        """Every factory user has confirmed their address, as a user who can log in has."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, primary=True, verified=True)


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A registered association with fictional, valid KRS, NIP and REGON numbers."""

    class Meta:
        model = "organisations.Organisation"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Stowarzyszenie Przyjaciół Nadrzecza nr {n}")
    legal_form = "stowarzyszenie"
    krs = factory.Sequence(lambda n: f"{n + 1:010d}")
    nip = factory.LazyFunction(lambda: fictional_nip(_rng))
    regon = factory.LazyFunction(lambda: fictional_regon(_rng))
    city = "Nadrzecze"
    district = "Śródmieście"

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            from organisations.models import PublicTaskArea

            self.areas.set(PublicTaskArea.objects.filter(number__in=extracted))


def consultation_page(*, parent=None, paragraphs=3, chapters=1, publish=True, **fields):
    """A complete, publishable consultation under the site's consultations index."""
    from datetime import timedelta

    from django.utils import timezone

    from consultations.models import ConsultationIndexPage, ConsultationPage

    parent = parent or ConsultationIndexPage.objects.get()
    now = timezone.now()
    defaults = {
        "title": "Program współpracy na 2027 rok",
        "slug": f"program-{ConsultationPage.objects.count() + 1}",
        "subject": "Projekt programu współpracy z organizacjami pozarządowymi.",
        "goal": "Poznanie opinii organizacji.",
        "addressees": "ngo",
        "forms": ["komentarze", "formularz"],
        "opens_at": now - timedelta(days=2),
        "closes_at": now + timedelta(days=12),
        "responsible_unit": "Biuro Dialogu Społecznego",
        "contact_person": "Marta Zielińska",
        "contact_email": "dialog@nadrzecze.example",
        "draft": [
            (
                "chapter",
                {
                    "title": f"Rozdział {c + 1}. Postanowienia",
                    "paragraphs": [
                        (
                            "paragraph",
                            {
                                "label": f"§ {c * paragraphs + p + 1}",
                                "text": f"Treść paragrafu {p + 1}.",
                            },
                        )
                        for p in range(paragraphs)
                    ],
                },
            )
            for c in range(chapters)
        ],
    }
    page = ConsultationPage(**{"live": publish, **defaults, **fields})
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return page


def workshop_page(*, parent=None, tables=(("Kultura", 10),), publish=True, **fields):
    """A table meeting with open registration under the site's meetings index (a draft
    nobody sees with `publish=False`)."""
    from datetime import timedelta

    from django.utils import timezone

    from events.models import EventIndexPage, WorkshopPage, WorkshopTable

    parent = parent or EventIndexPage.objects.get()
    now = timezone.now()
    defaults = {
        "title": "Spotkanie stolikowe – program współpracy 2028",
        "slug": f"spotkanie-{WorkshopPage.objects.count() + 1}",
        "description": "Pracujemy przy stolikach tematycznych nad projektem programu.",
        "starts_at": now + timedelta(days=10),
        "ends_at": now + timedelta(days=10, hours=3),
        "venue_address": "Urząd Miasta Nadrzecze, ul. Rynek 1",
        "venue_room": "sala sesyjna",
        "registration_opens_at": now - timedelta(days=1),
        "registration_closes_at": now + timedelta(days=7),
        "proposals_close_at": now + timedelta(days=5),
        "contact": "Marta Zielińska, dialog@nadrzecze.example",
        "live": publish,
    }
    page = WorkshopPage(
        **{**defaults, **fields},
        tables=[
            WorkshopTable(
                name=name,
                capacity=capacity,
                city_moderator_name="Marta Zielińska",
                city_moderator_affiliation="Biuro Dialogu Społecznego",
                ngo_moderator_name="Ewa Nowicka",
                ngo_moderator_affiliation="Stowarzyszenie Seniorów „Złota Jesień”",
            )
            for name, capacity in tables
        ],
    )
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return page


def _now():
    from django.utils import timezone

    return timezone.now()


class FollowFactory(factory.django.DjangoModelFactory):
    """Someone following a consultation by e-mail, confirmed (`confirmed_at=None`: the
    request still waits for its confirmation link)."""

    class Meta:
        model = "subscriptions.Follow"

    email = factory.Sequence(lambda n: f"obserwujaca{n}@example.org")
    confirmed_at = factory.LazyFunction(_now)


class NewsletterSubscriptionFactory(factory.django.DjangoModelFactory):
    """A confirmed subscriber of the NGO newsletter."""

    class Meta:
        model = "subscriptions.NewsletterSubscription"

    email = factory.Sequence(lambda n: f"biuro{n}@fundacja-nadrzecze.example.org")
    organisation_name = factory.Sequence(lambda n: f"Fundacja Zielone Nadrzecze nr {n}")
    confirmed_at = factory.LazyFunction(_now)


def remark_on(page, *, paragraph=None, channel="online", user=None, position=None, **fields):
    """A formal remark on `page` (on `paragraph`, a dict of a version's chapters, or on the
    whole draft), stored directly: for remarks of a closed consultation or from any channel."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from comments.models import Comment

    user = user or UserFactory()
    now = timezone.now()
    defaults = {
        "content_type": ContentType.objects.get_for_model(page, for_concrete_model=False),
        "object_pk": str(page.pk),
        "site_id": settings.SITE_ID,
        "user": user,
        "user_name": user.get_full_name(),
        "comment": "Uzasadnienie: proponujemy doprecyzować zapis.",
        "body_html": "<p>Proponujemy doprecyzować zapis.</p>",
        "submit_date": now,
        "received_at": now,
        "kind": "uwaga",
        "channel": channel,
        "paragraph_id": paragraph["id"] if paragraph else "",
        "paragraph_label": paragraph["label"] if paragraph else "",
        "paragraph_text": paragraph["text"] if paragraph else "",
        "fragment": paragraph["label"] if paragraph else "cały projekt",
        "justification": "Proponujemy doprecyzować zapis.",
        "position": position,
    }
    return Comment.objects.create(**{**defaults, **fields})
