import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from organisations.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_foundation_without_a_krs_number_is_refused():
    foundation = Organisation(name="Fundacja Zielony Brzeg", legal_form="fundacja")

    with pytest.raises(ValidationError) as error:
        foundation.full_clean()

    assert "KRS" in " ".join(error.value.message_dict["krs"])


def test_an_ordinary_association_needs_its_register_number_not_a_krs():
    association = Organisation(
        name="Grupa Sąsiedzka „Osiedle Słoneczne”", legal_form="stowarzyszenie_zwykle"
    )

    with pytest.raises(ValidationError) as error:
        association.full_clean()

    assert set(error.value.message_dict) == {"register_number"}


def test_numbers_are_stored_without_separators():
    organisation = Organisation(
        name="Fundacja Rodzina w Centrum",
        legal_form="fundacja",
        krs="123456",
        nip="PL 698-797-30-99",
        regon="482-141-626",
    )

    organisation.full_clean()

    assert (organisation.krs, organisation.nip, organisation.regon) == (
        "0000123456",
        "6987973099",
        "482141626",
    )


def test_a_malformed_postal_code_is_refused():
    organisation = OrganisationFactory.build(postal_code="12345")

    with pytest.raises(ValidationError) as error:
        organisation.full_clean(validate_unique=False, validate_constraints=False)

    assert "12-345" in error.value.message_dict["postal_code"][0]


def test_two_organisations_cannot_share_a_krs_number():
    OrganisationFactory(krs="0000555111")

    with pytest.raises(IntegrityError):
        OrganisationFactory(krs="0000555111")


def test_many_organisations_may_have_no_krs_and_no_nip():
    OrganisationFactory(legal_form="kgw", krs="", nip="", register_number="KGW/1")
    OrganisationFactory(legal_form="kgw", krs="", nip="", register_number="KGW/2")

    assert Organisation.objects.filter(krs="", nip="").count() == 2


def test_the_name_is_found_without_polish_letters():
    OrganisationFactory(name="Stowarzyszenie Seniorów „Złota Jesień”")

    assert Organisation.objects.matching("zlota jesien").count() == 1
    assert Organisation.objects.matching("ZŁOTA").count() == 1
