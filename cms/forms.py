"""Forms of the site shell."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SignupDetailsForm(forms.Form):
    """Extra sign-up fields for allauth: the name shown next to what a person writes."""

    first_name = forms.CharField(label=_("First name"), max_length=150, strip=True)
    last_name = forms.CharField(label=_("Last name"), max_length=150, strip=True)

    field_order = ["first_name", "last_name"]

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])


class AccountDeleteForm(forms.Form):
    """Deleting an account asks for the password again: a left-open session is not enough."""

    password = forms.CharField(
        label=_("Your password"), strip=False, widget=forms.PasswordInput(render_value=False)
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."), code="wrong_password")
        return password
