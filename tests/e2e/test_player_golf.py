"""Headless Chromium plays Rustici's "Golf Explained - Run-time Basic Calls" (SCORM 1.2 and
2004 3rd edition) through the player: bookmark and resume, finishing the quiz, and progress
made offline reaching the server once the connection returns.

The golf SCO (shared/launchpage.html) shows pages in an inner frame (#contentFrame), saves
the page index as the bookmark, commits only when it finishes (LMSFinish/Terminate from its
unload handler, with exit=suspend unless the last page was reached), and asks with confirm()
whether to resume at the bookmark.
"""

import dataclasses
import datetime
import json
import re
import threading
import time
import zipfile
from dataclasses import dataclass
from unittest import mock

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from scorm_player.attempts import KEPT_TOKEN_MAX_AGE, commit_token, kept_commit_token
from scorm_player.models import Attempt
from scorm_player.services import package_import
from tests.e2e.helpers import HIDE_PAGE, SHOW_PAGE, commit_number, wait_for_attempt
from tests.services import shared_fixtures_dir

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FIXTURES = shared_fixtures_dir() / "valid"
UI_TIMEOUT_MS = 15_000


@dataclass
class Golf:
    """What the test needs to know of one golf package, read from its own files."""

    zip_path: object
    version: str  # "1.2" | "2004"
    headings: list  # the <h1> of each page, in the order of the SCO's pageArray
    questions: list  # (id, type, answers, correct answer) from the */questions.js files
    package_version: object = None  # once imported by the test

    def location(self, state):
        cmi = state.get("cmi", {})
        return cmi.get("core", {}).get("lesson_location") if self.version == "1.2" else cmi.get("location")

    def exit(self, state):
        cmi = state.get("cmi", {})
        return cmi.get("core", {}).get("exit") if self.version == "1.2" else cmi.get("exit")

    def entry_path(self):
        return "cmi.core.entry" if self.version == "1.2" else "cmi.entry"

    def location_path(self):
        return "cmi.core.lesson_location" if self.version == "1.2" else "cmi.location"



_QUESTION = re.compile(
    r'new Question\s*\(\s*"(?P<id>[^"]+)",\s*"(?:[^"\\]|\\.)*",\s*(?P<type>QUESTION_TYPE_\w+),\s*'
    r'(?P<answers>null|new Array\((?:[^)"]|"[^"]*")*\)),\s*(?P<correct>"[^"]*"|\w+),',
)


def _read_golf(zip_name, version):
    zip_path = FIXTURES / zip_name
    with zipfile.ZipFile(zip_path) as archive:
        launch_page = archive.read("shared/launchpage.html").decode()
        pages = [path for _, path in sorted(re.findall(r'pageArray\[(\d+)\] = "([^"]+)"', launch_page), key=lambda p: int(p[0]))]
        headings = []
        for path in pages:
            html = archive.read(path.split("?")[0]).decode("utf-8", errors="replace")
            headings.append(re.search(r"<h1>(.*?)</h1>", html, re.S).group(1).strip())
        quiz_topics = re.findall(r"questions=(\w+)", pages[-1])
        questions = []
        for topic in quiz_topics:
            for match in _QUESTION.finditer(archive.read(f"{topic}/questions.js").decode("utf-8", errors="replace")):
                answers = re.findall(r'"([^"]*)"', match["answers"]) if match["answers"] != "null" else None
                questions.append((match["id"], match["type"], answers, match["correct"].strip('"')))
    assert len(pages) == 15 and headings[-1] == "Knowledge Check", (pages, headings)
    assert len(questions) == 15, questions  # 5 playing + 3 etiquette + 4 handicapping + 3 having fun
    return Golf(zip_path=zip_path, version=version, headings=headings, questions=questions)


GOLF = {
    "1.2": _read_golf("RuntimeBasicCalls_SCORM12.zip", "1.2"),
    "2004": _read_golf("RuntimeBasicCalls_SCORM20043rdEdition.zip", "2004"),
}


@pytest.fixture(params=["1.2", "2004"], ids=["scorm12", "scorm2004"])
def golf(request, local_storage):
    package = GOLF[request.param]
    return dataclasses.replace(package, package_version=package_import(file=package.zip_path))


class Player:
    """One browser tab on the player page."""

    def __init__(self, context, golf, query=""):
        self.golf = golf
        self.dialogs = []
        self.script_errors = []
        self.page = context.new_page()
        self.page.set_default_timeout(UI_TIMEOUT_MS)
        self.page.on("dialog", self._accept)
        self.page.on("pageerror", lambda error: self.script_errors.append(str(error)))
        self.page.goto(f"/scorm/play/{golf.package_version.pk}/{query}")
        self.sco = self.page.frame_locator("#sco")
        self.content = self.sco.frame_locator("#contentFrame")

    def _accept(self, dialog):
        self.dialogs.append((dialog.type, dialog.message))
        dialog.accept()

    def shows(self, index):
        expect(self.content.locator("h1")).to_have_text(self.golf.headings[index], timeout=UI_TIMEOUT_MS)

    def next(self, to_index):
        self.sco.locator("#butNext").click()
        self.shows(to_index)

    def read(self):
        """Stay on the page a moment, as a learner reads: the SCORM 1.2 golf SCO reports its
        session time in whole seconds, so a session shorter than one second adds nothing."""
        self.page.wait_for_timeout(1_100)

    def previous(self, to_index):
        self.sco.locator("#butPrevious").click()
        self.shows(to_index)

    def messages(self):
        """What the player may tell the learner, in the page's language."""
        return self.page.evaluate("JSON.parse(document.getElementById('scorm-config').textContent)")["messages"]

    def server_entry(self):
        """The entry the server gave this launch (the player page's embedded state)."""
        cmi = self.page.evaluate("JSON.parse(document.getElementById('scorm-config').textContent)")["state"]["cmi"]
        return cmi["core"]["entry"] if self.golf.version == "1.2" else cmi["entry"]

    def api_value(self, element):
        api = "API" if self.golf.version == "1.2" else "API_1484_11"
        getter = "LMSGetValue" if self.golf.version == "1.2" else "GetValue"
        return self.page.evaluate(f"window.{api}.{getter}({element!r})")

    def sco_frame(self):
        return next(frame for frame in self.page.frames if frame.url.endswith("shared/launchpage.html"))

    def close(self):
        # run_before_unload: the browser closes the tab as a learner does, firing the SCO's
        # beforeunload/unload handlers (its LMSFinish/Terminate) and the player's pagehide.
        # Closing so does not wait for the tab to be gone: wait for it.
        with self.page.expect_event("close"):
            self.page.close(run_before_unload=True)

    def errors_shown(self):
        """Uncaught script errors, and the alerts the golf SCO raises when an API call fails
        ("Could not store a value in the LMS ...")."""
        return self.script_errors + [message for kind, message in self.dialogs if kind != "confirm"]


def test_closing_the_tab_saves_the_bookmark_and_reopening_resumes_there(golf, learner_context):
    first = Player(learner_context, golf)
    first.shows(0)
    expect(first.page.locator("#status")).to_have_text("")  # "Opening…" while the SCO loaded
    assert first.server_entry() == "ab-initio"
    assert first.api_value(golf.entry_path()) == "ab-initio"
    preferences = "cmi.student_preference" if golf.version == "1.2" else "cmi.learner_preference"
    assert first.api_value(preferences + ".language") == "vi"  # the site's language, no other chosen
    first.next(1)
    first.next(2)
    first.next(3)
    first.close()

    saved = wait_for_attempt(lambda a: golf.location(a.state) == "3", what="the bookmark of the closed tab")
    assert golf.exit(saved.state) == "suspend"
    assert saved.closed_at is None and saved.completion_status == "incomplete"

    second = Player(learner_context, golf)
    second.shows(3)  # the SCO asked "resume where you left off?" (accepted) and went to the bookmark
    assert ("confirm", "Would you like to resume from where you previously left off?") in second.dialogs
    assert second.server_entry() == "resume"
    assert second.api_value(golf.entry_path()) == "resume"
    assert Attempt.objects.count() == 1

    # The resumed session saves as well: next page, then Exit choosing "save progress to resume later".
    second.next(4)
    second.read()
    second.sco.locator("#butExit").click()
    resumed = wait_for_attempt(lambda a: golf.location(a.state) == "4" and a.sequence > saved.sequence, what="the resumed session")
    assert golf.exit(resumed.state) == "suspend" and resumed.closed_at is None
    assert resumed.total_seconds > 0

    assert first.errors_shown() == [] and second.errors_shown() == []
    log = learner_context.commit_log
    assert _wait(second.page, lambda: any(status == 200 for status, _ in log.responses)), "the Exit commit got no answer"
    assert log.failures() == [], log.failures()


def _answer_the_quiz(player):
    frame = player.content
    for question_id, question_type, answers, correct in player.golf.questions:
        if question_type == "QUESTION_TYPE_CHOICE":
            frame.locator(f"[id='question_{question_id}_{answers.index(correct)}']").check()
        elif question_type == "QUESTION_TYPE_TF":
            frame.locator(f"[id='question_{question_id}_{'True' if correct == 'true' else 'False'}']").check()
        else:
            frame.locator(f"[id='question_{question_id}_Text']").fill(correct)
    frame.locator("input[value='Submit Answers']").click()
    expect(frame.locator("#test h3").first).to_have_text("Score: 100")


def test_finishing_the_quiz_records_completion_success_score_and_time(golf, learner_context):
    player = Player(learner_context, golf)
    player.shows(0)
    for index in range(1, len(golf.headings)):
        player.next(index)
    _answer_the_quiz(player)
    player.read()
    player.sco.locator("#butExit").click()  # on the last page the SCO exits normally, without asking

    attempt = wait_for_attempt(lambda a: a.closed_at is not None, what="the finished attempt")
    assert attempt.completion_status == "completed"
    assert attempt.success_status == "passed"
    assert attempt.score_raw == 100
    assert attempt.score_scaled == 1.0
    assert attempt.total_seconds > 0
    assert golf.location(attempt.state) == str(len(golf.headings) - 1)

    assert player.errors_shown() == []
    log = learner_context.commit_log
    assert _wait(player.page, lambda: any(status == 200 and json.loads(body).get("closed") is True for status, body in log.responses)), log.responses
    assert log.failures() == [], log.failures()


def _wait(page, predicate, *, timeout_ms=5_000):
    """Poll `predicate` while Playwright keeps delivering the page's events."""
    for _ in range(timeout_ms // 100):
        if predicate():
            return True
        page.wait_for_timeout(100)
    return predicate()


# Offline, the SCO's pages come from the browser's cache (the content view sends
# "Cache-Control: private, max-age=86400"): the learner reads ahead online, steps back,
# loses the connection and moves forward again through pages already loaded once.
PENDING_KEYS = "Object.keys(localStorage).filter(key => key.endsWith(':pending'))"


def _visit_pages_offline_and_close(player, network_link):
    """Pages 1-4 read online, back to 2, then 3 and 4 again offline; the tab is closed
    offline, so Terminate's commit (bookmark "4") cannot leave: it waits in localStorage."""
    player.shows(0)
    for index in (1, 2, 3, 4):
        player.next(index)
    player.previous(3)
    player.previous(2)
    network_link.down()
    player.next(3)
    player.next(4)
    player.read()
    player.close()


def test_pages_visited_offline_are_saved_when_the_module_is_reopened_online(golf, learner_context, network_link):
    _visit_pages_offline_and_close(Player(learner_context, golf), network_link)

    time.sleep(1)  # a request that got through would have been stored by now
    attempt = Attempt.objects.get()
    assert attempt.sequence == 0 and golf.location(attempt.state) in (None, "")

    network_link.up()
    reopened = Player(learner_context, golf)
    # The player replays the queued commit first, then reloads to start from the saved state.
    reopened.shows(4)
    saved = wait_for_attempt(lambda a: golf.location(a.state) == "4", what="the replayed offline commit")
    assert saved.closed_at is None and saved.total_seconds > 0
    assert reopened.server_entry() == "resume"
    assert reopened.page.evaluate(PENDING_KEYS) == []

    assert reopened.errors_shown() == []
    log = learner_context.commit_log
    assert _wait(reopened.page, lambda: any(status == 200 for status, _ in log.responses)), "the replayed commit got no answer"
    assert log.failures() == [], log.failures()


def test_progress_kept_offline_is_sent_from_any_page_of_the_site(golf, learner_context, network_link):
    """The learner closed the module offline and does not open it again: the next page of
    the site they open sends what the device kept."""
    _visit_pages_offline_and_close(Player(learner_context, golf), network_link)
    assert Attempt.objects.get().sequence == 0
    network_link.up()

    page = learner_context.new_page()
    page.set_default_timeout(UI_TIMEOUT_MS)
    page.goto("/my-learning/")
    # Kept with an address that expires (KEPT_TOKEN_MAX_AGE), not the page's own.
    kept_urls = page.evaluate("Object.keys(localStorage).filter(key => key.endsWith(':url')).map(key => localStorage.getItem(key))")
    page_url = f"/scorm/commit/{commit_token(Attempt.objects.get(), golf.version)}/"
    assert len(kept_urls) == 1 and kept_urls[0].startswith("/scorm/commit/") and not kept_urls[0].startswith(page_url), kept_urls
    # Entries that are not commits (a SCO's pages share the origin and its storage) stop nothing.
    page.evaluate("""() => {
        for (const id of [999996, 999997, 999998]) {
            localStorage.setItem(`scorm-attempt-${id}:pending`, 'not JSON');
            localStorage.setItem(`scorm-attempt-${id}:url`, '/scorm/commit/not-a-token/');
        }
    }""")
    saved = wait_for_attempt(lambda a: golf.location(a.state) == "4", what="the commit the device kept")
    assert saved.closed_at is None and saved.total_seconds > 0
    expect(page.locator("#device-progress-saved")).to_have_text(
        "Tiến độ học được giữ trên thiết bị này đã được lưu. Hãy tải lại trang để xem."
    )
    kept = page.evaluate("Object.keys(localStorage).filter(key => key.startsWith('scorm-attempt-')).sort()")
    assert all(key.startswith("scorm-attempt-99999") for key in kept), kept  # only the malformed ones

    # Only to a commit address: a key a SCO planted sends nothing.
    page.evaluate("""() => {
        localStorage.setItem('scorm-attempt-999999:pending', JSON.stringify({seq: 1, cmi: {}}));
        localStorage.setItem('scorm-attempt-999999:url', '/accounts/sign-out/');
    }""")
    sent = []
    page.on("request", lambda request: sent.append((request.method, request.url)))
    page.reload()
    page.wait_for_timeout(4_000)  # the page sends what the device kept 3 s after it loads
    assert [url for method, url in sent if method == "POST" and "/scorm/commit/" not in url] == []
    assert page.evaluate("localStorage.getItem('scorm-attempt-999999:pending')") is not None
    assert learner_context.commit_log.failures() == []


def test_progress_kept_over_30_days_is_left_for_the_modules_own_player(golf, learner_context, network_link):
    """The kept address expired: site pages cannot send it, but they keep it; the module's
    player sends it with its own address."""
    _visit_pages_offline_and_close(Player(learner_context, golf), network_link)
    network_link.up()
    attempt = Attempt.objects.get()
    with mock.patch("time.time", return_value=time.time() - KEPT_TOKEN_MAX_AGE - 3600):
        expired = f"/scorm/commit/{kept_commit_token(attempt, golf.version)}/"
    page = learner_context.new_page()
    page.set_default_timeout(UI_TIMEOUT_MS)
    page.goto("/my-learning/")
    page.evaluate("url => Object.keys(localStorage).filter(key => key.endsWith(':url')).forEach(key => localStorage.setItem(key, url))", expired)
    page.reload()
    page.wait_for_timeout(4_000)  # the page sends what the device kept 3 s after it loads
    assert Attempt.objects.get().sequence == 0
    assert len(page.evaluate(PENDING_KEYS)) == 1

    Player(learner_context, golf).shows(4)
    wait_for_attempt(lambda a: golf.location(a.state) == "4", what="the kept commit, sent by the module's player")


def test_progress_kept_offline_is_sent_from_the_player_of_another_module(golf, learner_context, network_link):
    _visit_pages_offline_and_close(Player(learner_context, golf), network_link)
    network_link.up()
    other = package_import(file=GOLF["1.2"].zip_path)

    page = learner_context.new_page()
    page.set_default_timeout(UI_TIMEOUT_MS)
    page.goto(f"/scorm/play/{other.pk}/")
    attempt = Attempt.objects.get(sco__version=golf.package_version)
    deadline = time.monotonic() + 20
    while golf.location(attempt.state) != "4":
        assert time.monotonic() < deadline, "the other module's commit was not sent"
        time.sleep(0.2)
        attempt.refresh_from_db()
    # Stored before its answer reaches the page, which then forgets the kept commit.
    assert _wait(page, lambda: page.evaluate(PENDING_KEYS) == []), page.evaluate(PENDING_KEYS)


def _commit_from_the_sco(player):
    """The golf SCO commits only when it finishes; a SCO that commits as it goes does this."""
    return player.sco_frame().evaluate("API.LMSCommit('')" if player.golf.version == "1.2" else "API.Commit('')")


def _commit_offline_on_page_2(golf, learner_context):
    """Pages 1 and 2 read online, back to 1; offline (the browser's own offline state: it
    fires "online" when back), page 2 again and a commit from the SCO, which waits queued."""
    player = Player(learner_context, golf)
    player.shows(0)
    player.next(1)
    player.next(2)
    player.previous(1)
    learner_context.set_offline(True)
    player.next(2)
    assert _commit_from_the_sco(player) == "true"
    return player


def test_a_commit_made_offline_is_sent_when_the_connection_returns(golf, learner_context):
    player = _commit_offline_on_page_2(golf, learner_context)
    assert len(player.page.evaluate(PENDING_KEYS)) == 1
    assert Attempt.objects.get().sequence == 0

    learner_context.set_offline(False)
    saved = wait_for_attempt(lambda a: golf.location(a.state) == "2", what="the commit queued offline")
    assert saved.closed_at is None and saved.sequence >= 1
    assert _wait(player.page, lambda: player.page.evaluate(PENDING_KEYS) == [])

    assert player.errors_shown() == []
    log = learner_context.commit_log
    assert log.failures() == [], log.failures()


def test_a_delivery_waiting_to_try_again_goes_as_soon_as_the_connection_returns(golf, learner_context):
    """Sent in the background on a slow link, a commit that failed is tried again after 1,
    2, 5, 10 then 30 s; the connection coming back does not wait for the next try."""
    learner_context.add_init_script("Object.defineProperty(navigator, 'connection', {value: {effectiveType: '2g'}})")
    player = Player(learner_context, golf)
    player.shows(0)
    player.next(1)
    learner_context.set_offline(True)
    answer, _waited, kept = _timed_commit(player)
    assert answer == "true" and kept
    player.page.wait_for_timeout(9_000)  # tries at 0, 1, 3 and 8 s: the next one at 18 s
    assert Attempt.objects.get().sequence == 0

    learner_context.set_offline(False)
    assert _wait(player.page, lambda: golf.location(Attempt.objects.get().state) == "1", timeout_ms=4_000)
    assert _wait(player.page, lambda: _queued(player) is None)



def test_a_replay_on_loading_waiting_to_try_again_goes_as_soon_as_the_connection_returns(
    golf, learner_context, network_link,
):
    """A page opened with a commit kept on the device sends it before the SCO starts; while
    the server cannot be reached it tries again after 1, 2, 5, 10 then 30 s. The connection
    coming back starts the SCO at once, not at the next try."""
    earlier = Player(learner_context, golf)
    earlier.shows(0)
    earlier.next(1)
    network_link.down()
    assert _commit_from_the_sco(earlier) == "true"
    assert _queued(earlier) is not None
    earlier.page.close()
    time.sleep(3)  # the closing page's last commit fails too
    # The player page loads; its commits cannot get through.
    unreachable = lambda route: route.abort("internetdisconnected")  # noqa: E731
    learner_context.route("**/scorm/commit/**", unreachable)
    network_link.up()
    assert Attempt.objects.get().sequence == 0

    later = Player(learner_context, golf)
    later.page.wait_for_timeout(9_000)  # tries at 0, 1, 3 and 8 s: the next one at 18 s
    kept = _queued(later)  # the closing page's last commit, kept in its place
    assert kept is not None and Attempt.objects.get().sequence == 0

    learner_context.unroute("**/scorm/commit/**", unreachable)
    learner_context.set_offline(True)
    learner_context.set_offline(False)  # the browser says "online"
    first = lambda: Attempt.objects.get(number=1)  # noqa: E731
    assert _wait(later.page, lambda: first().sequence == kept["seq"], timeout_ms=4_000)
    assert golf.location(first().state) == "1"
    later.shows(0)  # the SCO starts (after loading again: the commit stored finished the attempt)

def _queued(player):
    """The commit the device keeps for the player's attempt until the network returns."""
    return player.page.evaluate("""() => {
        const config = JSON.parse(document.getElementById("scorm-config").textContent);
        return JSON.parse(localStorage.getItem(config.attemptKey + ":pending"));
    }""")


def test_offline_a_tab_opened_earlier_does_not_replace_what_a_later_tab_queued(golf, learner_context):
    """Tabs of one browser share the device's queue for an attempt. The later tab's commit
    is the one the server would keep; the earlier tab's would be refused."""
    earlier = Player(learner_context, golf)
    earlier.shows(0)
    earlier.next(1)  # online: the browser keeps the page for later
    earlier.previous(0)
    later = Player(learner_context, golf)
    later.shows(0)
    learner_context.set_offline(True)
    later.next(1)
    assert _commit_from_the_sco(later) == "true"
    queued = _queued(later)
    assert queued is not None

    earlier.next(1)
    assert _commit_from_the_sco(earlier) == "false"

    assert _queued(earlier) == queued
    learner_context.set_offline(False)
    saved = wait_for_attempt(lambda a: golf.location(a.state) == "1", what="the later tab's queued commit")
    assert saved.sequence == queued["seq"]
    # Whichever tab sent it, the earlier tab's commits do not take its numbering.
    assert _wait(earlier.page, lambda: _queued(earlier) is None)
    earlier.next(2)
    assert _commit_from_the_sco(earlier) == "false"
    assert Attempt.objects.get().sequence == queued["seq"]


def test_a_commit_queued_offline_is_sent_again_when_the_server_is_busy_as_the_connection_returns(golf, learner_context):
    player = _commit_offline_on_page_2(golf, learner_context)

    refused = []

    def busy_once(route):
        if route.request.method == "POST" and not refused:
            refused.append(route.request.post_data_json["seq"])
            route.fulfill(status=503, content_type="application/json", body='{"result": "false", "errorCode": 391}')
        else:
            route.continue_()

    learner_context.route("**/scorm/commit/**", busy_once)
    learner_context.set_offline(False)
    # Waiting through Playwright: the route handler runs only while the test is inside a Playwright call.
    assert _wait(player.page, lambda: golf.location(Attempt.objects.get().state) == "2", timeout_ms=15_000), "the queued commit, second try"
    saved = Attempt.objects.get()
    assert refused == [saved.sequence]
    assert _wait(player.page, lambda: player.page.evaluate(PENDING_KEYS) == [])
    assert player.errors_shown() == []
    assert [status for status, _body in learner_context.commit_log.failures()] == [503]


def _timed_commit(player):
    """The SCO's Commit: what it answered, how long the SCO waited for it (ms), and whether
    the device kept the commit (read as Commit returns, before any request can end)."""
    call = "API.LMSCommit('')" if player.golf.version == "1.2" else "API.Commit('')"
    return player.sco_frame().evaluate(f"""() => {{
        const started = performance.now();
        const answer = {call};
        const waited = performance.now() - started;
        const key = JSON.parse(parent.document.getElementById("scorm-config").textContent).attemptKey;
        return [answer, waited, localStorage.getItem(key + ":pending") !== null];
    }}""")


def _kept_then_synchronous(player, *, then):
    """The SCO's Commit is kept on the device and sent in the background; that delivery is
    quick, so after `then` (to another page) the next Commit is synchronous again: stored
    when it answers, nothing kept on the device."""
    location = player.api_value(player.golf.location_path())
    answer, _waited, kept = _timed_commit(player)
    assert answer == "true" and kept
    wait_for_attempt(lambda a: player.golf.location(a.state) == location, what="the commit sent in the background")
    assert _wait(player.page, lambda: _queued(player) is None)
    then()
    location = player.api_value(player.golf.location_path())
    answer, _waited, kept = _timed_commit(player)
    assert answer == "true" and not kept
    assert player.golf.location(Attempt.objects.get().state) == location


def test_on_a_slow_link_commits_are_kept_on_the_device_and_sent_in_the_background(golf, learner_context, network_link):
    """A synchronous commit freezes the SCO until the server answers. Once one has taken
    2 s, the SCO's commits are kept on the device and answered at once, and sent in the
    background; a quick delivery brings the synchronous commits back."""
    player = Player(learner_context, golf)
    player.shows(0)
    for index in (1, 2, 3):
        player.next(index)  # online: the browser keeps the pages for later
    player.previous(2)
    player.previous(1)

    network_link.slow(1.0)  # about 2 s a commit: request and answer each 1 s late
    answer, waited, kept = _timed_commit(player)
    assert answer == "true" and waited >= 2_000 and not kept, (waited, kept)
    assert golf.location(Attempt.objects.get().state) == "1"  # saved before Commit answered

    player.next(2)
    answer, waited, kept = _timed_commit(player)
    assert answer == "true" and waited < 500 and kept, (waited, kept)
    expect(player.page.locator("#status")).to_have_text(player.messages()["slowLink"])
    saved = wait_for_attempt(lambda a: golf.location(a.state) == "2", what="the commit sent in the background")
    assert _wait(player.page, lambda: _queued(player) is None, timeout_ms=10_000)
    expect(player.page.locator("#status")).to_have_text(player.messages()["saved"])

    network_link.slow(0)
    player.next(3)  # still the slow link's way: the last delivery was slow
    _kept_then_synchronous(player, then=lambda: player.previous(2))
    assert Attempt.objects.get().sequence > saved.sequence
    assert player.errors_shown() == []
    assert learner_context.commit_log.failures() == []


def test_a_link_the_browser_reports_turned_slow_does_not_freeze_the_sco_first(golf, learner_context):
    """A phone moves onto 2G mid-module: the browser says so (navigator.connection), and
    the next Commit is kept on the device and sent in the background instead of freezing
    the SCO for the 2 s or more a synchronous request would take first."""
    player = Player(learner_context, golf)
    player.shows(0)
    player.next(1)
    answer, _waited, kept = _timed_commit(player)
    assert answer == "true" and not kept  # a good link: synchronous

    link = learner_context.new_cdp_session(player.page)
    link.send("Network.emulateNetworkConditions", {"offline": False, "latency": 2000, "downloadThroughput": 50_000, "uploadThroughput": 20_000})
    assert player.page.evaluate("navigator.connection.effectiveType") == "2g"
    player.next(2)
    answer, waited, kept = _timed_commit(player)
    assert answer == "true" and waited < 500 and kept, (waited, kept)
    expect(player.page.locator("#status")).to_have_text(player.messages()["slowLink"])
    wait_for_attempt(lambda a: golf.location(a.state) == "2", what="the commit sent in the background")
    assert _wait(player.page, lambda: _queued(player) is None, timeout_ms=15_000)
    assert player.errors_shown() == []


def test_on_a_slow_link_a_tab_only_looked_at_still_gives_the_attempt_back(golf, learner_context, network_link):
    """The review's case: commits sent in the background carry the page's receipt, so the
    page takes the attempt back from a tab that stored nothing of the learner's."""
    first = Player(learner_context, golf)
    first.shows(0)
    first.next(1)
    network_link.slow(1.0)
    answer, waited, kept = _timed_commit(first)
    assert answer == "true" and waited >= 2_000 and not kept  # slow: the next ones go in the background
    network_link.slow(0)
    second = Player(learner_context, golf)
    second.shows(1)
    assert _commit_from_the_sco(second) == "true"

    first.next(2)
    answer, _waited, kept = _timed_commit(first)
    assert answer == "true" and kept
    attempt = wait_for_attempt(lambda a: golf.location(a.state) == "2", what="the first tab's commit, sent in the background")
    assert attempt.sequence > second.page.evaluate("JSON.parse(document.getElementById('scorm-config').textContent).sequenceBase")
    expect(first.page.locator("#status")).to_have_text(first.messages()["saved"])
    expect(first.page.locator("#reload")).to_be_hidden()
    assert first.errors_shown() == []


def _two_tabs_on_page_1(golf, learner_context):
    """The first tab commits on page 1; a second tab opened on the attempt shows it (the bookmark)."""
    first = Player(learner_context, golf)
    first.shows(0)
    first.next(1)
    assert _commit_from_the_sco(first) == "true"
    second = Player(learner_context, golf)
    second.shows(1)
    return first, second

def test_on_a_slow_link_a_page_superseded_hears_it_on_its_next_commits(golf, learner_context, network_link):
    first, second = _two_tabs_on_page_1(golf, learner_context)
    second.next(2)
    assert _commit_from_the_sco(second) == "true"  # the learner goes on in the second tab

    network_link.slow(1.0)
    first.next(2)
    answer, waited, _kept = _timed_commit(first)
    assert answer == "false" and waited >= 2_000
    first.next(3)
    answer, _waited, kept = _timed_commit(first)
    assert answer == "false" and not kept  # not "true", kept and refused later in the background
    expect(first.page.locator("#status")).to_have_text(first.messages()["superseded"])
    assert golf.location(Attempt.objects.get().state) == "2"


def test_on_a_slow_link_a_commit_kept_while_the_attempt_is_taken_back_is_stored_too(golf, learner_context, network_link):
    """The review's case: commit N, sent in the background, takes the attempt back; commit
    N+1, kept meanwhile, was numbered below the pages N outranks now. It goes again with
    the page's new numbering, rather than be answered "held" and dropped."""
    first = Player(learner_context, golf)
    first.shows(0)
    for index in (1, 2, 3):
        first.next(index)
    first.previous(2)
    first.previous(1)
    network_link.slow(1.0)
    assert _timed_commit(first)[1] >= 2_000  # slow: the next commits go in the background
    network_link.slow(0)
    second = Player(learner_context, golf)
    second.shows(1)
    assert _commit_from_the_sco(second) == "true"  # a tab only looked at

    network_link.slow(1.0)
    first.next(2)
    assert _timed_commit(first)[2]  # N: kept, on its way
    first.next(3)
    assert _timed_commit(first)[2]  # N+1: kept while N is on its way

    wait_for_attempt(lambda a: golf.location(a.state) == "3", what="the commit kept while the attempt was taken back")
    assert _wait(first.page, lambda: _queued(first) is None, timeout_ms=10_000)
    expect(first.page.locator("#reload")).to_be_hidden()


@pytest.mark.parametrize("slow", ["2G", "page"])
def test_on_a_link_known_slow_the_first_commit_is_already_kept_on_the_device(golf, learner_context, network_link, slow):
    """The browser reports a 2G link, or the player page itself took 2 s to answer."""
    if slow == "2G":
        learner_context.add_init_script("Object.defineProperty(navigator, 'connection', {value: {effectiveType: '2g'}})")
    else:
        network_link.slow(1.2)  # the player page's request and answer: 2.4 s
        threading.Timer(3.0, network_link.slow, args=(0,)).start()  # then the SCO's files come quickly
    player = Player(learner_context, golf)
    player.shows(0)
    player.next(1)
    _kept_then_synchronous(player, then=lambda: player.next(2))
    assert player.errors_shown() == []


def test_progress_made_offline_in_a_resumed_session_keeps_the_attempt_open(golf, learner_context):
    """The first tab's final commit ("finished") stays queued in localStorage, as its answer
    comes after the tab is gone. A commit the resumed session queues offline must not
    inherit that "finished": the server would end the session and, exit not being
    "suspend" any more, close the attempt under the learner."""
    first = Player(learner_context, golf)
    first.shows(0)
    for index in (1, 2, 3):
        first.next(index)
    first.close()  # its final commit reaches the server after the tab is gone
    suspended = wait_for_attempt(lambda a: golf.location(a.state) == "3", what="the first session")

    second = Player(learner_context, golf)
    second.shows(3)
    second.previous(2)
    learner_context.set_offline(True)
    second.next(3)
    assert _commit_from_the_sco(second) == "true"
    learner_context.set_offline(False)
    replayed = wait_for_attempt(lambda a: a.sequence > suspended.sequence, what="the commit queued offline")
    assert replayed.closed_at is None, "a commit of the resumed session ended the attempt"
    assert replayed.total_seconds == suspended.total_seconds  # no session ended: no time added yet

    second.read()
    second.sco.locator("#butExit").click()  # "save your progress to resume later?" accepted
    resumed = wait_for_attempt(lambda a: a.sequence > replayed.sequence, what="the resumed session's exit")
    assert resumed.closed_at is None and golf.exit(resumed.state) == "suspend"
    assert resumed.total_seconds > suspended.total_seconds

    assert second.errors_shown() == []
    log = learner_context.commit_log
    assert _wait(second.page, lambda: len(log.responses) >= 2)
    assert log.failures() == [], log.failures()


def test_a_queued_commit_the_server_cannot_take_yet_is_sent_again_before_the_module_starts(golf, learner_context, network_link):
    """Reopened after an offline session while the server answers 503 (busy, restarting):
    started from the server's older state, the SCO's commits would overwrite the progress
    waiting on the device. The player sends it again, waiting longer each time, and starts
    the SCO only once the server has it."""
    _visit_pages_offline_and_close(Player(learner_context, golf), network_link)
    network_link.up()

    refused = []

    def busy_twice(route):
        if route.request.method == "POST" and len(refused) < 2:
            refused.append(route.request.post_data_json["seq"])
            route.fulfill(status=503, content_type="application/json", body='{"result": "false", "errorCode": 391}')
        else:
            route.continue_()

    learner_context.route("**/scorm/commit/**", busy_twice)
    reopened = Player(learner_context, golf)
    assert _wait(reopened.page, lambda: len(refused) == 1)
    assert reopened.page.get_attribute("#sco", "src") is None, "the SCO started before the device's progress was saved"
    assert Attempt.objects.get().sequence == 0

    reopened.shows(4)  # after the third try, from the saved state
    assert refused[0] == refused[1]  # the same queued commit both times
    saved = wait_for_attempt(lambda a: golf.location(a.state) == "4", what="the queued commit, third try")
    assert saved.sequence == refused[0] and saved.total_seconds > 0
    assert reopened.server_entry() == "resume"
    assert reopened.page.evaluate(PENDING_KEYS) == []
    assert reopened.errors_shown() == []
    assert [status for status, _body in learner_context.commit_log.failures()] == [503, 503]


def test_the_last_commit_of_a_page_still_open_when_the_module_is_opened_again_is_kept(golf, learner_context):
    """With a second tab, the first one's last commit (the SCO's LMSFinish/Terminate with
    exit=suspend) comes after the second's launch. The launch must leave the attempt open
    for that commit: closing it made the commit a 409, the bookmark lost, and a 1.2 module
    "completed". The second tab, whose state is now behind, stores nothing of its own."""
    first = Player(learner_context, golf)
    first.shows(0)
    first.next(1)
    first.next(2)
    assert _commit_from_the_sco(first) == "true"  # a SCO that commits as it goes
    wait_for_attempt(lambda a: commit_number(a) == 1 and golf.location(a.state) == "2", what="the commit on page 2")
    first.next(3)

    second = Player(learner_context, golf)  # launched while the first page is still open
    second.shows(2)  # the attempt goes on from what was saved (entry "", the bookmark kept)
    assert second.server_entry() == ""
    first.close()

    saved = wait_for_attempt(lambda a: golf.location(a.state) == "3", what="the first page's last commit")
    assert golf.exit(saved.state) == "suspend" and saved.closed_at is None
    assert saved.completion_status == "incomplete" and Attempt.objects.count() == 1
    second.next(3)
    assert _commit_from_the_sco(second) == "false"
    second.close()

    third = Player(learner_context, golf)
    third.shows(3)
    assert third.server_entry() == "resume"
    third.next(4)
    assert _commit_from_the_sco(third) == "true"
    assert golf.location(Attempt.objects.get().state) == "4" and Attempt.objects.count() == 1
    assert first.errors_shown() == [] and third.errors_shown() == []
    assert learner_context.commit_log.failures() == [], learner_context.commit_log.failures()


def test_reloading_the_page_goes_on_from_where_it_was_left(golf, learner_context):
    """The new page is asked for before the old one's last commit is sent: it finds that
    commit on the device, sends it, and loads again from it. Its own commits are then saved."""
    player = Player(learner_context, golf)
    player.shows(0)
    player.next(1)
    assert _commit_from_the_sco(player) == "true"
    player.next(2)
    player.next(3)  # not committed yet

    player.page.reload()

    player.shows(3)
    assert player.server_entry() == "resume"
    player.next(4)
    assert _commit_from_the_sco(player) == "true"
    assert golf.location(Attempt.objects.get().state) == "4" and Attempt.objects.count() == 1
    expect(player.page.locator("#status")).not_to_have_text(player.messages()["superseded"])
    assert player.errors_shown() == []
    assert learner_context.commit_log.failures() == [], learner_context.commit_log.failures()


def test_hiding_the_page_saves_what_the_sco_reported(golf, learner_context):
    """A phone may discard a page in the background without "pagehide": switching away saves."""
    player = Player(learner_context, golf)
    player.shows(0)
    player.next(1)
    player.next(2)
    assert Attempt.objects.get().sequence == 0  # the golf SCO has committed nothing yet

    player.page.evaluate("""() => {
        Object.defineProperty(document, "visibilityState", {value: "hidden", configurable: true});
        document.dispatchEvent(new Event("visibilitychange"));
    }""")

    saved = wait_for_attempt(lambda a: golf.location(a.state) == "2", what="the commit of the hidden page")
    assert saved.closed_at is None and commit_number(saved) == 1
    player.page.evaluate("""() => { delete document.visibilityState; }""")
    player.next(3)
    player.close()
    wait_for_attempt(lambda a: golf.location(a.state) == "3" and golf.exit(a.state) == "suspend", what="the last commit")
    assert player.errors_shown() == []


def test_a_commit_the_server_did_not_apply_is_not_reported_as_saved(golf, learner_context):
    """A second tab left aside while the learner goes on in the first: its state is behind
    what the first stored, and storing it would roll that back. The server answers its
    commits "applied": false; its Commit is false, and the learner is told why. The first
    tab goes on saving."""
    first = Player(learner_context, golf)
    first.shows(0)
    second = Player(learner_context, golf)
    second.shows(0)
    first.next(1)
    first.next(2)
    assert _commit_from_the_sco(first) == "true"
    wait_for_attempt(lambda a: golf.location(a.state) == "2", what="the first tab's commit")

    second.next(1)
    assert _commit_from_the_sco(second) == "false"

    expect(second.page.locator("#status")).to_have_text(second.messages()["superseded"])
    expect(second.page.locator("#reload")).to_be_visible()  # it goes on from the first tab's progress
    expect(first.page.locator("#reload")).to_be_hidden()
    second.close()
    assert golf.location(Attempt.objects.get().state) == "2"
    first.next(3)
    assert _commit_from_the_sco(first) == "true"
    assert golf.location(Attempt.objects.get().state) == "3"
    assert first.errors_shown() == [] and second.script_errors == []


def test_a_page_whose_attempt_was_finished_elsewhere_offers_to_reload_into_a_new_one(golf, learner_context):
    player = Player(learner_context, golf)
    player.shows(0)
    player.next(1)
    assert _commit_from_the_sco(player) == "true"
    Attempt.objects.update(closed_at=timezone.now())  # as another tab's Terminate with a normal exit

    player.next(2)
    assert _commit_from_the_sco(player) == "false"
    player.page.locator("#reload").click()

    player.shows(0)
    assert player.server_entry() == "ab-initio" and Attempt.objects.count() == 2


def test_a_page_another_tab_took_over_offers_to_reload_and_then_goes_on_from_there(golf, learner_context):
    first, second = _two_tabs_on_page_1(golf, learner_context)  # the learner goes on in another tab
    second.next(2)
    assert _commit_from_the_sco(second) == "true"

    first.next(2)
    assert _commit_from_the_sco(first) == "false"
    expect(first.page.locator("#status")).to_have_text(first.messages()["superseded"])
    expect(second.page.locator("#reload")).to_be_hidden()
    first.page.locator("#reload").click()

    first.shows(2)  # where the other tab left it
    assert first.server_entry() == ""  # the other tab is still open: no Terminate, no suspend
    expect(first.page.locator("#reload")).to_be_hidden()
    first.next(3)
    assert _commit_from_the_sco(first) == "true"
    assert golf.location(Attempt.objects.get().state) == "3"
    assert first.script_errors == [] and second.errors_shown() == []


def test_a_tab_opened_and_closed_without_going_on_gives_the_attempt_back(golf, learner_context):
    """The learner opens the module in a second tab, looks, closes it and goes on in the
    first: that tab saves on from where it is, no Reload asked, nothing lost."""
    first, second = _two_tabs_on_page_1(golf, learner_context)  # the second at the bookmark
    assert _commit_from_the_sco(second) == "true"
    second.close()
    wait_for_attempt(lambda a: golf.exit(a.state) == "suspend", what="the second tab's last commit")

    first.next(2)
    assert _commit_from_the_sco(first) == "true"
    assert golf.location(Attempt.objects.get().state) == "2"
    first.next(3)
    assert _commit_from_the_sco(first) == "true"
    assert golf.location(Attempt.objects.get().state) == "3"
    expect(first.page.locator("#reload")).to_be_hidden()
    first.close()
    attempt = wait_for_attempt(lambda a: golf.exit(a.state) == "suspend" and a.sequence > (3 << 32), what="the first tab's last commit")
    assert golf.location(attempt.state) == "3" and attempt.closed_at is None
    assert first.errors_shown() == [] and second.errors_shown() == []
    assert learner_context.commit_log.failures() == []




def test_switching_to_another_tab_and_back_gives_the_attempt_back(golf, learner_context):
    """Opening the module in a new tab hides the first one, which saves as it goes; shown
    again, it still takes the attempt back."""
    first = Player(learner_context, golf)
    first.shows(0)
    first.next(1)
    assert _commit_from_the_sco(first) == "true"
    first.page.evaluate(HIDE_PAGE)
    first.page.wait_for_function(PENDING_KEYS + ".length === 0")  # its commit as it was hidden was answered
    second = Player(learner_context, golf)
    second.shows(1)
    assert _commit_from_the_sco(second) == "true"
    second.close()
    wait_for_attempt(lambda a: golf.exit(a.state) == "suspend", what="the second tab's last commit")
    first.page.evaluate("window.stillThisPage = true")
    with first.page.expect_response("**/stored/**") as asked:
        first.page.evaluate(SHOW_PAGE)
    assert asked.value.json()["same_learner_data"] is True
    first.page.wait_for_timeout(300)
    assert first.page.evaluate("window.stillThisPage") is True  # it goes on, without loading again
    # A commit that brings nothing new (a SCO's timer) is not told it was superseded.
    assert _commit_from_the_sco(first) == "true"
    expect(first.page.locator("#reload")).to_be_hidden()

    first.next(2)
    assert _commit_from_the_sco(first) == "true"
    assert golf.location(Attempt.objects.get().state) == "2"
    expect(first.page.locator("#reload")).to_be_hidden()


def _studied_elsewhere(golf, context, network_link, elsewhere):
    """The learner reads pages 1-2 on one page, which is hidden as they turn to another tab
    or device, and goes on there to page 4 before closing it."""
    first = Player(context, golf)
    first.shows(0)
    first.next(1)
    first.next(2)
    first.page.evaluate(HIDE_PAGE)
    wait_for_attempt(lambda a: golf.location(a.state) == "2", what="the commit of the hidden page")
    other = Player(elsewhere, golf)
    other.shows(2)
    other.next(3)
    other.next(4)
    other.read()
    other.close()
    wait_for_attempt(lambda a: golf.location(a.state) == "4" and golf.exit(a.state) == "suspend", what="the other page's last commit")
    return first


@pytest.mark.parametrize("where", ["tab", "device"])
def test_back_on_a_page_after_going_on_elsewhere_it_goes_on_from_there(golf, learner_context, network_link, browser, where):
    """Before, the page went on from page 2, and every commit it made was refused (what the
    learner did there was lost, the golf SCO committing only as it ends)."""
    if where == "tab":
        elsewhere = learner_context
    else:
        elsewhere = browser.new_context(base_url=network_link.url)
        elsewhere.add_cookies(learner_context.cookies())
    first = _studied_elsewhere(golf, learner_context, network_link, elsewhere)

    first.page.evaluate(SHOW_PAGE)

    first.shows(4)  # loaded again, resumed where the other page left off
    expect(first.page.locator("#status")).to_have_text(first.messages()["wentOnElsewhere"])
    assert first.server_entry() == "resume"
    first.next(5)
    first.close()
    attempt = wait_for_attempt(lambda a: golf.location(a.state) == "5", what="the commit after going on")
    assert attempt.closed_at is None
    assert first.errors_shown() == []
    assert learner_context.commit_log.failures() == []
    if where == "device":
        elsewhere.close()


def test_back_on_a_page_after_finishing_the_module_elsewhere_it_offers_to_start_again(golf, learner_context):
    """Loading again on its own would start a new attempt: the learner chooses."""
    first = Player(learner_context, golf)
    first.shows(0)
    first.next(1)
    first.page.evaluate(HIDE_PAGE)
    wait_for_attempt(lambda a: golf.location(a.state) == "1", what="the commit of the hidden page")
    other = Player(learner_context, golf)
    other.shows(1)
    for index in range(2, len(golf.headings)):
        other.next(index)
    _answer_the_quiz(other)
    other.read()
    other.close()
    wait_for_attempt(lambda a: a.closed_at is not None, what="the module finished in the other tab")
    first.page.evaluate("window.stillThisPage = true")

    first.page.evaluate(SHOW_PAGE)

    expect(first.page.locator("#status")).to_have_text(first.messages()["finishedElsewhere"])
    expect(first.page.locator("#reload")).to_be_visible()
    assert first.page.evaluate("window.stillThisPage") is True
    assert Attempt.objects.count() == 1


def test_a_page_shown_again_the_next_day_loads_again_where_it_was(golf, learner_context):
    """The addresses of the SCO's files expire (6 to 12 hours): a tab left open overnight
    would fail on the SCO's next page. Shown again, it loads again and resumes."""
    player = Player(learner_context, golf)
    player.shows(0)
    player.next(1)
    player.page.evaluate(HIDE_PAGE)
    wait_for_attempt(lambda a: golf.location(a.state) == "1", what="the commit of the hidden page")
    player.page.clock.set_system_time(datetime.datetime.now() + datetime.timedelta(hours=13))

    with player.page.expect_navigation():
        player.page.evaluate(SHOW_PAGE)

    player.shows(1)
    assert player.server_entry() == "resume"
    expect(player.page.locator("#status")).not_to_have_text(player.messages()["wentOnElsewhere"])
    player.next(2)
    player.close()
    wait_for_attempt(lambda a: golf.location(a.state) == "2", what="the commit after loading again")
    assert learner_context.commit_log.failures() == []


def test_a_sco_that_commits_only_as_it_terminates_takes_the_attempt_back(golf, learner_context):
    first, second = _two_tabs_on_page_1(golf, learner_context)
    assert _commit_from_the_sco(second) == "true"
    second.close()
    wait_for_attempt(lambda a: golf.exit(a.state) == "suspend", what="the second tab's last commit")

    first.next(2)
    first.next(3)
    first.close()  # the golf SCO's Terminate, exit=suspend, at page 3
    attempt = wait_for_attempt(lambda a: golf.location(a.state) == "3", what="the first tab's Terminate")
    assert attempt.closed_at is None and attempt.launches == 3


def test_a_last_commit_above_the_keepalive_limit_sends_only_what_changed(golf, learner_context):
    """A closing page may hand the browser 64 KiB; 33,000 "đ" are 66,000 bytes in UTF-8 (and
    33,000 characters, well under the limit if characters were counted: the browser then
    refused the whole state). The last commit carries what changed since the server's
    answer: the bookmark and the exit."""
    player = Player(learner_context, golf)
    player.shows(0)
    big = "đ" * 33_000
    setter = "API.LMSSetValue" if golf.version == "1.2" else "API.SetValue"
    assert player.sco_frame().evaluate(f"{setter}('cmi.suspend_data', {json.dumps(big)})") == "true"
    assert _commit_from_the_sco(player) == "true"
    wait_for_attempt(lambda a: a.state["cmi"].get("suspend_data") == big, what="the large suspend_data")
    for index in (1, 2, 3):
        player.next(index)

    player.close()

    saved = wait_for_attempt(lambda a: golf.location(a.state) == "3", what="the last commit, as what changed")
    assert golf.exit(saved.state) == "suspend" and saved.state["cmi"]["suspend_data"] == big
    last = learner_context.commit_log.requests[-1]
    assert len(json.dumps(last, ensure_ascii=False).encode()) < 4_000 and "suspend_data" not in last["cmi"], last
    assert player.errors_shown() == []


def test_what_the_device_kept_for_a_closed_attempt_is_forgotten(golf, learner_context):
    """A closing tab's last commit stays in localStorage when its answer comes after the tab
    is gone; once its attempt is closed, nothing will ever send it: the next visit removes it."""
    player = Player(learner_context, golf)
    player.shows(0)
    for index in range(1, len(golf.headings)):
        player.next(index)
    _answer_the_quiz(player)
    player.sco.locator("#butExit").click()
    closed = wait_for_attempt(lambda a: a.closed_at is not None, what="the finished attempt")
    left_behind = f"scorm-attempt-{closed.pk}:pending"
    player.page.evaluate(f"localStorage.setItem({left_behind!r}, JSON.stringify({{seq: 99, finished: true, cmi: {{}}}}))")

    again = Player(learner_context, golf)
    again.shows(0)

    assert again.page.evaluate(f"localStorage.getItem({left_behind!r})") is None
    assert Attempt.objects.filter(closed_at__isnull=True).count() == 1


def test_a_commit_the_device_cannot_keep_offline_is_not_reported_as_saved(golf, learner_context):
    player = Player(learner_context, golf)
    player.shows(0)
    player.next(1)
    player.page.evaluate("() => { Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); }; }")
    learner_context.set_offline(True)

    assert _commit_from_the_sco(player) == "false"

    failed = player.page.evaluate("JSON.parse(document.getElementById('scorm-config').textContent)")["messages"]["failed"]
    expect(player.page.locator("#status")).to_have_text(failed)
    learner_context.set_offline(False)


@pytest.mark.parametrize("golf", ["2004"], indirect=True)
def test_a_single_sco_that_asks_for_suspend_all_is_resumed_next_time(golf, learner_context):
    """SCORM 2004: a SCO may suspend through adl.nav.request=suspendAll instead of
    cmi.exit=suspend. Without a sequencer for one SCO, the request must reach the server."""
    player = Player(learner_context, golf)
    player.shows(0)
    player.next(1)
    player.next(2)
    frame = player.sco_frame()
    assert frame.evaluate("API.SetValue('cmi.exit', 'normal')") == "true"
    assert frame.evaluate("API.SetValue('adl.nav.request', 'suspendAll')") == "true"
    assert frame.evaluate("API.Terminate('')") == "true"

    saved = wait_for_attempt(lambda a: a.sequence >= 1, what="the terminating commit")
    assert saved.closed_at is None, "suspendAll closed the attempt"
    player.page.close()

    again = Player(learner_context, golf)
    again.shows(2)
    assert again.server_entry() == "resume"
    assert Attempt.objects.count() == 1


def test_reviewing_a_module_changes_nothing_of_the_learners_result(golf, learner_context):
    """The module page's "Review" opens the player in browse mode. Over an attempt with
    progress, the SCO runs (at the bookmark, in browse mode) and nothing it does is stored."""
    first = Player(learner_context, golf)
    first.shows(0)
    for index in (1, 2, 3):
        first.next(index)
    first.close()
    stored = wait_for_attempt(lambda a: golf.location(a.state) == "3", what="the first session")

    review = Player(learner_context, golf, query="?mode=browse")
    review.shows(3)
    review_message = review.page.evaluate("JSON.parse(document.getElementById('scorm-config').textContent)")["messages"]["review"]
    expect(review.page.locator("#status")).to_have_text(review_message)
    review.next(4)
    assert _commit_from_the_sco(review) == "true"
    review.close()

    time.sleep(1)  # a commit that got through would have been stored by now
    after = Attempt.objects.get()
    assert (after.state, after.sequence, after.total_seconds) == (stored.state, stored.sequence, stored.total_seconds)
    assert not any(body.get("seq", 0) > stored.sequence for body in learner_context.commit_log.requests)
    assert review.errors_shown() == []


def test_a_module_resumed_after_a_question_was_answered_opens_with_the_answer(golf, learner_context):
    """The server stores an entry's elements with their names sorted (learner_response
    before type); scorm-again loads them in that order and checks a response against the
    type it has then: the SCO must still start, with the answer."""
    player = Player(learner_context, golf)
    player.shows(0)
    frame = player.sco_frame()
    response = "cmi.interactions.0.student_response" if golf.version == "1.2" else "cmi.interactions.0.learner_response"
    set_value = "API.LMSSetValue" if golf.version == "1.2" else "API.SetValue"
    for element, value in (("cmi.interactions.0.id", "q1"), ("cmi.interactions.0.type", "true-false"), (response, "true")):
        assert frame.evaluate(f"{set_value}('{element}', '{value}')") == "true", element
    player.next(1)
    player.close()
    wait_for_attempt(lambda attempt: golf.exit(attempt.state) == "suspend", what="the suspended session")

    again = Player(learner_context, golf)
    again.shows(1)
    assert again.api_value("cmi.interactions._count") == "1"
    if golf.version == "2004":
        assert again.api_value(response) == "true"
    assert again.script_errors == []


def test_a_stored_value_scorm_again_refuses_to_load_does_not_stop_the_module_and_stays_stored(golf, learner_context):
    """A value scorm-again refuses as it loads (here a response stored with no type: from
    a version that judged otherwise): the SCO starts with the rest, and the stored value
    is not overwritten by the empty one the SCO holds."""
    first = Player(learner_context, golf)
    first.shows(0)
    first.next(1)
    first.close()
    attempt = wait_for_attempt(lambda attempt: golf.exit(attempt.state) == "suspend", what="the suspended session")
    response = "student_response" if golf.version == "1.2" else "learner_response"
    attempt.state["cmi"]["interactions"] = [{"id": "q1", response: "true"}]
    attempt.save(update_fields=["state"])

    again = Player(learner_context, golf)
    again.shows(1)
    assert again.api_value("cmi.interactions._count") == "1"
    again.next(2)
    assert _commit_from_the_sco(again) == "true"
    stored = Attempt.objects.get().state
    assert golf.location(stored) == "2"
    assert stored["cmi"]["interactions"] == [{"id": "q1", response: "true"}]
