"""The public pages under their Content-Security-Policy in a real browser: nothing is
blocked (conftest.py fails the test on any violation) and the live updates still connect."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONSULTATION = "/konsultacje/program-wspolpracy-2027/"
WORKSHOP = f"{CONSULTATION}spotkanie-stolikowe/"
CLOSED = "/konsultacje/program-wspolpracy-2026/"  # its statistics draw bars


def test_the_public_pages_block_nothing_and_their_live_updates_connect(live_demo, visit, page):
    home = visit("/")
    directives = dict(
        d.strip().split(" ", 1) for d in home.headers["content-security-policy"].split(";")
    )
    assert directives["script-src"] == "'self'"

    visit(CONSULTATION)
    expect(page.locator("[data-discussion][data-live='on']")).to_have_count(1)

    visit(WORKSHOP)
    expect(page.locator("[data-workshop-seats][data-live='on']")).to_have_count(1)

    visit(CLOSED)
    visit(f"{CLOSED}raport/")
