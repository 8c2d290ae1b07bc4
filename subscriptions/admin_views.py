"""The summary page of the notifications in the Wagtail admin."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.template.response import TemplateResponse

from subscriptions.models import Follow, NewsletterSubscription

VIEW_PERMISSION = "subscriptions.view_follow"


def summary(request):
    if not request.user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied
    from consultations.models import ConsultationPage

    consultations = (
        ConsultationPage.objects.filter(follows__isnull=False)
        .annotate(
            confirmed=Count("follows", filter=Q(follows__confirmed_at__isnull=False)),
            pending=Count("follows", filter=Q(follows__confirmed_at__isnull=True)),
        )
        .order_by("-opens_at", "title")
    )
    newsletter = NewsletterSubscription.objects.aggregate(
        confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
        pending=Count("pk", filter=Q(confirmed_at__isnull=True)),
    )
    return TemplateResponse(
        request,
        "subscriptions/admin/summary.html",
        {
            "consultations": consultations,
            "newsletter": newsletter,
            "followers": Follow.objects.confirmed().values("email").distinct().count(),
        },
    )
