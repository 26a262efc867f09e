"""Input no learner's browser sends, at the runtime's HTTP endpoints: numbers of thousands
of digits, nesting hundreds deep, navigation the sequencer did not expect. Each gets a clear
4xx (never a 500, which the player would send again for ever) and loses nothing, and what
was stored can always be opened again."""

import json
import re

import pytest
from django.test import Client

from scorm_player.cmi import new_api
from scorm_player.models import Attempt
from scorm_player.services import package_import
from tests.services import shared_fixtures_dir

from .wsgi_client import WsgiClient

pytestmark = pytest.mark.django_db

FIXTURES = shared_fixtures_dir() / "valid"
SCORM_12 = FIXTURES / "RuntimeBasicCalls_SCORM12.zip"
SCORM_2004 = FIXTURES / "RuntimeBasicCalls_SCORM20043rdEdition.zip"
FORCED = FIXTURES / "SequencingForcedSequential_SCORM20043rdEdition.zip"
LAUNCH_PAGE = "shared/launchpage.html"
MANY_DIGITS = "9" * 5000  # above Python's 4,300-digit limit for int(str); a commit may be 1 MB


@pytest.fixture
def learner(django_user_model):
    return django_user_model.objects.create_user("lan", password="x-strong-password-1")


@pytest.fixture
def browser(learner):
    """The learner's logged-in browser; a server error is answered 500 as in production."""
    client = Client(raise_request_exception=False)
    client.force_login(learner)
    return client


def player_config(client, version, query=""):
    page = client.get(f"/scorm/play/{version.pk}/{query}")
    assert page.status_code == 200, page.status_code
    found = re.search(r'<script id="scorm-config" type="application/json">(.*?)</script>', page.content.decode(), re.S)
    return json.loads(found.group(1))


def commit(config, body):
    """A commit as the player sends it, through the WSGI entry point gunicorn serves."""
    return WsgiClient().post(config["commitUrl"], json.dumps(body), content_type="text/plain")


def navigate(client, version, body):
    raw = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(f"/scorm/navigate/{version.pk}/", raw, content_type="application/json")


# --- 1. A stored session_time bricks the attempt: every later launch of the module is a 500.


def test_a_session_time_the_server_accepted_does_not_lock_the_learner_out_of_the_module(browser, local_storage, allow_everyone):
    """cmi.session_time is checked only against a regex with an unbounded \\d+; the value is
    stored (200), and the next launch (attempt_launch -> cmi.next_launch_state ->
    iso_duration_to_centiseconds) converts it with int(): ValueError above 4,300 digits. The
    learner's player page is then a 500 on every load: the attempt and its progress can no
    longer be opened, and nothing the learner can do clears it."""
    version = package_import(file=SCORM_2004)
    config = player_config(browser, version)
    saved = commit(config, {
        "seq": config["sequenceBase"] + 1,
        "cmi": {"location": "page-7", "session_time": f"PT{MANY_DIGITS}S"},
    })
    assert saved.status_code < 500, saved.content

    again = browser.get(f"/scorm/play/{version.pk}/")

    assert again.status_code == 200, "the module cannot be opened again"


def test_a_terminating_commit_with_a_huge_session_time_gets_a_clear_refusal(browser, local_storage, allow_everyone):
    version = package_import(file=SCORM_2004)
    config = player_config(browser, version)

    answer = commit(config, {
        "seq": config["sequenceBase"] + 1, "finished": True,
        "cmi": {"exit": "suspend", "session_time": f"PT{MANY_DIGITS}S"},
    })

    assert 400 <= answer.status_code < 500, (answer.status_code, answer.content)
    assert answer.json()["result"] == "false"


# --- 2. Commits whose numbers have many digits are answered 500 (the player retries forever).


@pytest.mark.parametrize("package, cmi", [
    pytest.param(SCORM_12, {"interactions": {MANY_DIGITS: {"id": "q1"}}}, id="1.2-interactions-index"),
    pytest.param(SCORM_12, {"objectives": {MANY_DIGITS: {"id": "o1"}}}, id="1.2-objectives-index"),
    pytest.param(SCORM_12, {"student_preference": {"audio": MANY_DIGITS}}, id="1.2-student_preference.audio"),
    pytest.param(SCORM_12, {"student_preference": {"speed": MANY_DIGITS}}, id="1.2-student_preference.speed"),
    pytest.param(SCORM_2004, {"interactions": {MANY_DIGITS: {"id": "q1"}}}, id="2004-interactions-index"),
    pytest.param(SCORM_2004, {"objectives": {MANY_DIGITS: {"id": "o1"}}}, id="2004-objectives-index"),
    pytest.param(SCORM_2004, {"total_time": f"PT{MANY_DIGITS}S"}, id="2004-total_time"),
])
def test_a_commit_with_a_many_digit_number_gets_a_clear_4xx_not_a_500(browser, local_storage, allow_everyone, package, cmi):
    version = package_import(file=package)
    config = player_config(browser, version)
    attempt = Attempt.objects.get()
    before = (attempt.sequence, attempt.state)

    answer = commit(config, {"seq": config["sequenceBase"] + 1, "cmi": cmi})

    assert 400 <= answer.status_code < 500, (answer.status_code, answer.content[:200])
    assert answer.json()["result"] == "false"
    attempt.refresh_from_db()
    assert (attempt.sequence, attempt.state) == before


# --- 3. Navigation requests the sequencer does not expect are answered 500.


@pytest.mark.parametrize("ended_by", ["suspendAll", "exitAll", "abandonAll"])
def test_choosing_from_the_contents_list_after_the_session_ended_is_not_a_500(browser, local_storage, allow_everyone, ended_by):
    """After "Save and leave" / "Finish" the hub page lists the parts the learner may choose
    (can_choose); choosing one runs engine.navigate("choice") with no current activity, which
    calls self.st(None): AttributeError, a 500 (navigate endpoint and the ?sco= link alike)."""
    version = package_import(file=FORCED)
    player_config(browser, version)
    assert navigate(browser, version, {"request": ended_by}).status_code == 200
    offered = [e["identifier"] for e in browser.get(f"/scorm/navigation/{version.pk}/").json()["toc"] if e["can_choose"]]
    assert offered, "the hub page offers parts to choose"

    hub = browser.get(f"/scorm/play/{version.pk}/?ended=1").content.decode()
    link = re.search(rf'href="(\?sco={re.escape(offered[0])}&amp;choose=\w+)"', hub).group(1)
    by_link = browser.get(f"/scorm/play/{version.pk}/" + link.replace("&amp;", "&"))
    assert navigate(browser, version, {"request": ended_by}).status_code == 200
    by_script = navigate(browser, version, {"request": "choice", "target": offered[0]})

    assert by_script.status_code in (200, 409), by_script.status_code
    assert by_script["Content-Type"] == "application/json"
    assert by_link.status_code == 200, by_link.status_code


def test_a_deeply_nested_navigation_body_gets_a_400_not_a_500(browser, local_storage, allow_everyone):
    """views.navigate parses with json.loads and catches only ValueError/UnicodeDecodeError:
    1,500 '[' (within the 2,000-byte limit) raise RecursionError."""
    version = package_import(file=FORCED)
    player_config(browser, version)

    answer = navigate(browser, version, b"[" * 1500)

    assert answer.status_code == 400, answer.status_code
    assert answer.json()["ok"] is False


# --- 4. A Range header with many digits is answered 500.


@pytest.mark.parametrize("header", [f"bytes={MANY_DIGITS}-", f"bytes=0-{MANY_DIGITS}", f"bytes=-{MANY_DIGITS}"])
def test_a_range_with_many_digits_is_not_a_500(browser, local_storage, allow_everyone, header):
    """content._byte_range runs int() on an unbounded \\d*: ValueError above 4,300 digits
    (a header of 5 kB passes gunicorn's 8 kB limit)."""
    version = package_import(file=SCORM_12)
    root = re.search(rf"/scorm/content/{version.pk}/[^/\"]+/", browser.get(f"/scorm/play/{version.pk}/").content.decode()).group(0)

    answer = browser.get(root + LAUNCH_PAGE, headers={"Range": header})

    assert answer.status_code in (200, 206, 416), answer.status_code


# --- 5. Per-learner JSON without caching headers.


def test_the_learners_navigation_status_is_not_cacheable(browser, local_storage, allow_everyone):
    """/scorm/navigation/<id>/ returns the learner's statuses and valid requests (refreshed
    after each commit) with no Cache-Control at all, unlike the player page (never_cache)."""
    version = package_import(file=FORCED)
    player_config(browser, version)

    answer = browser.get(f"/scorm/navigation/{version.pk}/")

    assert answer.status_code == 200
    cache_control = answer.get("Cache-Control", "")
    assert "no-store" in cache_control or "private" in cache_control, cache_control


@pytest.mark.parametrize("version, initialize, set_value, last_error, expected", [
    ("2004", "Initialize", "SetValue", "GetLastError", "351"),
    ("1.2", "LMSInitialize", "LMSSetValue", "LMSGetLastError", "201"),
])
def test_the_api_refuses_an_array_index_of_many_digits_as_past_the_end(version, initialize, set_value, last_error, expected):
    api = new_api(version, initial_state={})
    getattr(api, initialize)("")

    assert getattr(api, set_value)(f"cmi.interactions.{MANY_DIGITS}.id", "q1") == "false"
    assert getattr(api, last_error)() == expected
