"""Factories with believable Polish data. People are invented; e-mails are on example.org."""

import random

import factory
from allauth.account.models import EmailAddress

from cms.models import User
from organisations.demo import fictional_nip, fictional_regon

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
