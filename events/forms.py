from django import forms
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation


def with_seats(tables):
    """Tables with their confirmed count, so each choice can say whether it is full
    (`WorkshopTable.seats_left`). A preview of an unsaved page has its tables in memory:
    nobody is registered there."""
    if not isinstance(tables, QuerySet):
        return tables
    return tables.annotate(
        confirmed=Count("registrations", filter=Q(registrations__status="potwierdzona"))
    )


class RegistrationForm(forms.Form):
    table = forms.ModelChoiceField(
        label=_("Table"), queryset=None, widget=forms.RadioSelect, empty_label=None
    )
    organisation = forms.ModelChoiceField(
        label=_("I register on behalf of"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("nobody (myself)"),
    )
    organisation_name = forms.CharField(
        label=_("…or an organisation not in the directory"), max_length=300, required=False
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. a sign language interpreter, an induction loop, a step-free seat."),
    )
    waitlist = forms.BooleanField(
        label=_("If the table is full, put me on its waiting list"), required=False, initial=True
    )

    def __init__(self, *args, workshop, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["table"].queryset = with_seats(workshop.tables.order_by("sort_order"))
        self.fields["table"].label_from_instance = lambda table: table.name
        if user.is_authenticated:
            # Only organisations the city confirmed the person represents, as for remarks.
            self.fields["organisation"].queryset = Organisation.objects.filter(
                representatives__user=user, representatives__confirmed_at__isnull=False
            ).order_by("search_name")


class MoveForm(forms.Form):
    """Move one's registration to another table of the same meeting."""

    table = forms.ModelChoiceField(
        label=_("Move me to the table"), queryset=None, widget=forms.RadioSelect, empty_label=None
    )

    def __init__(self, *args, registration, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["table"].queryset = with_seats(
            registration.workshop.tables.exclude(pk=registration.table_id).order_by("sort_order")
        )
        self.fields["table"].label_from_instance = lambda table: table.name


class TopicProposalForm(forms.Form):
    """A topic proposed for a table meeting (the rules are in events/proposals.py)."""

    title = forms.CharField(
        label=_("Topic"),
        max_length=200,
        help_text=_("A short name, as for a table: e.g. “Młodzież i przestrzeń miejska”."),
    )
    description = forms.CharField(
        label=_("Why it matters (optional)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the table should discuss, and who would come. At most 3000 characters."),
    )
    organisation = forms.ModelChoiceField(
        label=_("I propose on behalf of"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("nobody (myself)"),
    )
    organisation_name = forms.CharField(
        label=_("…or an organisation not in the directory"), max_length=300, required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.is_authenticated:
            self.fields["organisation"].queryset = Organisation.objects.filter(
                representatives__user=user, representatives__confirmed_at__isnull=False
            ).order_by("search_name")
