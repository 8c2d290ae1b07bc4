"""allauth's forms with the site's wording.

Kept apart from cms.forms: allauth imports ACCOUNT_SIGNUP_FORM_CLASS from there while it
builds its own SignupForm, so that module must not import allauth's forms.
"""

from allauth.account.forms import LoginForm, ResetPasswordForm, SignupForm
from django.utils.translation import gettext_lazy as _


class EmailLoginForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("E-mail address")


class EmailSignupForm(SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mail address")


class EmailResetPasswordForm(ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mail address")
