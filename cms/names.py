"""Names people give themselves: cleaned, and never passing for the office.

A name appears next to everything a person writes. "Urząd Miasta" or "Moderator" next to
a remark would read as the city speaking, so sign-up refuses such names; a coordinator
can give them in the admin (Users), where this check does not apply, once confirmed.
"""

import re

from anyascii import anyascii
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Whole words (after transliteration, so "Urzad" and a Cyrillic "Аdmin" count too) that
# only the office may use in a name, with their Polish inflections.
_OFFICE_WORDS = re.compile(
    r"\b("
    r"urz[ae]d(u|em|zie|y|ow|ami|om|ach)?|admin(istrator\w*|istracj\w*)?|moderator\w*"
    r"|prezydent\w*|burmistrz\w*|wojt(a|owi|em|ie)?"
    r"|koordynator\w*|pelnomocni\w*|gmin(a|y|ie|e|o)|magistrat\w*|ratusz\w*"
    r"|sekretariat\w*|rad(a|y|zie) (miasta|gminy|miejsk\w*)|official|office|mayor"
    r")\b"
)


def _comparable(text: str) -> str:
    return " ".join(anyascii(text).casefold().split())


def imitates_the_office(name: str, *, gmina_name: str = "") -> bool:
    """True when `name` contains a word of the office or the gmina's own name."""
    name = _comparable(name)
    if _OFFICE_WORDS.search(name):
        return True
    gmina_name = _comparable(gmina_name)
    return bool(gmina_name) and gmina_name in name


def default_gmina_name() -> str:
    from wagtail.models import Site

    from cms.models import GminaSettings

    site = Site.objects.filter(is_default_site=True).first()
    return GminaSettings.for_site(site).name if site else ""


def validate_display_name(first_name: str, last_name: str) -> None:
    """Refuse a name that would pass for the office (sign-up and the profile form); the
    error names the field that gives it away."""
    gmina_name = default_gmina_name()
    if imitates_the_office(first_name, gmina_name=gmina_name):
        field = "first_name"
    elif imitates_the_office(f"{first_name} {last_name}", gmina_name=gmina_name):
        field = "last_name"
    else:
        return
    message = _(
        "This name could be taken for the city office. A name like this is used only after "
        "a coordinator confirms it: write to the office, or give your own name."
    )
    raise ValidationError({field: ValidationError(message, code="office_name")})
