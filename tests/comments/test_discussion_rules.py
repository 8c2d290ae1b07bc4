"""Moderators' decisions cite the rules of the discussion: the demo has them, and the
discussion links them beside the form, under a hidden comment and beside a block
(issue 17, item 16)."""

import lxml.html
import pytest

from cms.models import GminaSettings
from comments.services import comment_hide, comment_post, commenter_block

pytestmark = pytest.mark.django_db


@pytest.fixture
def rules(demo_site):
    return GminaSettings.objects.get().discussion_rules_page


def discussion(client, page):
    document = lxml.html.fromstring(client.get(page.url).content.decode())
    return document.get_element_by_id("dyskusja")


def links(element, text):
    return [
        link.get("href")
        for link in element.xpath(".//a")
        if text.lower() in link.text_content().lower()
    ]


def test_the_demo_has_rules_of_the_discussion_with_an_appeal(client, rules):
    html = client.get(rules.url).content.decode()

    assert rules.title == "Regulamin dyskusji"
    assert "Co robią moderatorzy" in html and "Odwołanie" in html


def test_the_discussion_links_the_rules_beside_the_form(client, consultation, rules):
    section = discussion(client, consultation)

    assert links(section, "regulamin dyskusji") == [rules.url]


def test_a_hidden_comment_links_the_rules_it_was_hidden_under(
    client, consultation, resident, moderator, rules
):
    comment = comment_post(page=consultation, user=resident, text="Sprzedam działkę, tanio!")
    comment_hide(comment=comment, moderator=moderator, reason="ogłoszenie handlowe (pkt 4)")

    placeholder = discussion(client, consultation).get_element_by_id(f"k-{comment.pk}")

    assert links(placeholder, "Regulamin dyskusji") == [rules.url]


def test_a_blocked_person_is_shown_the_rules_and_how_to_appeal(
    client, consultation, resident, moderator, rules
):
    commenter_block(user=resident, moderator=moderator, reason="powtarzające się wyzwiska")
    client.force_login(resident)

    form = discussion(client, consultation).get_element_by_id("formularz")

    assert links(form, "sposób odwołania") == [rules.url]


def test_without_a_rules_page_the_discussion_shows_no_dead_link(client, consultation, rules):
    GminaSettings.objects.update(discussion_rules_page=None)

    section = discussion(client, consultation)

    assert links(section, "regulamin") == []
