"""Headless Chromium (Debian's package, driven by Playwright) playing real SCORM packages
against the live Django server. A missing browser fails the tests; nothing is skipped."""

import logging
import os
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

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
    """Answers of the commit endpoint: those the pages received, and what the server logged.

    The server's log also covers the last commit of a closing tab, whose answer no page
    is left to receive (Django logs every 4xx/5xx answer on "django.request").
    """

    def __init__(self, caplog):
        self.requests = []  # the commit bodies the pages sent
        self.responses = []
        self._caplog = caplog

    def record_request(self, request):
        if "/scorm/commit/" in request.url and request.method == "POST":
            self.requests.append(request.post_data_json)

    def record(self, response):
        if "/scorm/commit/" in response.url:
            try:
                body = response.text()
            except Exception:  # noqa: BLE001 - the page closed before the body was read
                body = ""
            self.responses.append((response.status, body))

    def failures(self):
        seen = [(status, body) for status, body in self.responses if status >= 400]
        logged = [
            (getattr(record, "status_code", None), record.getMessage())
            for record in self._caplog.records
            if record.name == "django.request" and "/scorm/commit/" in record.getMessage()
        ]
        return seen + logged


class NetworkLink:
    """The learner's connection: a TCP relay to the live server that can drop like a phone losing signal.

    Playwright's `context.set_offline` emulates offline per page: a keepalive request that a
    closing page hands to the browser escapes it and reaches the server. A dropped relay
    stops every request, as a real outage does.
    """

    def __init__(self, target_url):
        target = urlsplit(target_url)
        self._target = (target.hostname, target.port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._up = True
        self._latency = 0.0
        self._lock = threading.Lock()
        self._sockets = set()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                incoming, _ = self._listener.accept()
            except OSError:
                return  # closed
            if not self._up:
                incoming.close()
                continue
            try:
                outgoing = socket.create_connection(self._target)
            except OSError:
                incoming.close()
                continue
            with self._lock:
                self._sockets.update((incoming, outgoing))
            for source, sink in ((incoming, outgoing), (outgoing, incoming)):
                threading.Thread(target=self._relay, args=(source, sink), daemon=True).start()

    def _relay(self, source, sink):
        try:
            while chunk := source.recv(65536):
                if self._latency:
                    time.sleep(self._latency)
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            self._drop(source, sink)

    def _drop(self, *sockets):
        with self._lock:
            for sock in sockets:
                self._sockets.discard(sock)
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()

    def down(self):
        self._up = False
        with self._lock:
            open_sockets = list(self._sockets)
        self._drop(*open_sockets)

    def up(self):
        self._up = True

    def slow(self, latency):
        """Each stretch of bytes, either way, arrives `latency` seconds late (0: at once),
        as on a weak mobile link."""
        self._latency = latency

    def close(self):
        self._listener.close()
        self.down()


@pytest.fixture
def network_link(live_server):
    link = NetworkLink(live_server.url)
    yield link
    link.close()


@pytest.fixture
def learner_context(browser, network_link, client, learner, learner_may_play, caplog):
    """A browser context logged in as the learner (the session cookie of a forced login),
    reaching the live server through `network_link`."""
    client.force_login(learner)
    context = browser.new_context(base_url=network_link.url)
    context.add_cookies([{
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": network_link.url,
    }])
    caplog.set_level(logging.WARNING, logger="django.request")
    context.commit_log = CommitLog(caplog)
    context.on("request", context.commit_log.record_request)
    context.on("response", context.commit_log.record)
    yield context
    # Pages still open send a last commit when closed; keep it from reaching a server whose
    # database is being emptied for the next test.
    network_link.down()
    context.close()

