from django import forms
from django.utils.translation import gettext_lazy as _

from organisations.models import LegalForm, PublicTaskArea, RepresentativeRole


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=200)
    forma = forms.ChoiceField(
        label=_("Legal form"),
        required=False,
        choices=[("", _("all forms")), *LegalForm.choices],
    )
    sfera = forms.ChoiceField(label=_("Area of public tasks"), required=False)
    opp = forms.ChoiceField(
        label=_("Public benefit status (OPP)"),
        required=False,
        choices=[("", _("any")), ("tak", _("OPP only")), ("nie", _("without OPP status"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sfera"].choices = [
            ("", _("all areas")),
            *((area.number, str(area)) for area in PublicTaskArea.objects.in_force()),
        ]


class RepresentativeDeclarationForm(forms.Form):
    role = forms.ChoiceField(
        label=_("I act for this organisation as"), choices=RepresentativeRole.choices
    )


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8, columns separated by ; or , with a header line. Nothing is saved "
            "until you confirm the preview."
        ),
    )
