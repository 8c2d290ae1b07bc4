"""Every route that names a comment by its id shows it only to those the discussion shows
it to (CommentQuerySet.visible_to and readable_by): a truth table of role × comment state
× route. "Leaks" means the response carries the comment's text or its author's name."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from comments.models import Comment, Status
from comments.services import comment_delete, comment_hide, comment_post
from consultations.models import ConsultationPage
from tests.comments.helpers import form_data

pytestmark = pytest.mark.django_db

TEXT = "Kluby seniora w dzielnicach."
AUTHOR = "Ewa Kamińska"  # the `resident` fixture

ROLES = ["anonymous", "resident", "author", "moderator"]
STATES = ["published", "pending", "hidden", "reported-hidden", "deleted"]
ROUTES = [  # the two that write come last
    "fragment",
    "edit",
    "delete",
    "report",
    "moderate",
    "reply-preview",
    "changes",
    "react",
    "reply-post",
]


def readable(role, state) -> bool:
    """Whom the discussion shows the comment to in full."""
    return (
        state == "published"
        or (state == "pending" and role == "author")
        or (state in ("hidden", "reported-hidden") and role == "moderator")
    )


def visible(role, state) -> bool:
    """Whom the discussion shows the comment to at all (hidden and deleted ones as a
    placeholder without text or author)."""
    return state != "pending" or role == "author"


def expected(role, state, route):
    """(status, leaks) for an HTTP route; for reply-post and changes (status, stored or
    listed)."""
    if route == "fragment":  # drawn for its reader, as the discussion shows it to them
        return (200, readable(role, state)) if visible(role, state) else (404, False)
    if route == "changes":
        return 200, visible(role, state)
    if route == "moderate":
        if role != "moderator":
            return 403, False
        return (404, False) if state == "deleted" else (200, True)
    if route == "reply-preview":
        return 200, role != "anonymous" and readable(role, state)
    if not readable(role, state):
        if route == "reply-post":  # refused in the form: "no longer exists"
            return (302, False) if role == "anonymous" else (400, False)
        return 404, False
    if route in ("edit", "delete"):
        return (200, True) if role == "author" else (403, False)
    if route == "report":
        return (302, False) if role == "anonymous" else (200, True)
    if route == "react":
        if role == "anonymous":
            return 302, False
        if role == "author" or state != "published":
            return 400, False  # one's own comment; a hidden one
        return 200, False
    if route == "reply-post":
        if role == "anonymous":
            return 302, False
        return (302, True) if state == "published" else (400, False)
    raise AssertionError(route)


CASES = [pytest.param(role, state, id=f"{role}-{state}") for role in ROLES for state in STATES]


@pytest.fixture
def people(resident, other_resident, moderator):
    return {
        "anonymous": None,
        "resident": other_resident,
        "author": resident,
        "moderator": moderator,
    }


def comment_in(state, page, author, moderator) -> Comment:
    if state == "pending":
        ConsultationPage.objects.filter(pk=page.pk).update(comments_premoderated=True)
        page.comments_premoderated = True
    comment = comment_post(page=page, user=author, text=TEXT)
    ConsultationPage.objects.filter(pk=page.pk).update(comments_premoderated=False)
    page.comments_premoderated = False
    if state == "hidden":
        comment_hide(comment=comment, moderator=moderator, reason="narusza regulamin")
    elif state == "reported-hidden":
        Comment.objects.filter(pk=comment.pk).update(status=Status.REPORTED, is_public=False)
    elif state == "deleted":
        comment_delete(comment=comment, user=author)
    return comment


def comment_form_of(html: str) -> str:
    found = re.search(r'<form[^>]*id="comment-form".*?</form>', html, flags=re.DOTALL)
    return found.group(0) if found else ""


def leaks(role, html: str) -> bool:
    # The author's own name is in the page header once they are logged in.
    return TEXT in html or (role != "author" and AUTHOR in html)


def outcome(route, client, base, comment):
    """What `route` answers about `comment`: (status, leaks) or (status, stored/listed)."""
    json = {"HTTP_ACCEPT": "application/json"}
    if route == "changes":
        since = (comment.submit_date - timezone.timedelta(minutes=1)).isoformat()
        response = client.get(f"{base}dyskusja/zmiany/", {"od": since})
        return response.status_code, comment.pk in response.json()["ids"]
    if route == "reply-post":
        if "_auth_user_id" not in client.session:
            response = client.post(f"{base}dyskusja/dodaj/", {"reply_to": comment.pk})
        else:
            data = form_data(client, base, reply_to=str(comment.pk), comment="Popieram.")
            response = client.post(f"{base}dyskusja/dodaj/", data)
        stored = Comment.objects.filter(parent_id=comment.pk).exclude(pk=comment.pk).exists()
        return response.status_code, stored
    if route == "fragment":
        response = client.get(f"{base}dyskusja/{comment.pk}/", **json)
    elif route == "react":
        response = client.post(
            f"{base}dyskusja/{comment.pk}/reakcja/", {"value": "zgadzam-sie"}, **json
        )
    elif route == "reply-preview":
        response = client.get(base, {"odpowiedz": comment.pk})
    else:
        path = {"edit": "edytuj", "delete": "usun", "report": "zglos", "moderate": "moderuj"}
        response = client.get(f"{base}dyskusja/{comment.pk}/{path[route]}/")
    return response.status_code, response.content.decode()


@pytest.mark.parametrize(("role", "state"), CASES)
def test_a_comment_route_shows_the_comment_only_to_whom_the_discussion_shows_it(
    role, state, consultation, people, subtests
):
    """One comment per role and state (setting up costs seconds); each route is a subtest
    named role-state-route, e.g. `resident-hidden-report`."""
    comment = comment_in(state, consultation, people["author"], people["moderator"])
    client = Client()
    if people[role] is not None:
        client.force_login(people[role])

    for route in ROUTES:
        with subtests.test(msg=f"{role}-{state}-{route}"):
            status, answer = outcome(route, client, consultation.url, comment)
            if isinstance(answer, str):
                if route == "reply-preview":
                    answer = comment_form_of(answer)  # below it, what visible_to shows
                answer = leaks(role, answer)

            assert (status, answer) == expected(role, state, route)
