"""Writes of the site shell: accounts and staff roles."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction

from cms.models import User


def account_create(
    *,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    email_verified: bool = False,
) -> User:
    """Create a resident's account as sign-up does, with the e-mail address allauth tracks."""
    with transaction.atomic():
        user = User.objects.create_user(
            email=email, password=password, first_name=first_name, last_name=last_name
        )
        EmailAddress.objects.create(
            user=user, email=user.email, primary=True, verified=email_verified
        )
    return user


def role_assign(*, user: User, role: str) -> None:
    """Put a person in a staff group (one of the names in core.roles)."""
    user.groups.add(Group.objects.get(name=role))
