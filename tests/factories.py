"""Factories with believable Polish data. People are invented; e-mails are on example.org."""

import factory
from allauth.account.models import EmailAddress

from cms.models import User

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
