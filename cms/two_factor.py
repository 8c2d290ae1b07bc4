"""Two-factor authentication for staff (allauth.mfa, TOTP with recovery codes).

Superusers and members of the staff groups can publish, approve and hide what others
write; a stolen password alone must not be enough. Once they have set up an authenticator
app, allauth asks for its code at every log-in. Until then they may use only the account
pages (/konto/: setting it up, logging out) and are sent to set it up from anywhere else,
the admin included. Residents may turn it on from *Log-in security* (/konto/2fa/).
"""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from cms.models import User
from core.roles import COORDINATORS, MODERATORS, PLENIPOTENTIARIES

STAFF_GROUPS = [COORDINATORS, PLENIPOTENTIARIES, MODERATORS]


def staff_without_two_factor(user) -> bool:
    """True for a superuser or a member of a staff group who has not set up TOTP yet."""
    if not user.is_authenticated:
        return False
    return (
        User.objects.filter(pk=user.pk)
        .filter(Q(is_superuser=True) | Q(groups__name__in=STAFF_GROUPS))
        .exclude(authenticator__type=Authenticator.Type.TOTP)
        .exists()
    )


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.exempt = ("/konto/", settings.STATIC_URL, settings.MEDIA_URL, "/health")

    def __call__(self, request):
        if (
            settings.STAFF_TWO_FACTOR_REQUIRED
            and not request.path.startswith(self.exempt)
            and staff_without_two_factor(request.user)
        ):
            messages.warning(
                request,
                _(
                    "Your account can change what the public sees, so it needs two-factor "
                    "authentication. Set up an authenticator app to continue."
                ),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
