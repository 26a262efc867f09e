"""Headless Chromium (Debian's package, driven by Playwright) playing real SCORM packages
against the live Django server. A missing browser fails the tests; nothing is skipped."""

import time
from pathlib import Path

import pytest
from django.conf import settings

from scorm_player.access import register_access_rule, unregister_access_rule
from scorm_player.models import Attempt

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
    "--no-first-run", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium chromium-driver")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(autouse=True)
def allow_orm_beside_playwright(monkeypatch):
    # Playwright's sync API keeps its asyncio loop registered as "running" on the test's
    # thread, so Django would refuse the test's own ORM calls. The server under test runs in
    # its own thread and keeps the check.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


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


def wait_for_attempt(predicate, *, timeout=20, what="the attempt"):
    """Poll the database until the learner's attempt satisfies `predicate`; return it."""
    deadline = time.monotonic() + timeout
    attempt = None
    while time.monotonic() < deadline:
        attempt = Attempt.objects.order_by("-pk").first()
        if attempt is not None and predicate(attempt):
            return attempt
        time.sleep(0.2)
    state = attempt.state if attempt else None
    raise AssertionError(f"{what} was not saved within {timeout}s; last attempt state: {state!r}")
