"""A refused comment brings the reader back to the form: the error summary is the page's
focus target and the form's address points at it, with the text they wrote."""

import pytest
from django.urls import reverse

from tests.comments.helpers import form_data

pytestmark = pytest.mark.django_db

TEXT = "Proszę o dłuższe godziny otwarcia świetlicy na Zawodziu."


def test_a_refused_comment_comes_back_with_a_focusable_error_summary_at_the_form(
    client, consultation, resident
):
    client.force_login(resident)
    data = form_data(client, consultation.url, comment=TEXT, reply_to="999999")

    response = client.post(consultation.url + "dyskusja/dodaj/", data)

    html = response.content.decode()
    assert response.status_code == 400
    assert (
        '<div class="form-errors" role="alert" tabindex="-1" data-error-summary '
        'id="bledy-komentarza">' in html
    )
    action = reverse("comments:post", args=[consultation.pk])
    assert f'action="{action}#bledy-komentarza"' in html
    assert "/static/cms/errors.js" in html  # moves the focus to the summary
    assert TEXT in html
