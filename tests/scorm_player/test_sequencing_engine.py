"""The server-side SCORM 2004 sequencer (pure logic): the real golf sequencing manifests,
and small trees for the rules those do not use."""

import pytest

from scorm_player.manifest import parse_manifest
from scorm_player.navigation import prerequisites_met
from scorm_player.sequencing_engine import (
    LeafRuntime,
    Sequencer,
    SequencingError,
    navigation_validity,
    predict,
)
from tests.services import shared_fixtures_dir

FIXTURES = shared_fixtures_dir() / "valid"


def _tree(zip_name):
    import zipfile

    with zipfile.ZipFile(FIXTURES / zip_name) as archive:
        return parse_manifest(archive.read("imsmanifest.xml")).activity_tree


class Learner:
    """A learner's sequencing session: the state, the global objectives and what the SCOs reported."""

    def __init__(self, tree):
        self.tree = tree
        self.state, self.globals, self.runtime = {}, {}, {}

    def navigate(self, request, target=None):
        outcome = Sequencer(self.tree, self.state, self.globals, self.runtime).navigate(request, target)
        if outcome.deliver and self.state["activities"][outcome.deliver]["fresh"]:
            # What the player does: a new runtime attempt, with no data yet.
            self.state["activities"][outcome.deliver]["fresh"] = False
            self.runtime.pop(outcome.deliver, None)
        return outcome

    def report(self, identifier, completion="completed", success="passed", score=None):
        self.runtime[identifier] = LeafRuntime(completion, success, score)

    def root_status(self):
        engine = Sequencer(self.tree, self.state, self.globals, self.runtime)
        engine.sync()
        return engine.root_status()


@pytest.fixture
def forced():
    return Learner(_tree("SequencingForcedSequential_SCORM20043rdEdition.zip"))


@pytest.fixture
def remediation():
    return Learner(_tree("SequencingSimpleRemediation_SCORM20043rdEdition.zip"))


def test_forced_sequential_refuses_continue_and_choice_until_the_previous_sco_is_satisfied(forced):
    assert forced.navigate("start").deliver == "playing_item"
    with pytest.raises(SequencingError) as refused:
        forced.navigate("continue")
    assert refused.value.code == "SB.2.2-2"  # etiquette is disabled by its precondition rule
    with pytest.raises(SequencingError):
        forced.navigate("choice", "handicapping_item")
    assert forced.state["current"] == "playing_item"

    forced.report("playing_item")
    validity = navigation_validity(forced.tree, forced.state, forced.globals, forced.runtime)
    assert validity["continue"] is True
    assert validity["choice"]["etuqiette_item"] is True and validity["choice"]["handicapping_item"] is False
    assert forced.navigate("continue").deliver == "etuqiette_item"
    assert forced.globals["com.scorm.golfsamples.sequencing.forcedsequential.playing_satisfied"]["satisfied"] is True


def test_forced_sequential_course_completes_and_passes_when_the_last_sco_does(forced):
    forced.navigate("start")
    for identifier in ["playing_item", "etuqiette_item", "handicapping_item", "havingfun_item"]:
        forced.report(identifier)
        forced.navigate("continue")
    assert forced.state["current"] == "assessment_item"
    assert forced.root_status()["completion_status"] == "incomplete"
    forced.report("assessment_item", success="failed", score=0.4)
    assert forced.root_status()["success_status"] == "failed"
    forced.report("assessment_item", success="passed", score=0.9)
    assert forced.root_status() == {"completion_status": "completed", "success_status": "passed", "score_scaled": None}
    assert forced.navigate("continue").ended  # past the last activity the session ends
    assert forced.state["current"] is None


def test_remediation_retries_the_wrapper_and_skips_what_is_satisfied(remediation):
    remediation.navigate("start")
    for identifier in ["playing_item", "etuqiette_item", "handicapping_item", "havingfun_item"]:
        remediation.report(identifier)
        remediation.navigate("continue")
    for test, success in [("test_1", "failed"), ("test_2", "passed"), ("test_3", "passed"), ("test_4", "passed")]:
        assert remediation.state["current"] == test
        remediation.report(test, success=success, score=0.9 if success == "passed" else 0.2)
        outcome = remediation.navigate("continue")
    # test_4 exitParent -> the wrapper is not satisfied -> retry: back to the failed objective's content.
    assert outcome.deliver == "playing_item" and outcome.fresh
    assert remediation.state["activities"]["content_wrapper"]["attempts"] == 2
    assert remediation.root_status()["success_status"] != "passed"
    remediation.report("playing_item")
    assert remediation.navigate("continue").deliver == "test_1"  # etiquette..havingfun are skipped
    for skipped in ["etuqiette_item", "handicapping_item", "havingfun_item"]:
        assert remediation.state["activities"][skipped]["skipped"] is True
    remediation.report("test_1", success="passed", score=0.8)
    assert remediation.navigate("continue").ended  # tests 2-4 are satisfied: skipped to the end
    status = remediation.root_status()
    assert (status["completion_status"], status["success_status"]) == ("completed", "passed")


def test_remediation_passing_everything_first_time_exits_all(remediation):
    remediation.navigate("start")
    for identifier in ["playing_item", "etuqiette_item", "handicapping_item", "havingfun_item"]:
        remediation.report(identifier)
        remediation.navigate("continue")
    for test in ["test_1", "test_2", "test_3", "test_4"]:
        remediation.report(test, score=1.0)
        outcome = remediation.navigate("continue")
    assert outcome.ended and outcome.deliver is None  # the wrapper's "satisfied -> exitAll" rule
    assert remediation.root_status()["success_status"] == "passed"


def test_remediation_allows_no_choice_and_no_previous_from_the_first_sco(remediation):
    remediation.navigate("start")
    validity = navigation_validity(remediation.tree, remediation.state, remediation.globals, remediation.runtime)
    assert not any(validity["choice"].values())
    assert validity["previous"] is False
    _outcome, error = predict(remediation.tree, remediation.state, remediation.globals, remediation.runtime, "choice", "test_2")
    assert error == "SB.2.9-4"


def test_suspend_all_then_resume_all_returns_to_the_same_activity_without_a_new_attempt(forced):
    forced.navigate("start")
    forced.report("playing_item")
    forced.navigate("continue")
    outcome = forced.navigate("suspendAll")
    assert outcome.ended and forced.state["suspended_activity"] == "etuqiette_item" and forced.state["current"] is None
    assert forced.state["activities"]["etuqiette_item"]["suspended"] is True
    with pytest.raises(SequencingError):
        forced.navigate("continue")  # nothing is current after the session ended
    resumed = forced.navigate("resumeAll")
    assert resumed.deliver == "etuqiette_item" and not resumed.fresh
    assert forced.state["activities"]["etuqiette_item"]["attempts"] == 1
    assert forced.state["suspended_activity"] is None


def _leaf(identifier, **sequencing):
    return {"identifier": identifier, "title": identifier, "launch": f"{identifier}.html", "children": [], "sequencing": sequencing or None}


def _root(children, **sequencing):
    return {"identifier": "org", "title": "Org", "children": children, "sequencing": sequencing}


def test_forward_only_refuses_previous_and_choice_backwards():
    learner = Learner(_root([_leaf("a"), _leaf("b")], control_mode={"flow": True, "choice": True, "forward_only": True}))
    learner.navigate("start")
    learner.navigate("continue")
    with pytest.raises(SequencingError):
        learner.navigate("previous")
    with pytest.raises(SequencingError) as refused:
        learner.navigate("choice", "a")
    assert refused.value.code == "SB.2.9-5"


def test_attempt_limit_disables_an_activity_once_used_up():
    limited = _leaf("a", limit_conditions={"attempt_limit": 1})
    learner = Learner(_root([limited, _leaf("b")], control_mode={"flow": True, "choice": True}))
    learner.navigate("start")
    learner.report("a")
    learner.navigate("continue")
    with pytest.raises(SequencingError):
        learner.navigate("choice", "a")
    assert learner.navigate("choice", "b").deliver == "b"


def test_hidden_from_choice_rule_and_choice_exit():
    hidden = _leaf("b", sequencing_rules={"pre": [{"action": "hiddenFromChoice", "conditions": [{"condition": "always"}]}], "exit": [], "post": []})
    learner = Learner(_root([_leaf("a"), hidden], control_mode={"flow": True, "choice": True}))
    learner.navigate("start")
    with pytest.raises(SequencingError) as refused:
        learner.navigate("choice", "b")
    assert refused.value.code == "SB.2.9-3"
    assert learner.navigate("continue").deliver == "b"  # still reachable by flow


def test_rollup_rules_at_least_count_and_auto_completion_when_content_does_not_set_status():
    rules = {"rules": [{"action": "satisfied", "child_activity_set": "atLeastCount", "minimum_count": 1, "conditions": [{"condition": "satisfied"}]}]}
    learner = Learner(_root([_leaf("a"), _leaf("b")], control_mode={"flow": True, "choice": True}, rollup_rules=rules))
    learner.navigate("start")
    assert learner.root_status()["success_status"] == "unknown"
    learner.report("a", completion="unknown", success="unknown")
    learner.navigate("continue")  # "a" exits without reporting: the LMS completes and satisfies it
    assert learner.state["activities"]["a"]["auto_completed"] and learner.state["activities"]["a"]["auto_satisfied"]
    assert learner.root_status()["success_status"] == "passed"
    assert learner.root_status()["completion_status"] == "incomplete"


def test_post_condition_exit_all_ends_the_session():
    quitting = _leaf("a", sequencing_rules={"pre": [], "exit": [], "post": [{"action": "exitAll", "conditions": [{"condition": "completed"}]}]})
    learner = Learner(_root([quitting, _leaf("b")], control_mode={"flow": True}))
    learner.navigate("start")
    learner.report("a")
    assert learner.navigate("continue").ended


def test_unknown_navigation_request_is_refused():
    learner = Learner(_root([_leaf("a")], control_mode={"flow": True}))
    with pytest.raises(SequencingError):
        learner.navigate("teleport")


@pytest.mark.parametrize(
    ("expression", "statuses", "met"),
    [
        ("a", {"a": "completed"}, True),
        ("a", {"a": "incomplete"}, False),
        ("a & b", {"a": "passed", "b": "completed"}, True),
        ("a & b", {"a": "passed"}, False),
        ("a | b", {"b": "passed"}, True),
        ("~a", {}, True),
        ("(a | b) & ~c", {"a": "completed", "c": "failed"}, True),
        ("2*{a,b,c}", {"a": "completed", "c": "passed"}, True),
        ("2*{a,b,c}", {"a": "completed"}, False),
        ("a=failed", {"a": "failed"}, True),
        ("a<>passed", {"a": "passed"}, False),
        ("a<>not attempted", {}, False),  # the status word with its space
        ("a<>not attempted", {"a": "incomplete"}, True),
        ("a=Not  Attempted", {"a": "completed"}, False),
        ("a=not attempted & b", {"b": "passed"}, True),
        ("a=n", {}, True),
        ("a=browsed", {"a": "browsed"}, True),
        ("", {}, True),
        ("a & & )", {}, True),  # malformed: never locks the learner out
    ],
)
def test_scorm12_prerequisites(expression, statuses, met):
    """SCORM 1.2 CAM 2.3.2.5 adlcp:prerequisites (aicc_script), status words included."""
    assert prerequisites_met(expression, statuses) is met
