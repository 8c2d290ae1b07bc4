"""Real headless Chromium (Debian's /usr/bin/chromium) against the real ASGI app on a live port.

Every page a test visits through `visit()` is checked with axe-core for WCAG 2.0/2.1
A and AA violations; one violation fails the test. Every page any test opens, in any
browser context, reports what the Content-Security-Policy blocked; one blocked script,
style, connection or frame fails the test.
"""

import os
import shutil
import socket
import threading
import time
from importlib import import_module

import pytest
import uvicorn
from django.apps import apps

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveASGIServer:
    def __init__(self):
        from cms.asgi import application

        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            application,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            lifespan="off",
            ws="websockets-sansio",  # as bin/serve-production
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self):
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("The live ASGI server did not start within 20 s.")
            time.sleep(0.05)

    def stop(self):
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server_url():
    server = LiveASGIServer()
    server.start()
    yield server.url
    server.stop()


# Runs in every document before its own scripts: reports each Content-Security-Policy
# violation to the test (through a binding, so that it survives the page navigating away).
REPORT_CSP_VIOLATIONS = """
window.addEventListener("securitypolicyviolation", (event) => {
    window.__reportCspViolation({
        page: document.location.href,
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        source: `${event.sourceFile}:${event.lineNumber}`,
        sample: event.sample,
    });
});
"""


class CheckedBrowser:
    """Chromium whose every new context collects the CSP violations of its pages."""

    def __init__(self, browser):
        self._browser = browser
        self.csp_violations = []

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        context.expose_function("__reportCspViolation", self._record)
        context.add_init_script(REPORT_CSP_VIOLATIONS)
        return context

    def _record(self, violation):
        self.csp_violations.append(violation)

    def new_page(self, **options):
        raise NotImplementedError("Open a page in browser.new_context(), which checks the CSP.")

    def __getattr__(self, name):
        return getattr(self._browser, name)


def assert_no_csp_violation(browser):
    violations = list(browser.csp_violations)
    browser.csp_violations.clear()
    assert not violations, "The Content-Security-Policy blocked:\n" + "\n".join(
        str(violation) for violation in violations
    )


@pytest.fixture(autouse=True)
def _no_csp_violation(request):
    """After every browser test: nothing was blocked by the CSP in any page it opened."""
    if "browser" not in request.fixturenames:
        yield
        return
    browser = request.getfixturevalue("browser")
    browser.csp_violations.clear()
    yield
    assert_no_csp_violation(browser)


@pytest.fixture(scope="module")
def browser():
    """Chromium for one test module.

    Playwright's sync API keeps an event loop running in this thread while it is open,
    so it is closed after each module: the async tests elsewhere need the thread free.
    """
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. Install Debian's packages: "
            "apt-get install chromium chromium-driver (or set CHROMIUM_PATH)."
        )
    from playwright.sync_api import sync_playwright

    # The tests' own ORM calls are plain synchronous code, but Django sees Playwright's
    # running loop and would refuse them; allowed only while the browser is open.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield CheckedBrowser(browser)
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="pl-PL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def assert_accessible(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_A_AA}})
    assert results.violations_count == 0, (
        f"axe found WCAG A/AA violations on {page.url}:\n{results.generate_report()}"
    )


@pytest.fixture
def visit(page, browser, live_server_url):
    """Open a path, check it answered, run axe on it and check the CSP blocked nothing."""

    def _visit(path: str, *, expect_status: int = 200):
        response = page.goto(live_server_url + path)
        assert response.status == expect_status, f"{path} answered {response.status}"
        assert_accessible(page)
        assert_no_csp_violation(browser)
        return response

    return _visit


@pytest.fixture
def live_demo():
    """The demo gmina in committed rows the server thread can see.

    Browser tests are transactional: the live server's thread reads committed data.
    The flush after each test also removes Wagtail's root page, and Django's serialized
    rollback cannot restore it here (Playwright's sync API runs the test in a greenlet
    with its own database connection), so what migrate creates is recreated here and
    the demo builds its page tree from nothing.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.core.management.sql import emit_post_migrate_signal

    from demo import gmina as demo
    from organisations.models import PublicTaskArea

    # The flush after the previous test renumbered the content types; forget cached ids.
    ContentType.objects.clear_cache()
    if not ContentType.objects.exists():
        # What `migrate` leaves behind: content types, permissions, groups, django Site.
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    if not PublicTaskArea.objects.exists():
        # Rows that a data migration loads: the art. 4 catalogue of public tasks.
        import_module("organisations.migrations.0002_art_4_areas").load_areas(apps, None)
    demo.build()
    return demo
