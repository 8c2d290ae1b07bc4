"""allauth's forms with the site's wording.

Kept apart from cms.forms: allauth imports ACCOUNT_SIGNUP_FORM_CLASS from there while it
builds its own SignupForm, so that module must not import allauth's forms.
"""

from allauth.account.forms import LoginForm, ResetPasswordForm, SignupForm
from django import forms
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
    """Answers the same whether or not the address has an account.

    Sign-up says that an address is taken (ACCOUNT_PREVENT_ENUMERATION is off for that), so
    allauth's form would refuse an unknown address here. Instead the same page follows and
    the address gets a message saying it has no account (allauth's unknown-account e-mail).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mail address")

    def clean_email(self):
        try:
            return super().clean_email()
        except forms.ValidationError as error:
            if error.code != "unknown_email":
                raise
            return self.cleaned_data["email"]  # allauth has set self.users to none
