"""A real Chromium (Debian's package) driven by Playwright against Django's live server.

Browser tests are skipped with a clear reason when /usr/bin/chromium is missing,
and fail instead when REQUIRE_BROWSER=1 (CI installs Chromium and sets it).
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls made by
# the test itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium():
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        message = (
            f"Chromium is not installed at {CHROMIUM}: browser tests not run "
            "(apt-get install -y chromium fonts-noto-cjk)."
        )
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server, transactional_db):
    from tests.factories import load_reference_data

    load_reference_data()
    context = chromium.new_context(
        locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    yield page
    context.close()


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str):
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def sign_in(page, username, next_url=None, prefix=""):
    """Sign in on the sign-in page (`prefix="/en"` for English), as a user would.

    Without `next_url` the user lands where the portal sends their role; the
    journeys start so. Other browser tests pass `next_url` to begin at the page
    they test.
    """
    from portal.demo import DEMO_PASSWORD

    query = f"?next={next_url}" if next_url else ""
    page.goto(f"{page.base_url}{prefix}/admin/login/{query}")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("form#login-form [type=submit]")
    page.wait_for_load_state()


def sign_out(page):
    """Sign out with the button of the staff menu or of the admin's user tools."""
    with page.expect_navigation():
        page.locator(".staff-nav__user button, #logout-form button").first.click()
    page.wait_for_load_state()
