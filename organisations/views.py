from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from organisations.forms import DirectoryFilterForm, RepresentativeDeclarationForm
from organisations.models import Organisation
from organisations.selectors import confirmed_representatives, directory_search
from organisations.services import representative_declare

PAGE_SIZE = 25


def directory(request):
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    organisations = directory_search(
        text=filters.get("q", ""),
        legal_form=filters.get("forma", ""),
        area=filters.get("sfera", ""),
        public_benefit=filters.get("opp", ""),
    )
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("strona"))
    query = request.GET.copy()
    query.pop("strona", None)
    return render(
        request,
        "organisations/directory.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "filtered": any(filters.values()),
        },
    )


def detail(request, pk, slug):
    organisation = get_object_or_404(Organisation.objects.active(), pk=pk)
    if slug != organisation.slug:
        return redirect(organisation, permanent=True)
    own_representation = (
        organisation.representatives.filter(user=request.user).first()
        if request.user.is_authenticated
        else None
    )
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "areas": organisation.areas.order_by("sort_key"),
            "representatives": confirmed_representatives(organisation),
            "own_representation": own_representation,
            "declaration_form": RepresentativeDeclarationForm(),
        },
    )


@login_required
@require_POST
def declare_representative(request, pk):
    organisation = get_object_or_404(Organisation.objects.active(), pk=pk)
    form = RepresentativeDeclarationForm(request.POST)
    if form.is_valid():
        try:
            representative_declare(
                user=request.user, organisation=organisation, role=form.cleaned_data["role"]
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request,
                _(
                    "Thank you. A coordinator will confirm that you represent %(name)s; "
                    "until then you are shown as not confirmed."
                )
                % {"name": organisation.name},
            )
    else:
        messages.error(request, _("Choose your role in the organisation."))
    return redirect(organisation)


@login_required
def my_organisations(request):
    return render(
        request,
        "organisations/my_organisations.html",
        {
            "representations": request.user.representations.select_related("organisation").order_by(
                "organisation__search_name"
            )
        },
    )
