"""Three people on one consultation page in real browsers: comments arrive live."""

import re

import pytest
from playwright.sync_api import expect

from demo.gmina import DEMO_PASSWORD
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGE = "/konsultacje/program-wspolpracy-2027/"


def person(browser, live_server_url, email):
    context = browser.new_context(locale="pl-PL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server_url}/konto/login/?next={PAGE}")
    page.get_by_label("Adres e-mail").fill(email)
    page.get_by_label("Hasło").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Zaloguj").click()
    page.wait_for_url(f"**{PAGE}")
    expect(page.locator("[data-discussion][data-live='on']")).to_have_count(1)
    return page


def test_a_comment_a_reply_and_a_hide_reach_everyone_without_reloading(
    live_demo, browser, live_server_url
):
    ewa = person(browser, live_server_url, "ewa.nowicka@example.org")
    jan = person(browser, live_server_url, "jan.wroblewski@example.org")

    # Ewa comments on one paragraph, from its margin link.
    ewa.get_by_role("link", name=re.compile(r"komentarz\w* do § 6 pkt 5")).click()
    ewa.get_by_label("Twój komentarz").fill(
        "Kluby seniora potrzebują stałych lokali w każdej dzielnicy."
    )
    ewa.get_by_role("button", name="Opublikuj").click()
    expect(ewa.get_by_text("Komentarz został opublikowany.")).to_be_visible()
    expect(ewa.locator("[data-discussion][data-live='on']")).to_have_count(1)

    # Jan, whose page was open all along, sees it arrive, and replies.
    arrived = jan.locator("article.comment", has_text="stałych lokali w każdej dzielnicy")
    expect(arrived).to_be_visible()
    expect(jan.locator("[data-live-status]")).to_have_text("Nowy komentarz w dyskusji.")
    comment_id = arrived.get_attribute("data-comment")

    # Jan agrees; the live update of the new count redraws the comment for him, not for an
    # anonymous reader: his button stays pressed and stays a button.
    drawn = arrived.element_handle()
    arrived.get_by_role("button", name=re.compile("Zgadzam się")).click()
    jan.wait_for_function("element => !element.isConnected", arg=drawn)
    expect(
        jan.locator(f"#k-{comment_id}").get_by_role("button", name=re.compile("Zgadzam się"))
    ).to_have_attribute("aria-pressed", "true")
    arrived.get_by_role("link", name="Odpowiedz").click()
    jan.get_by_label("Twój komentarz").fill("Popieram, na Zarzeczu brakuje sali.")
    jan.get_by_role("button", name="Opublikuj").click()
    expect(jan.get_by_text("Komentarz został opublikowany.")).to_be_visible()
    expect(jan.locator("[data-discussion][data-live='on']")).to_have_count(1)

    # Ewa sees the reply under her comment without reloading.
    reply = ewa.locator(f"#k-{comment_id} ~ article.comment", has_text="na Zarzeczu brakuje sali")
    expect(reply).to_be_visible()
    assert_accessible(ewa)

    # A moderator hides Ewa's comment; both open pages show the placeholder.
    moderator = person(browser, live_server_url, "moderator@nadrzecze.example")
    moderator.goto(f"{live_server_url}{PAGE}dyskusja/{comment_id}/moderuj/")
    moderator.get_by_label("Publiczny powód").fill("dane osobowe w treści")
    moderator.get_by_role("button", name="Ukryj").click()
    for page in (ewa, jan):
        expect(page.locator(f"#k-{comment_id}")).to_contain_text(
            "Ukryty przez moderatora: dane osobowe w treści"
        )
        expect(page.get_by_text("na Zarzeczu brakuje sali")).to_be_visible()
    for page in (ewa, jan, moderator):
        page.context.close()


def test_the_comment_form_in_its_error_state_passes_axe(live_demo, browser, live_server_url):
    ewa = person(browser, live_server_url, "ewa.nowicka@example.org")

    ewa.get_by_label("uwaga formalna").check()
    ewa.get_by_role("button", name="Opublikuj").click()

    expect(
        ewa.get_by_text("Uwaga wymaga proponowanego brzmienia lub uzasadnienia.")
    ).to_be_visible()
    expect(ewa.locator("[data-error-summary]")).to_be_focused()  # not the top of the page
    assert_accessible(ewa)
    ewa.context.close()


def test_a_logged_out_reader_is_asked_to_log_in_and_the_page_passes_axe(live_demo, visit, page):
    visit(PAGE)

    expect(
        page.get_by_text("Aby wypowiedzieć się w dyskusji, musisz być zalogowany(-a).")
    ).to_be_visible()
    expect(page.locator("article.comment").first).to_be_visible()
