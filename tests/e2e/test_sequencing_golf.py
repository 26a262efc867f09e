"""Headless Chromium plays Rustici's multi-SCO golf packages through the sequenced player:
SCORM 2004 forced sequential order and simple remediation, SCORM 1.2 one file per SCO,
and Suspend All followed by a new browser session.

The golf SCOs (shared/launchpage.html) show pages in an inner frame (#contentFrame) with
their own Previous/Next buttons, set completed (and passed, when there is no test) on the
last page, record a test's score through RecordTest(), and Terminate with exit=suspend
when they are taken away. Navigation between SCOs is the LMS's: our buttons and contents list.
"""

import re
import threading
import time

import psycopg
import pytest
from django.db import connection
from playwright.sync_api import expect

from scorm_player.models import Attempt, SequencingState
from scorm_player.navigation import package_status_for_learner
from scorm_player.services import package_import
from tests.e2e.helpers import HIDE_PAGE, SHOW_PAGE, commit_number
from tests.packages import with_manifest_addition
from tests.services import shared_fixtures_dir

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FIXTURES = shared_fixtures_dir() / "valid"
UI_TIMEOUT_MS = 20_000


def wait_for(predicate, *, timeout=20, what="the condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"{what} did not happen within {timeout}s")


class SequencedPlayer:
    """One tab on the player of a multi-SCO package."""

    def __init__(self, context, version):
        self.version = version
        self.script_errors = []
        self.page = context.new_page()
        self.page.set_default_timeout(UI_TIMEOUT_MS)
        self.page.on("dialog", lambda dialog: dialog.dismiss())  # "resume where you left off?" -> no
        self.page.on("pageerror", lambda error: self.script_errors.append(str(error)))
        self.page.goto(f"/scorm/play/{version.pk}/")

    @property
    def sco(self):
        return self.page.frame_locator("#sco")

    def current(self):
        """The SCO this page launched, as the server told it."""
        config = self.page.evaluate("JSON.parse(document.getElementById('scorm-config').textContent)")
        return (config.get("sequencing") or {}).get("current")

    def shows_sco(self, identifier, content):
        expect(self.page.locator("#sco")).to_have_count(1)
        assert self.current() == identifier
        # The launch page loads its first page into the inner frame: the SCO is running.
        expect(self.sco.locator("#contentFrame")).to_have_attribute("src", re.compile(content), timeout=UI_TIMEOUT_MS)

    def finish_content_sco(self):
        """Page through the SCO with its own Next button up to the last page (completed, passed)."""
        next_button = self.sco.locator("#butNext")
        expect(next_button).to_be_visible()
        while next_button.is_enabled():
            next_button.click()
            self.page.wait_for_timeout(150)

    def take_test(self, *, score):
        """The assessment SCO records the score through the launch page's RecordTest()."""
        expect(self.sco.locator("#contentFrame")).to_have_attribute("src", re.compile("assessmenttemplate"))
        self.sco.locator("body").evaluate(f"() => {{ RecordTest({score}); ScormProcessSetValue('cmi.completion_status', 'completed'); ScormProcessCommit(); }}")

    def request_valid(self, element):
        return self.page.evaluate(f"API_1484_11.GetValue('adl.nav.request_valid.{element}')")

    def button(self, request):
        return self.page.locator(f'[data-request="{request}"]')

    def press(self, request):
        button = self.button(request)
        expect(button).to_be_enabled()
        with self.page.expect_navigation():
            button.click()

    def choose(self, identifier):
        with self.page.expect_navigation():
            self.page.locator(f'nav.toc [data-choice="{identifier}"]').click()


def test_forced_sequential_delivers_scos_in_order_refuses_choice_ahead_and_completes_with_the_last(local_storage, learner_context, learner):
    version = package_import(file=FIXTURES / "SequencingForcedSequential_SCORM20043rdEdition.zip")
    player = SequencedPlayer(learner_context, version)
    player.shows_sco("playing_item", "Playing")

    # Etiquette needs "Playing" satisfied: continue is refused and the later SCOs are not choosable,
    # for our buttons as for the SCO (adl.nav.request_valid).
    expect(player.button("continue")).to_be_disabled()
    assert player.request_valid("continue") == "false"
    assert player.request_valid("choice.{target=playing_item}") == "true"
    assert player.request_valid("choice.{target=etuqiette_item}") == "false"
    expect(player.page.locator('nav.toc [data-locked="etuqiette_item"]')).to_be_visible()
    expect(player.page.locator('nav.toc [data-choice="etuqiette_item"]')).to_have_count(0)
    # A choice request sent anyway (an old page, a crafted request) is refused by the server.
    answer = player.page.evaluate(
        """async () => {
            const config = JSON.parse(document.getElementById('scorm-config').textContent).sequencing;
            const response = await fetch(config.navigateUrl, {method: 'POST', credentials: 'same-origin',
                headers: {'Content-Type': 'application/json', 'X-CSRFToken': config.csrfToken},
                body: JSON.stringify({request: 'choice', target: 'handicapping_item'})});
            return [response.status, await response.json()];
        }"""
    )
    assert answer[0] == 409 and answer[1]["ok"] is False
    assert SequencingState.objects.get(learner=learner, version=version).current_activity == "playing_item"

    order = [("playing_item", "Playing"), ("etuqiette_item", "Etiquette"), ("handicapping_item", "Handicapping"), ("havingfun_item", "HavingFun")]
    for position, (identifier, content) in enumerate(order):
        player.shows_sco(identifier, content)
        player.finish_content_sco()
        # Not complete while any SCO (at least the quiz) is not.
        assert package_status_for_learner(learner=learner, version=version)["completion_status"] != "completed"
        # The SCO's commit on its last page makes the server enable Continue.
        expect(player.button("continue")).to_be_enabled()
        assert player.request_valid("continue") == "true"
        player.press("continue")
        if position == 0:
            # Going back to a visited SCO is allowed from the contents list.
            expect(player.page.locator('nav.toc [data-choice="playing_item"]')).to_be_visible()

    player.shows_sco("assessment_item", "assessment")
    # The quiz SCO is completed once shown; the course is satisfied only when it is passed.
    assert package_status_for_learner(learner=learner, version=version)["success_status"] == "unknown"
    player.take_test(score=90)
    wait_for(
        lambda: package_status_for_learner(learner=learner, version=version) == {
            "completion_status": "completed", "success_status": "passed", "score_scaled": None,
        },
        what="the course completing with its last SCO",
    )
    player.press("exitAll")
    expect(player.page.locator("#hub")).to_be_visible()
    expect(player.page.locator('nav.toc [data-activity="assessment_item"]')).to_have_attribute("data-success", "passed")
    state = SequencingState.objects.get(learner=learner, version=version)
    assert (state.completion_status, state.success_status) == ("completed", "passed")
    delivered = list(Attempt.objects.filter(learner=learner).order_by("pk").values_list("sco__identifier", flat=True))
    assert delivered == [identifier for identifier, _ in order] + ["assessment_item"]
    assert player.script_errors == []


def test_simple_remediation_sends_a_failed_test_back_to_its_content_and_a_pass_rolls_up_satisfied(local_storage, learner_context, learner):
    version = package_import(file=FIXTURES / "SequencingSimpleRemediation_SCORM20043rdEdition.zip")
    player = SequencedPlayer(learner_context, version)
    # Flow only: the contents list offers no choice, and there is no way back from the start.
    expect(player.page.locator("nav.toc [data-choice]")).to_have_count(0)
    for identifier, content in [("playing_item", "Playing"), ("etuqiette_item", "Etiquette"), ("handicapping_item", "Handicapping"), ("havingfun_item", "HavingFun")]:
        player.shows_sco(identifier, content)
        player.finish_content_sco()
        player.press("continue")
    scores = {"test_1": 40, "test_2": 100, "test_3": 100, "test_4": 100}  # fail the playing quiz only
    for test in ["test_1", "test_2", "test_3", "test_4"]:
        player.shows_sco(test, "assessment")
        player.take_test(score=scores[test])
        player.press("continue")

    # test_4 exits the remediation wrapper, which is not satisfied: it is retried, and every
    # satisfied objective's content and test is skipped: back to "Playing the Game".
    player.shows_sco("playing_item", "Playing")
    status = package_status_for_learner(learner=learner, version=version)
    assert status["success_status"] != "passed"
    new_attempt = Attempt.objects.filter(learner=learner, sco__identifier="playing_item").order_by("-number").first()
    assert new_attempt.number == 2 and new_attempt.state["cmi"]["entry"] == "ab-initio"
    player.finish_content_sco()
    player.press("continue")
    player.shows_sco("test_1", "assessment")
    player.take_test(score=90)
    player.press("continue")

    expect(player.page.locator("#hub")).to_be_visible()
    status = package_status_for_learner(learner=learner, version=version)
    assert (status["completion_status"], status["success_status"]) == ("completed", "passed")
    delivered = list(Attempt.objects.filter(learner=learner).order_by("pk").values_list("sco__identifier", flat=True))
    assert delivered[-2:] == ["playing_item", "test_1"] and len(delivered) == 10
    assert player.script_errors == []


def test_suspend_all_then_a_new_browser_session_resumes_the_same_sco_with_the_tree_intact(local_storage, browser, learner_context, learner, live_server, client):
    version = package_import(file=FIXTURES / "SequencingForcedSequential_SCORM20043rdEdition.zip")
    player = SequencedPlayer(learner_context, version)
    player.shows_sco("playing_item", "Playing")
    player.finish_content_sco()
    player.press("continue")
    player.shows_sco("etuqiette_item", "Etiquette")
    player.sco.locator("#butNext").click()  # one page further: the bookmark is 1
    player.page.wait_for_timeout(300)
    player.press("suspendAll")
    expect(player.page.locator("#hub")).to_be_visible()
    before = SequencingState.objects.get(learner=learner, version=version)
    assert before.suspended_activity == "etuqiette_item" and before.current_activity == ""
    tree_before = {key: {k: v for k, v in value.items() if k != "cmi_attempt"} for key, value in before.state["activities"].items()}
    learner_context.close()

    # A new browser session (the same learner logs in again).
    client.force_login(learner)
    context = browser.new_context(base_url=live_server.url)
    from django.conf import settings

    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value, "url": live_server.url}])
    try:
        again = SequencedPlayer(context, version)
        again.shows_sco("etuqiette_item", "Etiquette")
        config = again.page.evaluate("JSON.parse(document.getElementById('scorm-config').textContent)")
        assert config["state"]["cmi"]["entry"] == "resume" and config["state"]["cmi"]["location"] == "1"
        after = SequencingState.objects.get(learner=learner, version=version)
        assert after.suspended_activity == "" and after.current_activity == "etuqiette_item"
        for identifier in ("playing_item", "handicapping_item", "havingfun_item", "assessment_item"):
            assert {k: v for k, v in after.state["activities"][identifier].items() if k != "cmi_attempt"} == tree_before[identifier]
        # Etiquette resumed its suspended attempt: no new attempt was started.
        assert Attempt.objects.filter(learner=learner, sco__identifier="etuqiette_item").count() == 1
        expect(again.page.locator('nav.toc [data-activity="playing_item"]')).to_have_attribute("data-success", "passed")
    finally:
        context.close()


def test_save_and_leave_resumes_a_sco_that_leaves_cmi_exit_empty(local_storage, learner_context, learner):
    """Most SCOs leave cmi.exit empty while unfinished: taken away by "Save and leave", the
    SCO's Terminate would close its attempt, and Resume would start it over (RTE 4.2.7:
    after a Suspend All the next launch resumes, with the SCO's data)."""
    version = package_import(file=FIXTURES / "SequencingForcedSequential_SCORM20043rdEdition.zip")
    player = SequencedPlayer(learner_context, version)
    player.shows_sco("playing_item", "Playing")
    player.sco.locator("#butNext").click()  # the bookmark is 1
    player.page.wait_for_timeout(300)
    player.sco.locator("body").evaluate(
        """() => { window.doUnload = function () {
            processedUnload = true; ScormProcessSetValue("cmi.exit", ""); ScormProcessTerminate();
        }; }"""
    )
    player.press("suspendAll")
    expect(player.page.locator("#hub")).to_be_visible()

    again = SequencedPlayer(learner_context, version)
    again.shows_sco("playing_item", "Playing")
    cmi = again.page.evaluate("JSON.parse(document.getElementById('scorm-config').textContent)")["state"]["cmi"]
    assert (cmi["entry"], cmi["location"]) == ("resume", "1")
    assert Attempt.objects.filter(learner=learner, sco__identifier="playing_item").count() == 1


def test_a_part_whose_sco_ended_its_session_is_offered_again_when_the_page_is_reopened(local_storage, learner_context, learner):
    """The SCO ends its session (exit "", no navigation request) and the tab is closed: the
    page opened again offers Continue and the part again, instead of launching the SCO in
    the attempt it closed (where it would start with nothing, and the tree forget it)."""
    version = package_import(file=FIXTURES / "SequencingForcedSequential_SCORM20043rdEdition.zip")
    player = SequencedPlayer(learner_context, version)
    player.shows_sco("playing_item", "Playing")
    player.finish_content_sco()
    player.sco.locator("body").evaluate(
        """() => { ScormProcessSetValue("cmi.exit", ""); processedUnload = true; ScormProcessTerminate(); }"""
    )
    wait_for(lambda: Attempt.objects.filter(learner=learner, closed_at__isnull=False).exists(), what="the session's end")
    player.page.close()

    again = SequencedPlayer(learner_context, version)
    expect(again.page.locator("#hub")).to_be_visible()
    expect(again.page.locator('nav.toc [data-activity="playing_item"]')).to_have_attribute("data-completion", "completed")
    expect(again.button("continue")).to_be_enabled()
    with again.page.expect_navigation():
        again.page.locator('[data-request="choice"][data-target="playing_item"]').click()
    again.shows_sco("playing_item", "Playing")
    assert again.page.evaluate("JSON.parse(document.getElementById('scorm-config').textContent)")["state"]["cmi"]["entry"] == "ab-initio"
    assert Attempt.objects.filter(learner=learner, sco__identifier="playing_item").count() == 2
    assert again.script_errors == []


def test_closing_the_tab_without_suspend_all_resumes_the_same_sco(local_storage, learner_context, learner):
    version = package_import(file=FIXTURES / "SequencingForcedSequential_SCORM20043rdEdition.zip")
    player = SequencedPlayer(learner_context, version)
    player.shows_sco("playing_item", "Playing")
    player.finish_content_sco()
    player.press("continue")
    player.shows_sco("etuqiette_item", "Etiquette")
    player.page.close(run_before_unload=True)
    wait_for(lambda: Attempt.objects.filter(learner=learner, sco__identifier="etuqiette_item", sequence__gt=0).exists(), what="the closing tab's commit")
    again = SequencedPlayer(learner_context, version)
    again.shows_sco("etuqiette_item", "Etiquette")
    assert Attempt.objects.filter(learner=learner, sco__identifier="etuqiette_item").count() == 1
    expect(again.button("previous")).to_be_enabled()


@pytest.mark.parametrize("request_there", ["continue", "exitAll"])
def test_back_on_a_page_after_going_on_in_another_tab_it_opens_where_the_sequencer_is(local_storage, learner_context, learner, request_there):
    """The learner leaves a tab on Playing, finishes Playing in another tab and goes on to
    Etiquette there (or presses Finish). Back on the first tab, it opens Etiquette (or the
    course's page), not Playing again in a new attempt."""
    version = package_import(file=FIXTURES / "SequencingForcedSequential_SCORM20043rdEdition.zip")
    first = SequencedPlayer(learner_context, version)
    first.shows_sco("playing_item", "Playing")
    first.page.evaluate(HIDE_PAGE)
    other = SequencedPlayer(learner_context, version)
    other.shows_sco("playing_item", "Playing")
    other.finish_content_sco()
    other.press(request_there)
    other.page.close(run_before_unload=True)

    with first.page.expect_navigation():
        first.page.evaluate(SHOW_PAGE)

    if request_there == "continue":
        first.shows_sco("etuqiette_item", "Etiquette")
        expect(first.page.locator("#status")).to_have_text(
            "Bạn đã học tiếp ở một thẻ hoặc thiết bị khác: bài học tiếp tục từ chỗ đó."
        )
    else:
        expect(first.page.locator("#hub")).to_be_visible()
        assert first.current() is None
    assert list(Attempt.objects.filter(learner=learner, sco__identifier="playing_item").values_list("completion_status", flat=True)) == ["completed"]
    assert first.script_errors == [] and other.script_errors == []


def test_switching_between_two_tabs_on_the_same_activity_loads_neither_again(local_storage, learner_context, learner):
    """Each tab's commit as it is hidden outranks the other's: shown again with nothing of
    the learner's changed and the sequencer still on its activity, a tab goes on, and its
    next commit takes the attempt back."""
    version = package_import(file=FIXTURES / "SequencingForcedSequential_SCORM20043rdEdition.zip")

    first = SequencedPlayer(learner_context, version)
    first.shows_sco("playing_item", "Playing")
    first.page.evaluate(HIDE_PAGE)
    wait_for(lambda: Attempt.objects.get(learner=learner, sco__identifier="playing_item").sequence > 0,
             what="the first tab's commit as it was hidden")
    second = SequencedPlayer(learner_context, version)
    second.shows_sco("playing_item", "Playing")
    for shown, hidden in [(first, second), (second, first), (first, second)]:
        hidden.page.evaluate(HIDE_PAGE)
        # Its commit as it is hidden is answered (stored, or refused: it brings nothing new).
        hidden.page.wait_for_function("Object.keys(localStorage).every(key => !key.endsWith(':pending'))")
        shown.page.evaluate("window.stillThisPage = true")
        with shown.page.expect_response("**/stored/**") as asked:
            shown.page.evaluate(SHOW_PAGE)
        assert asked.value.json()["current"] is True
        shown.page.wait_for_timeout(500)
        assert shown.page.evaluate("window.stillThisPage") is True

    first.finish_content_sco()  # the learner goes on in the tab shown last
    wait_for(lambda: Attempt.objects.get(learner=learner, sco__identifier="playing_item").completion_status == "completed",
             what="the first tab's progress, stored")
    assert first.script_errors == [] and second.script_errors == []


def _at_etiquette_after_two_pages(learner_context, version, cut_link):
    """Playing done online; in Etiquette two pages are read after `cut_link()`. Returns the
    player and the bookmark the SCO holds, which only its last commit will carry."""
    player = SequencedPlayer(learner_context, version)
    player.shows_sco("playing_item", "Playing")
    player.finish_content_sco()
    player.press("continue")
    player.shows_sco("etuqiette_item", "Etiquette")
    cut_link()
    for _page in range(2):
        player.sco.locator("#butNext").click()
        player.page.wait_for_timeout(150)
    bookmark = player.page.evaluate("API_1484_11.GetValue('cmi.location')")
    assert bookmark not in ("", "0")
    return player, bookmark


def _waits_with_the_sco_taken_away(player, learner, version):
    expect(player.page.locator("#sco")).to_have_count(0)
    expect(player.page.locator("#status")).to_have_text(
        "Tiến độ học chưa được lưu: nó đang được giữ trên thiết bị này. Phần tiếp theo sẽ mở ngay khi lưu xong."
    )
    time.sleep(2)  # a navigation request that got through would have moved the learner by now
    assert SequencingState.objects.get(learner=learner, version=version).current_activity == "etuqiette_item"
    assert player.page.locator("#status").is_visible()  # still the player, not the browser's error page


def _etiquette_bookmark(learner):
    return (Attempt.objects.get(learner=learner, sco__identifier="etuqiette_item").state.get("cmi") or {}).get("location")


def test_a_navigation_waits_until_the_last_commit_of_the_sco_is_saved(local_storage, learner_context, learner):
    """A flaky link: the SCO's last commit fails while the navigation request would get
    through. Sent first, the navigation would end the activity's attempt without what the
    SCO reported; going back to it later starts a new attempt and that progress is lost."""
    version = package_import(file=FIXTURES / "SequencingForcedSequential_SCORM20043rdEdition.zip")
    refuse_commits = lambda route: route.abort("connectionreset")  # noqa: E731
    player, bookmark = _at_etiquette_after_two_pages(
        learner_context, version, lambda: learner_context.route("**/scorm/commit/**", refuse_commits),
    )
    player.button("previous").click()
    _waits_with_the_sco_taken_away(player, learner, version)
    assert _etiquette_bookmark(learner) != bookmark

    with player.page.expect_navigation(timeout=60_000):
        learner_context.unroute("**/scorm/commit/**", refuse_commits)
    player.shows_sco("playing_item", "Playing")
    assert _etiquette_bookmark(learner) == bookmark
    assert player.script_errors == []


def test_a_navigation_made_offline_keeps_the_player_and_goes_on_when_the_link_returns(local_storage, learner_context, learner, network_link):
    version = package_import(file=FIXTURES / "SequencingForcedSequential_SCORM20043rdEdition.zip")
    player, bookmark = _at_etiquette_after_two_pages(learner_context, version, network_link.down)
    player.button("previous").click()
    _waits_with_the_sco_taken_away(player, learner, version)

    with player.page.expect_navigation(timeout=60_000):
        network_link.up()
    player.shows_sco("playing_item", "Playing")
    assert _etiquette_bookmark(learner) == bookmark
    assert player.script_errors == []


def test_a_navigation_request_lost_on_the_way_leaves_the_learner_where_the_server_says(local_storage, learner_context, learner):
    """The request or its answer is lost: the page waits for the server instead of showing
    the browser's error page, then opens what the sequencer says (not sending it twice)."""
    version = package_import(file=FIXTURES / "SequencingForcedSequential_SCORM20043rdEdition.zip")
    player = SequencedPlayer(learner_context, version)
    player.shows_sco("playing_item", "Playing")
    player.finish_content_sco()
    expect(player.button("continue")).to_be_enabled()
    lose = lambda route: route.abort("connectionreset")  # noqa: E731
    learner_context.route(re.compile(r".*/scorm/(navigate|navigation)/.*"), lose)
    player.button("continue").click()
    expect(player.page.locator("#status")).to_have_text("Mất kết nối. Bài học sẽ tiếp tục ngay khi có kết nối trở lại.")
    time.sleep(1.5)
    assert player.page.locator("#status").is_visible()
    # The SCO's last commit got through before the request was sent.
    assert Attempt.objects.get(learner=learner, sco__identifier="playing_item").completion_status == "completed"

    with player.page.expect_navigation(timeout=60_000):
        learner_context.unroute(re.compile(r".*/scorm/(navigate|navigation)/.*"), lose)
    player.shows_sco("playing_item", "Playing")  # the request never reached the server
    expect(player.button("continue")).to_be_enabled()
    assert player.script_errors == []


def test_scorm12_one_file_per_sco_every_sco_reachable_from_the_contents_with_its_status(local_storage, learner_context, learner):
    version = package_import(file=FIXTURES / "ContentPackagingOneFilePerSCO_SCORM12.zip")
    scos = list(version.scos.all())
    assert len(scos) > 5
    page = learner_context.new_page()
    page.set_default_timeout(UI_TIMEOUT_MS)
    page.goto(f"/scorm/play/{version.pk}/")
    for position, sco in enumerate(scos):
        if position:
            with page.expect_navigation():
                page.locator(f'nav.toc a[href="?sco={sco.identifier}"]').click()
        expect(page.locator("nav.toc a[aria-current]")).to_have_text(sco.title)
        expect(page.locator(f'nav.toc [data-sco="{sco.identifier}"]')).to_have_attribute("data-completion", "completed")
        if position + 1 < len(scos):
            assert package_status_for_learner(learner=learner, version=version)["completion_status"] == "incomplete"
            expect(page.locator(f'nav.toc [data-sco="{scos[position + 1].identifier}"]')).to_have_attribute("data-completion", "not attempted")
    assert package_status_for_learner(learner=learner, version=version)["completion_status"] == "completed"
    assert Attempt.objects.filter(learner=learner, completion_status="completed").count() == len(scos)


def test_scorm12_the_next_part_is_asked_for_once_the_leaving_sco_is_saved(local_storage, learner_context, learner, tmp_path):
    """The next page reads the leaving SCO's statuses (its contents list; prerequisites),
    while that SCO's last commit, sent as it unloads, may still be on its way: here the
    server is slow to store it (another transaction holds the row for 2 s)."""
    version = package_import(file=with_manifest_addition(
        FIXTURES / "RuntimeBasicCalls_SCORM12.zip", tmp_path / "two_scos.zip",
        "</item>", '<item identifier="item_2" identifierref="resource_1"><title>Again</title></item>',
    ))
    first, second = version.scos.all()
    page = learner_context.new_page()
    page.set_default_timeout(UI_TIMEOUT_MS)
    page.goto(f"/scorm/play/{version.pk}/")
    expect(page.frame_locator("#sco").locator("#contentFrame")).to_have_attribute("src", re.compile("Playing"))
    attempt = Attempt.objects.get(learner=learner, sco=first)
    commits_before = commit_number(attempt)
    asked_at = []
    page.on("request", lambda request: "?sco=" in request.url and asked_at.append(time.monotonic()))
    params = connection.settings_dict
    with psycopg.connect(
        host=params["HOST"] or "127.0.0.1", port=params["PORT"] or 5432, user=params["USER"],
        password=params["PASSWORD"], dbname=params["NAME"],
    ) as busy:
        busy.execute(f"SELECT 1 FROM {Attempt._meta.db_table} WHERE id = %s FOR UPDATE", [attempt.pk])
        released_at = []
        letting_go = threading.Timer(2.0, lambda: (released_at.append(time.monotonic()), busy.rollback()))
        letting_go.start()
        with page.expect_navigation():
            page.locator(".navbar a.primary").click()
        letting_go.join()

    expect(page.locator("nav.toc a[aria-current]")).to_have_text(second.title)
    assert asked_at and asked_at[0] > released_at[0], "the next part was asked for before the last commit was stored"
    attempt.refresh_from_db()
    assert commit_number(attempt) > commits_before


def test_scorm12_a_part_the_learner_completes_opens_the_next_without_reloading(local_storage, learner_context, learner, tmp_path):
    """The second part requires the first (adlcp:prerequisites): once the SCO reports the
    first completed, the page shows it so and offers "Continue" to the second."""
    version = package_import(file=with_manifest_addition(
        FIXTURES / "RuntimeBasicCalls_SCORM12.zip", tmp_path / "prerequisites.zip", "</item>",
        '<item identifier="item_2" identifierref="resource_1"><title>Again</title>'
        '<adlcp:prerequisites type="aicc_script">item_1</adlcp:prerequisites></item>',
    ))
    page = learner_context.new_page()
    page.set_default_timeout(UI_TIMEOUT_MS)
    page.goto(f"/scorm/play/{version.pk}/")
    page.wait_for_function("() => window.API && window.API.isInitialized()")
    expect(page.locator("nav.toc [data-locked='item_2']")).to_be_visible()
    expect(page.locator(".navbar a.primary")).to_be_hidden()

    # As the SCO does on its last page.
    answer = page.frame_locator("#sco").locator("body").evaluate(
        "() => [API.LMSSetValue('cmi.core.lesson_status', 'completed'), API.LMSCommit('')]"
    )
    assert answer == ["true", "true"]
    expect(page.locator("nav.toc [data-sco='item_1']")).to_have_attribute("data-completion", "completed")
    expect(page.locator("nav.toc [data-sco='item_1']")).to_have_text("đã hoàn thành")
    expect(page.locator(".navbar a.primary")).to_be_visible()
    with page.expect_navigation():
        page.locator('nav.toc a[href="?sco=item_2"]').click()
    expect(page.locator("nav.toc a[aria-current]")).to_have_text("Again")
    expect(page.locator("#refused")).to_have_count(0)


def test_navigation_requests_of_the_sco_choice_and_exit_all_are_carried_out(local_storage, learner_context, learner):
    version = package_import(file=FIXTURES / "SequencingForcedSequential_SCORM20043rdEdition.zip")
    player = SequencedPlayer(learner_context, version)
    player.shows_sco("playing_item", "Playing")
    player.finish_content_sco()
    expect(player.button("continue")).to_be_enabled()
    # The SCO asks for a choice and terminates: the LMS delivers the SCO it named.
    with player.page.expect_navigation():
        player.sco.locator("body").evaluate(
            "() => { ScormProcessSetValue('adl.nav.request', '{target=etuqiette_item}choice'); doUnload(); }"
        )
    player.shows_sco("etuqiette_item", "Etiquette")
    # The golf SCO's own Exit: exitAll (its "save progress?" question is answered no).
    with player.page.expect_navigation():
        player.sco.locator("body").evaluate("() => doExit()")
    expect(player.page.locator("#hub")).to_be_visible()
    state = SequencingState.objects.get(learner=learner, version=version)
    assert state.current_activity == "" and state.suspended_activity == ""
    assert not state.state["activities"]["etuqiette_item"]["active"]
    assert player.script_errors == []


def test_the_player_fits_a_360_px_phone_with_large_touch_targets(local_storage, learner_context, learner):
    version = package_import(file=FIXTURES / "SequencingForcedSequential_SCORM20043rdEdition.zip")
    player = SequencedPlayer(learner_context, version)
    player.page.set_viewport_size({"width": 360, "height": 740})
    player.shows_sco("playing_item", "Playing")
    assert player.page.evaluate("document.documentElement.scrollWidth") <= 360
    for request in ("previous", "continue", "suspendAll", "exitAll"):
        box = player.button(request).bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44 and box["x"] + box["width"] <= 360, (request, box)
    for link in player.page.locator("nav.toc a").all():
        assert link.bounding_box()["height"] >= 44


def test_on_a_phone_the_contents_fold_away_and_a_tap_opens_them(local_storage, learner_context, learner):
    version = package_import(file=FIXTURES / "SequencingForcedSequential_SCORM20043rdEdition.zip")
    player = SequencedPlayer(learner_context, version)
    player.page.set_viewport_size({"width": 360, "height": 640})
    player.page.reload()
    player.shows_sco("playing_item", "Playing")
    choice = player.page.locator('nav.toc [data-choice="playing_item"]')
    expect(choice).to_be_hidden()
    folded = player.page.locator("#sco").bounding_box()["height"]

    summary = player.page.locator("nav.toc summary")
    assert summary.bounding_box()["height"] >= 44
    summary.click()

    expect(choice).to_be_visible()
    assert player.page.locator("#sco").bounding_box()["height"] < folded - 100
    assert player.script_errors == []
