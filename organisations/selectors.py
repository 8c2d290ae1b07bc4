"""Reads of the NGO directory."""

from django.db.models import Prefetch, QuerySet

from organisations.models import LegalForm, Organisation, PublicTaskArea, Representative


def directory_search(
    *, text: str = "", legal_form: str = "", area: str = "", public_benefit: str = ""
) -> QuerySet[Organisation]:
    """Active organisations matching the directory's search box and filters.

    The areas are prefetched, so a page of results costs the same number of queries
    whatever its size.
    """
    organisations = Organisation.objects.active().matching(text)
    if legal_form in LegalForm.values:
        organisations = organisations.filter(legal_form=legal_form)
    if area:
        organisations = organisations.filter(areas__number=area)
    if public_benefit == "tak":
        organisations = organisations.filter(is_public_benefit=True)
    elif public_benefit == "nie":
        organisations = organisations.filter(is_public_benefit=False)
    return organisations.prefetch_related(
        Prefetch("areas", queryset=PublicTaskArea.objects.order_by("sort_key"))
    )


def confirmed_representatives(organisation: Organisation) -> QuerySet[Representative]:
    return organisation.representatives.confirmed().select_related("user")
