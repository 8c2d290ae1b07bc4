"""Polish register numbers: KRS, NIP and REGON, with their check digits.

Each `normalise_*` strips what people type around the digits (spaces, hyphens, a "PL"
prefix on NIP); each `validate_*` raises ValidationError with a Polish message.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
REGON9_WEIGHTS = (8, 9, 2, 3, 4, 5, 6, 7)
REGON14_WEIGHTS = (2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8)


def _digits(value: str) -> str:
    return re.sub(r"[\s\-.]", "", value or "")


def normalise_krs(value: str) -> str:
    digits = _digits(value)
    # KRS numbers are often written without their leading zeros.
    return digits.zfill(10) if digits.isdigit() and len(digits) <= 10 else digits


def normalise_nip(value: str) -> str:
    digits = _digits(value)
    return digits[2:] if digits.upper().startswith("PL") else digits


def normalise_regon(value: str) -> str:
    return _digits(value)


def weighted_check(digits: str, weights: tuple[int, ...]) -> int:
    """Σ digit × weight mod 11: the check of NIP and REGON."""
    return sum(int(digit) * weight for digit, weight in zip(digits, weights, strict=False)) % 11


def validate_krs(value: str) -> None:
    digits = normalise_krs(value)
    if not (digits.isdigit() and len(digits) == 10) or digits == "0" * 10:
        raise ValidationError(_("A KRS number has 10 digits, e.g. 0000123456."), code="invalid_krs")


def validate_nip(value: str) -> None:
    digits = normalise_nip(value)
    if not (digits.isdigit() and len(digits) == 10):
        raise ValidationError(
            _("A NIP has 10 digits, e.g. 123-456-32-18."), code="invalid_nip_format"
        )
    check = weighted_check(digits, NIP_WEIGHTS)
    if check == 10 or check != int(digits[9]):
        raise ValidationError(
            _("This NIP has a wrong check digit: please check it for a typo."),
            code="invalid_nip_checksum",
        )


def _regon_check(digits: str, weights: tuple[int, ...]) -> bool:
    check = weighted_check(digits, weights)
    return (0 if check == 10 else check) == int(digits[len(weights)])


def validate_regon(value: str) -> None:
    digits = normalise_regon(value)
    if not (digits.isdigit() and len(digits) in (9, 14)):
        raise ValidationError(
            _("A REGON has 9 digits (or 14 for a local unit)."), code="invalid_regon_format"
        )
    valid = _regon_check(digits[:9], REGON9_WEIGHTS)
    if len(digits) == 14:
        valid = valid and _regon_check(digits, REGON14_WEIGHTS)
    if not valid:
        raise ValidationError(
            _("This REGON has a wrong check digit: please check it for a typo."),
            code="invalid_regon_checksum",
        )
