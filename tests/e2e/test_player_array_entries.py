"""Array entries scorm-again opens for a SetValue it refuses (before the entry's id or
type): the entries after them are stored at the browser's indexes, a resumed session has
each record the SCO made at its index, and pages open side by side agree on them."""

import dataclasses

import pytest

from scorm_player.models import Attempt
from scorm_player.services import package_import
from tests.e2e.helpers import wait_for_attempt
from tests.e2e.test_player_golf import GOLF, Player, _commit_from_the_sco

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def golf2004(local_storage):
    package = GOLF["2004"]
    return dataclasses.replace(package, package_version=package_import(file=package.zip_path))


def test_interactions_after_an_entry_opened_by_a_refused_set_value_are_there_on_resume(golf2004, learner_context):
    """A learner_response set before the interaction's type: scorm-again answers 408 and
    keeps entry 0 open (_count 1); the SCO records its question at 1. The server stores
    [{}, q1] and resumes with both, entry 0 opened as scorm-again opened it."""
    golf = golf2004
    player = Player(learner_context, golf)
    player.shows(0)
    frame = player.sco_frame()
    assert frame.evaluate("API.SetValue('cmi.interactions.0.learner_response', 'x')") == "false"
    assert frame.evaluate("API.GetValue('cmi.interactions._count')") == "1"
    for element, value in (("cmi.interactions.1.id", "q1"), ("cmi.interactions.1.type", "true-false"),
                           ("cmi.interactions.1.learner_response", "true"), ("cmi.interactions.1.result", "correct")):
        assert frame.evaluate(f"API.SetValue('{element}', '{value}')") == "true", element
    assert _commit_from_the_sco(player) == "true"
    assert [i.get("id") for i in Attempt.objects.get().state["cmi"]["interactions"]] == [None, "q1"]
    player.close()
    wait_for_attempt(lambda attempt: golf.exit(attempt.state) == "suspend", what="the suspended session")

    again = Player(learner_context, golf)
    again.shows(0)
    assert again.server_entry() == "resume"
    seen = (again.api_value("cmi.interactions._count"), again.api_value("cmi.interactions.1.id"))
    assert seen == ("2", "q1"), seen


def _first_page_with_an_entry_opened(golf, learner_context):
    """cmi.objectives.0.success_status before the id: scorm-again answers 408 and opens
    entry 0 (shown with "unknown" statuses); the SCO records objective "x" at 1."""
    first = Player(learner_context, golf)
    first.shows(0)
    frame = first.sco_frame()
    assert frame.evaluate("API.SetValue('cmi.objectives.0.success_status', 'passed')") == "false"
    assert frame.evaluate("API.SetValue('cmi.objectives.1.id', 'x')") == "true"
    first.next(1)
    assert _commit_from_the_sco(first) == "true"
    assert [o.get("id") for o in Attempt.objects.get().state["cmi"]["objectives"]] == [None, "x"]
    return first


def test_an_objective_recorded_after_an_entry_scorm_again_opened_is_stored(golf2004, learner_context):
    player = _first_page_with_an_entry_opened(golf2004, learner_context)
    assert player.sco_frame().evaluate("API.SetValue('cmi.objectives.1.success_status', 'passed')") == "true"
    player.next(2)

    assert _commit_from_the_sco(player) == "true"
    stored = Attempt.objects.get().state["cmi"]["objectives"]
    assert [(o.get("id"), o.get("success_status")) for o in stored] == [(None, None), ("x", "passed")]


def test_a_tab_opened_and_closed_gives_the_attempt_back_with_an_entry_scorm_again_opened(golf2004, learner_context):
    golf = golf2004
    first = _first_page_with_an_entry_opened(golf, learner_context)
    second = Player(learner_context, golf)
    second.shows(1)
    assert second.api_value("cmi.objectives._count") == "2"
    assert _commit_from_the_sco(second) == "true"
    second.close()
    wait_for_attempt(lambda attempt: golf.exit(attempt.state) == "suspend", what="the second tab's last commit")

    assert first.sco_frame().evaluate("API.SetValue('cmi.objectives.1.success_status', 'passed')") == "true"
    first.next(2)
    assert _commit_from_the_sco(first) == "true"
    stored = Attempt.objects.get().state
    assert golf.location(stored) == "2"
    assert [(o.get("id"), o.get("success_status")) for o in stored["cmi"]["objectives"]] == [(None, None), ("x", "passed")]


def test_the_last_commit_of_a_page_still_open_when_the_module_is_opened_again_keeps_its_objective(golf2004, learner_context):
    golf = golf2004
    first = _first_page_with_an_entry_opened(golf, learner_context)
    second = Player(learner_context, golf)  # launched while the first page is still open
    second.shows(1)
    assert first.sco_frame().evaluate("API.SetValue('cmi.objectives.1.success_status', 'passed')") == "true"
    first.next(2)
    first.close()

    saved = wait_for_attempt(lambda attempt: golf.location(attempt.state) == "2", what="the first page's last commit")
    assert [(o.get("id"), o.get("success_status")) for o in saved.state["cmi"]["objectives"]] == [(None, None), ("x", "passed")]
