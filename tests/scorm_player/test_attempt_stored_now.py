"""What a player page shown again asks the server (POST /scorm/commit/<token>/stored/):
whether another page stored progress since, and, with the page's receipt, whether what is
stored holds the same learner data as what the page last stored."""

import json

import pytest
from django.conf import settings
from django.utils import timezone

from scorm_player.models import Attempt, SequencingState
from scorm_player.services import package_import
from tests.services import shared_fixtures_dir

from .test_commit_take_back import Page, core

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


@pytest.fixture
def learner(django_user_model):
    return django_user_model.objects.create_user("shown-again")


def ask(page, *, with_receipt=True, body=None):
    """The page's question, as player.js sends it: its receipt and the state it vouches for."""
    if body is None:
        body = {}
        if with_receipt and page.receipt:
            tag, state = page.receipt
            body = {"cmi": state["cmi"], "stored": {"tag": tag, "delta": []}}
    return page.client.post(f"/scorm/commit/{page.launch.token}/stored/", json.dumps(body))


def test_nothing_stored_elsewhere(learner, sco_12):
    page = Page(learner, sco_12)
    page.commit(core(lesson_location="p1", session_time="00:00:30"))

    answer = ask(page).json()

    assert answer == {"sequence": page.sequence, "closed": False, "same_learner_data": True, "current": True}


def test_progress_stored_in_another_tab_is_told(learner, sco_12):
    first = Page(learner, sco_12)
    first.commit(core(lesson_location="p1", session_time="00:00:30"))
    second = Page(learner, sco_12)
    second.commit(core(lesson_location="p4", session_time="00:01:00"))

    answer = ask(first).json()

    assert answer == {"sequence": second.sequence, "closed": False, "same_learner_data": False, "current": True}
    assert answer["sequence"] > first.sequence
    # Without a receipt the page learns only who stored last.
    assert ask(first, with_receipt=False).json() == {"sequence": second.sequence, "closed": False, "same_learner_data": None, "current": True}


def test_a_tab_that_stored_nothing_of_the_learners_keeps_the_same_learner_data(learner, sco_12):
    first = Page(learner, sco_12)
    first.commit(core(lesson_location="p2", lesson_status="incomplete", session_time="00:00:30"))
    second = Page(learner, sco_12)
    closing = core(lesson_location="p2", lesson_status="incomplete", exit="suspend", session_time="00:00:20")
    second.commit(closing, finished=True)

    assert ask(first).json() == {"sequence": second.sequence, "closed": False, "same_learner_data": True, "current": True}


def test_a_receipt_that_does_not_match_its_state_proves_nothing(learner, sco_12):
    page = Page(learner, sco_12)
    page.commit(core(lesson_location="p1", session_time="00:00:30"))
    tag, state = page.receipt

    forged = {"cmi": {**state["cmi"], "core": {**state["cmi"]["core"], "lesson_location": "p9"}}, "stored": {"tag": tag, "delta": []}}

    assert ask(page, body=forged).json()["same_learner_data"] is None


def test_a_finished_or_erased_attempt_is_closed(learner, sco_12):
    page = Page(learner, sco_12)
    page.commit(core(lesson_location="p1", session_time="00:00:30"))
    Attempt.objects.update(closed_at=timezone.now())
    assert ask(page).json()["closed"] is True

    Attempt.objects.all().delete()
    assert ask(page).json() == {"sequence": 0, "closed": True, "same_learner_data": None, "current": False}


def test_bad_questions_get_a_json_error(learner, sco_12):
    page = Page(learner, sco_12)
    invalid_token = page.client.post("/scorm/commit/not-a-token/stored/", "{}")
    assert invalid_token.status_code == 403 and invalid_token.json()["result"] == "false"
    for body in (b"{not json", b"[1, 2]"):
        response = page.client.post(f"/scorm/commit/{page.launch.token}/stored/", body)
        assert response.status_code == 400 and response.json()["message"], body
    too_large = page.client.post(f"/scorm/commit/{page.launch.token}/stored/", "x" * (settings.SCORM_MAX_COMMIT_BYTES + 1))
    assert too_large.status_code == 413


def test_in_a_package_the_server_sequences_it_tells_whether_the_learner_is_still_on_that_activity(learner, local_storage):
    version = package_import(file=shared_fixtures_dir() / "valid" / "SequencingForcedSequential_SCORM20043rdEdition.zip")
    state = SequencingState.objects.create(learner=learner, version=version, current_activity="playing_item")
    page = Page(learner, version.scos.get(identifier="playing_item"))
    page.commit({"location": "1", "session_time": "PT30S"})
    assert ask(page).json()["current"] is True

    state.current_activity = "etuqiette_item"
    state.save()
    assert ask(page).json()["current"] is False


def test_a_body_above_djangos_upload_limit_gets_a_json_413(learner, sco_12, settings, client):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    page = Page(learner, sco_12)
    body = json.dumps({"cmi": {"suspend_data": "x" * 2000}})
    for path in (f"/scorm/commit/{page.launch.token}/stored/", f"/scorm/commit/{page.launch.token}/"):
        response = client.post(path, body, content_type="application/json")  # Django's handler, not the WSGI route
        assert response.status_code == 413 and response.json()["result"] == "false", path
