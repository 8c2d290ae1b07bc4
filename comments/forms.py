"""The comment form: django-comments-xtd's form (security hash, honeypot, reply_to,
follow-up) without the anonymous name/e-mail/URL fields, plus the consultation form's
fields for a formal remark. Field checks only: the rules live in comments.services."""

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.forms import XtdCommentForm

from comments.models import Kind
from organisations.models import Organisation


class CommentForm(XtdCommentForm):
    kind = forms.ChoiceField(
        label=_("What do you want to post?"),
        choices=Kind.choices,
        initial=Kind.COMMENT,
        widget=forms.RadioSelect,
    )
    paragraph = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)
    organisation = forms.ModelChoiceField(
        label=_("Posted"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("in my own name"),
    )
    fragment = forms.CharField(label=_("Fragment of the draft"), max_length=200, required=False)
    current_wording = forms.CharField(
        label=_("Current wording"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    proposed_wording = forms.CharField(
        label=_("Proposed wording"),
        required=False,
        max_length=settings.COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    justification = forms.CharField(
        label=_("Justification"),
        required=False,
        max_length=settings.COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    official = forms.BooleanField(
        label=_("Post as the position of the city office"), required=False
    )

    def __init__(self, target_object, *args, user=None, **kwargs):
        super().__init__(target_object, *args, **kwargs)
        self._user = user
        self.fields["reply_to"].validators.append(MaxValueValidator(999_999_999))
        for name in ("name", "email", "url"):
            del self.fields[name]  # people are logged in; their account says who they are
        text = self.fields["comment"]
        text.label = _("Your comment")
        text.required = False
        text.widget = forms.Textarea(
            attrs={"rows": 5, "maxlength": settings.COMMENT_MAX_LENGTH, "data-counter": ""}
        )
        text.help_text = _("Plain text; links become clickable. At most %(max)s characters.") % {
            "max": settings.COMMENT_MAX_LENGTH
        }
        self.fields["followup"].label = _("E-mail me when someone replies")
        self.fields["followup"].widget.attrs.pop("class", None)
        self.fields["honeypot"].label = _("Leave this field empty")
        if user is not None and user.is_authenticated:
            self.fields["organisation"].queryset = Organisation.objects.filter(
                representatives__user=user, representatives__confirmed_at__isnull=False
            ).order_by("search_name")
        if not self.fields["organisation"].queryset.exists():
            del self.fields["organisation"]
        if user is None or not user.has_perm("comments.post_official"):
            del self.fields["official"]

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("kind") == Kind.REMARK:
            if not (cleaned_data.get("proposed_wording") or cleaned_data.get("justification")):
                self.add_error(
                    "proposed_wording",
                    _("A remark needs the proposed wording or its justification."),
                )
        elif not (cleaned_data.get("comment") or "").strip():
            self.add_error("comment", _("Write your comment."))
        return cleaned_data

    def refreshed(self):
        """The same form, its text kept, with a new security timestamp (the old one may be
        more than two hours old after a long writing session)."""
        data = self.data.copy()
        data.update(self.generate_security_data())
        form = type(self)(self.target_object, data, user=self._user)
        form.is_valid()
        return form


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should a moderator look at this comment?"), max_length=300
    )


class ModerationForm(forms.Form):
    reason = forms.CharField(label=_("Public reason"), max_length=300, required=False)


class EditForm(forms.Form):
    comment = forms.CharField(
        label=_("Your comment"),
        max_length=settings.COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "data-counter": ""}),
    )
