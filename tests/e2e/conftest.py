"""Headless Chromium (Debian's package, driven by Playwright) playing real SCORM packages
against the live Django server. A missing browser fails the tests; nothing is skipped."""

import os
from pathlib import Path

import pytest
from django.conf import settings

from scorm_player.access import register_access_rule, unregister_access_rule

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
    "--no-first-run", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="package")
def browser(django_db_setup):
    """One Chromium for the e2e tests; stopped when they are done.

    Playwright's sync API keeps its asyncio loop registered as running on this thread, and
    Django then refuses ORM calls from it ("You cannot call this from an async context").
    The test database is therefore created before Playwright starts, ORM calls are allowed
    only while it runs, and it stops at the end of tests/e2e (not of the session) so that
    later tests keep Django's check. The server under test runs in its own thread.
    """
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium chromium-driver")
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def learner(django_user_model):
    return django_user_model.objects.create_user("hoc-vien", password="x-strong-password-1", first_name="Lan", last_name="Trần")


@pytest.fixture
def learner_may_play(learner):
    """The learner may play every version (the player's access rule as an upper layer registers it)."""

    def rule(user, version):
        return user.pk == learner.pk

    register_access_rule(rule)
    yield
    unregister_access_rule(rule)


class CommitLog:
    """Every answer of the commit endpoint a page received."""

    def __init__(self):
        self.responses = []

    def record(self, response):
        if "/scorm/commit/" in response.url:
            try:
                body = response.text()
            except Exception:  # noqa: BLE001 - the page closed before the body was read
                body = ""
            self.responses.append((response.status, body))

    def failures(self):
        return [(status, body) for status, body in self.responses if status >= 400]


@pytest.fixture
def learner_context(browser, live_server, client, learner, learner_may_play):
    """A browser context logged in as the learner (the session cookie of a forced login)."""
    client.force_login(learner)
    context = browser.new_context(base_url=live_server.url)
    context.add_cookies([{
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }])
    context.commit_log = CommitLog()
    context.on("response", context.commit_log.record)
    yield context
    context.close()

