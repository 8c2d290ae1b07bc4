import pytest
from django.core.exceptions import ValidationError

from organisations.validators import validate_krs, validate_nip, validate_regon


@pytest.mark.parametrize(
    "nip", ["1588139989", "698-797-30-99", "114 170 75 35", "PL6455681516", "pl 645-568-15-16"]
)
def test_well_formed_nips_with_a_right_check_digit_pass(nip):
    validate_nip(nip)


@pytest.mark.parametrize("nip", ["1588139988", "698-797-30-91", "6455681510"])
def test_a_nip_with_a_wrong_check_digit_is_refused(nip):
    with pytest.raises(ValidationError, match="cyfrę kontrolną"):
        validate_nip(nip)


def test_a_nip_whose_checksum_remainder_is_ten_is_never_valid():
    for last_digit in "0123456789":
        with pytest.raises(ValidationError):
            validate_nip("316369942" + last_digit)


@pytest.mark.parametrize("nip", ["158813998", "15881399890", "ABC8139989", ""])
def test_a_nip_of_the_wrong_shape_is_refused(nip):
    with pytest.raises(ValidationError, match="10 cyfr"):
        validate_nip(nip)


@pytest.mark.parametrize("regon", ["948939499", "482-141-626", "105218545", "94893949991454"])
def test_nine_and_fourteen_digit_regons_with_right_check_digits_pass(regon):
    validate_regon(regon)


@pytest.mark.parametrize("regon", ["948939498", "482141620", "94893949991455"])
def test_a_regon_with_a_wrong_check_digit_is_refused(regon):
    with pytest.raises(ValidationError, match="cyfrę kontrolną"):
        validate_regon(regon)


def test_a_local_unit_regon_needs_a_valid_nine_digit_base():
    # the 14-digit check digit is right, but the first nine digits are not a REGON
    with pytest.raises(ValidationError):
        validate_regon("94893949891459")


@pytest.mark.parametrize("regon", ["94893949", "9489394990", "94893949991", "REGON1234"])
def test_a_regon_of_the_wrong_length_is_refused(regon):
    with pytest.raises(ValidationError, match="9 cyfr"):
        validate_regon(regon)


@pytest.mark.parametrize("krs", ["0000123456", "123456", "0000 012 345"])
def test_krs_numbers_pass_with_or_without_leading_zeros(krs):
    validate_krs(krs)


@pytest.mark.parametrize("krs", ["00001234567", "KRS0012345", "0000000000", ""])
def test_malformed_krs_numbers_are_refused(krs):
    with pytest.raises(ValidationError, match="10 cyfr"):
        validate_krs(krs)
