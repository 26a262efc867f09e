"""Commits on their way: answers that are not the server's (a proxy's 429, a login page
with 200), keepalive requests beside one another as a tab closes, a device without web
storage. Whatever happens, a commit is stored or kept to be sent again, never reported
saved and dropped."""

import dataclasses
import json
import time

import pytest

from scorm_player.models import Attempt
from scorm_player.services import package_import
from tests.e2e.helpers import HIDE_PAGE
from tests.e2e.test_player_golf import (
    GOLF,
    PENDING_KEYS,
    Player,
    _commit_from_the_sco,
    _visit_pages_offline_and_close,
    _wait,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def golf12(local_storage):
    package = GOLF["1.2"]
    return dataclasses.replace(package, package_version=package_import(file=package.zip_path))


def _pending_in_context(context):
    """What the browser keeps in localStorage under ...:pending, read without running a page."""
    kept = {}
    for origin in context.storage_state()["origins"]:
        for item in origin["localStorage"]:
            if item["name"].endswith(":pending"):
                kept[item["name"]] = json.loads(item["value"])
    return kept


def test_a_replayed_commit_answered_429_by_a_proxy_is_sent_again(golf12, learner_context, network_link):
    """Visit 1 ends offline: Terminate's commit (bookmark "4") waits in localStorage. On the
    next visit the replay meets a rate limiter in front of the site (429, an HTML page, no
    answer of the server's): the commit is kept and sent again, not dropped as refused."""
    golf = golf12
    _visit_pages_offline_and_close(Player(learner_context, golf), network_link)
    assert len(_pending_in_context(learner_context)) == 1
    network_link.up()
    limited = []

    def rate_limited_once(route):
        if route.request.method == "POST" and not limited:
            limited.append(route.request.post_data_json["seq"])
            route.fulfill(status=429, content_type="text/html", headers={"Retry-After": "1"},
                          body="<html><body><h1>429 Too Many Requests</h1></body></html>")
        else:
            route.continue_()

    learner_context.route("**/scorm/commit/**", rate_limited_once)
    again = Player(learner_context, golf)

    assert _wait(again.page, lambda: golf.location(Attempt.objects.get(number=1).state) == "4")
    assert limited == [Attempt.objects.get(number=1).sequence]
    again.shows(4)  # loaded again from it: at the bookmark
    assert _pending_in_context(learner_context) == {}


def test_a_commit_answered_200_with_an_html_page_is_kept_and_not_reported_saved(golf12, learner_context):
    """A same-origin login or maintenance page (an auth proxy whose session expired, a
    captive portal) answers the synchronous commit with 200 text/html: not the server's
    answer. The SCO hears "false", and the commit is kept on the device."""
    golf = golf12
    player = Player(learner_context, golf)
    player.shows(0)
    player.next(1)
    player.next(2)
    learner_context.route("**/scorm/commit/**", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<html><body>Please sign in</body></html>"))

    answer = _commit_from_the_sco(player)

    assert answer == "false"
    assert len(player.page.evaluate(PENDING_KEYS)) == 1
    assert Attempt.objects.get().sequence == 0  # nothing reached the server


def test_terminate_as_the_tab_closes_reaches_the_server_with_a_40kb_state(golf12, learner_context, network_link):
    """A state of 40 KB. The learner turns to another app (the page sends its state as a
    40 KB keepalive request, still on its way on a slow link), then closes the tab: the
    SCO's LMSFinish from its unload handler commits again. Browsers refuse keepalive
    requests beyond 64 KiB in flight from a page: the second goes as what changed."""
    golf = golf12
    player = Player(learner_context, golf)
    player.shows(0)
    big = "đ" * 20_000  # 40,000 bytes in UTF-8
    assert player.sco_frame().evaluate(f"API.LMSSetValue('cmi.suspend_data', {json.dumps(big)})") == "true"
    assert _commit_from_the_sco(player) == "true"
    before = len(learner_context.commit_log.requests)
    for index in (1, 2, 3):
        player.next(index)
    player.read()

    network_link.slow(0.3)
    player.page.evaluate(HIDE_PAGE)  # the learner turns to another app
    player.page.wait_for_timeout(200)
    player.close()
    network_link.slow(0)
    time.sleep(6)

    attempt = Attempt.objects.get()
    sent_on_close = learner_context.commit_log.requests[before:]
    kept = _pending_in_context(learner_context)
    summary = {
        "requests sent": [(r["seq"], r["finished"], len(json.dumps(r, ensure_ascii=False).encode())) for r in sent_on_close],
        "server": (attempt.sequence, golf.location(attempt.state), golf.exit(attempt.state), attempt.total_seconds),
        "kept on device": [(v["seq"], v["finished"]) for v in kept.values()],
    }
    assert golf.exit(attempt.state) == "suspend" and golf.location(attempt.state) == "3", summary


def test_the_module_starts_where_web_storage_is_disabled(golf12, learner_context):
    """Firefox with dom.storage.enabled=false (or a locked-down profile): localStorage and
    sessionStorage are null while cookies (the session) work."""
    learner_context.add_init_script("""
        Object.defineProperty(window, 'localStorage', {get: () => null, configurable: true});
        Object.defineProperty(window, 'sessionStorage', {get: () => null, configurable: true});
    """)
    player = Player(learner_context, golf12)
    player.shows(0)
    player.next(1)
    assert _commit_from_the_sco(player) == "true"
    assert golf12.location(Attempt.objects.get().state) == "1"
    assert player.script_errors == []


@pytest.fixture
def golf2004(local_storage):
    package = GOLF["2004"]
    return dataclasses.replace(package, package_version=package_import(file=package.zip_path))


def test_a_last_commit_sent_as_a_diff_carries_what_changed_since_a_commit_whose_answer_was_lost(golf2004, learner_context):
    """A state above the keepalive limit: the last commit as the tab closes is sent as what
    changed. A commit (page 2) reached the server but its answer was lost; the learner went
    back to page 1, the bookmark the server confirmed before. The last commit carries it
    all the same: the server holds page 2 from the commit whose answer was lost."""
    golf = golf2004
    player = Player(learner_context, golf)
    player.shows(0)
    big = "x" * 62_000
    assert player.sco_frame().evaluate(f"API.SetValue('cmi.suspend_data', '{big}')") == "true"
    player.next(1)
    assert _commit_from_the_sco(player) == "true"  # the server confirms page 1
    player.next(2)

    def answer_lost(route):
        route.fetch()  # the server stores it
        route.abort("connectionreset")

    learner_context.route("**/scorm/commit/**", answer_lost)
    assert _commit_from_the_sco(player) == "true"  # kept on the device, as offline
    assert golf.location(Attempt.objects.get().state) == "2"
    learner_context.unroute("**/scorm/commit/**", answer_lost)
    player.previous(1)
    player.close()

    # The golf SCO commits as the tab closes (exit suspend): page 1, not page 2 still.
    for _ in range(100):
        attempt = Attempt.objects.get()
        if golf.exit(attempt.state) == "suspend":
            break
        time.sleep(0.1)
    assert (golf.exit(attempt.state), golf.location(attempt.state)) == ("suspend", "1")


def test_a_value_the_server_refuses_is_left_out_and_the_rest_of_the_progress_is_stored(golf2004, learner_context):
    """scorm-again checks an interaction's response against its type when it is set; the
    server, against the type it has in the end (the order of the calls is not in a commit).
    The SCO's Commit hears "false" for the value refused; the rest is stored, and the next
    commits leave that value out while the SCO holds it."""
    golf = golf2004
    player = Player(learner_context, golf)
    player.shows(0)
    player.next(1)
    frame = player.sco_frame()
    for element, value in (
        ("cmi.interactions.0.id", "q1"), ("cmi.interactions.0.type", "true-false"),
        ("cmi.interactions.0.learner_response", "true"), ("cmi.interactions.0.type", "numeric"),
    ):
        assert frame.evaluate(f"API.SetValue('{element}', '{value}')") == "true", element

    assert _commit_from_the_sco(player) == "false"

    stored = Attempt.objects.get().state["cmi"]
    assert golf.location({"cmi": stored}) == "1"
    assert stored["interactions"] == [{"id": "q1", "type": "numeric"}]
    player.next(2)
    assert _commit_from_the_sco(player) == "true"
    assert golf.location(Attempt.objects.get().state) == "2"
    assert frame.evaluate("API.GetValue('cmi.interactions.0.learner_response')") == "true"  # the SCO's own, as it was
