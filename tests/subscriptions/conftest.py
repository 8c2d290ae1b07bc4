from datetime import timedelta

import pytest
from django.utils import timezone

from consultations.models import ConsultationPage
from tests.factories import consultation_page


@pytest.fixture
def consultation(demo_site):
    """Announced, not open yet: it opens tomorrow and closes in two weeks."""
    now = timezone.now()
    page = consultation_page(
        slug="program-2028",
        title="Program współpracy na 2028 rok",
        opens_at=now + timedelta(days=1),
        closes_at=now + timedelta(days=15),
    )
    return ConsultationPage.objects.get(pk=page.pk)
