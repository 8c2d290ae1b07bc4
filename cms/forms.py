"""Forms of the site shell."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.models import User
from cms.names import validate_display_name
from core.text import clean_name


class NameFieldsMixin:
    """First and last name cleaned like comment text and never passing for the office."""

    def clean_first_name(self):
        return self._clean_name("first_name")

    def clean_last_name(self):
        return self._clean_name("last_name")

    def _clean_name(self, field):
        name = clean_name(self.cleaned_data[field])
        if not name:  # nothing left but invisible characters
            raise forms.ValidationError(self.fields[field].error_messages["required"])
        return name

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("first_name") and cleaned_data.get("last_name"):
            try:
                validate_display_name(cleaned_data["first_name"], cleaned_data["last_name"])
            except forms.ValidationError as error:
                self.add_error(None, error)
        return cleaned_data


class SignupDetailsForm(NameFieldsMixin, forms.Form):
    """Extra sign-up fields for allauth: the name shown next to what a person writes."""

    first_name = forms.CharField(label=_("First name"), max_length=150, strip=True)
    last_name = forms.CharField(label=_("Last name"), max_length=150, strip=True)

    field_order = ["first_name", "last_name"]

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])


class ProfileNameForm(NameFieldsMixin, forms.ModelForm):
    """A person's own name, changed later under /konto/imie-i-nazwisko/."""

    first_name = forms.CharField(label=_("First name"), max_length=150, strip=True)
    last_name = forms.CharField(label=_("Last name"), max_length=150, strip=True)

    class Meta:
        model = User
        fields = ["first_name", "last_name"]


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
