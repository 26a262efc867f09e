"""The server-side SCORM 2004 sequencer on small trees: limit conditions, traversal,
ending attempts and choice restrictions, each against the SN book's pseudo-code."""

import pytest

from scorm_player.sequencing_engine import SequencingError, navigation_validity
from tests.scorm_player.test_sequencing_engine import Learner, _leaf, _root

FLOW_AND_CHOICE = {"flow": True, "choice": True}


def _rules(pre=(), exit=(), post=()):
    return {"pre": list(pre), "exit": list(exit), "post": list(post)}


def _cluster(identifier, children, **sequencing):
    return {"identifier": identifier, "title": identifier, "children": children, "sequencing": sequencing or None}


def _validity(learner):
    return navigation_validity(learner.tree, learner.state, learner.globals, learner.runtime)


# --- limit conditions (SN UP.1)


def test_attempt_limit_still_applies_after_a_retry_all_resets_the_tracking():
    """SN UP.1 Limit Conditions Check: a retryAll resets the quiz's tracking but not its
    attempt count, so its single attempt stays used up."""
    quiz = _leaf("quiz", limit_conditions={"attempt_limit": 1},
                 sequencing_rules=_rules(post=[{"action": "retryAll", "conditions": [{"condition": "satisfied", "operator": "not"}]}]))
    learner = Learner(_root([_leaf("lesson"), quiz], control_mode=FLOW_AND_CHOICE))
    learner.navigate("start")
    learner.report("lesson")
    learner.navigate("continue")
    learner.report("quiz", success="failed")
    assert learner.navigate("continue").deliver == "lesson"  # the post rule's retryAll
    assert learner.state["activities"]["quiz"]["attempts"] == 1
    learner.report("lesson")
    with pytest.raises(SequencingError) as refused:
        learner.navigate("continue")
    assert refused.value.code == "SB.2.2-2"
    assert _validity(learner)["choice"]["quiz"] is False


def test_attempt_limit_applies_to_a_sco_that_never_reported_completion():
    """SN UP.1: the limit applies once the activity was attempted, whatever completion
    status the SCO reported (completionSetByContent="true", nothing reported)."""
    quiz = _leaf("quiz", limit_conditions={"attempt_limit": 1},
                 delivery_controls={"completion_set_by_content": True, "objective_set_by_content": True})
    learner = Learner(_root([quiz, _leaf("b")], control_mode=FLOW_AND_CHOICE))
    learner.navigate("start")
    learner.report("quiz", completion="unknown", success="failed")
    learner.navigate("continue")
    with pytest.raises(SequencingError) as refused:
        learner.navigate("choice", "quiz")
    assert refused.value.code == "SB.2.9-6"


def test_attempt_limit_does_not_disable_the_attempt_in_progress():
    """SN UP.1 is checked when an attempt would start: the active activity stays valid."""
    learner = Learner(_root([_leaf("a", limit_conditions={"attempt_limit": 1}), _leaf("b")], control_mode=FLOW_AND_CHOICE))
    learner.navigate("start")
    assert _validity(learner)["choice"]["a"] is True
    assert learner.navigate("continue").deliver == "b"


# --- flow traversal (SN SB.2.1)


def test_previous_does_not_cross_back_over_a_forward_only_ancestor():
    """SN SB.2.1 Flow Tree Traversal, backward: the parent's forwardOnly raises SB.2.1-4, also
    when the traversal recurses up from a first child. The course is forwardOnly, its modules
    are not: from the first part of module 2, Previous is refused and not offered."""
    m1 = _cluster("m1", [_leaf("a"), _leaf("b")], control_mode=FLOW_AND_CHOICE)
    m2 = _cluster("m2", [_leaf("c"), _leaf("d")], control_mode=FLOW_AND_CHOICE)
    learner = Learner(_root([m1, m2], control_mode={**FLOW_AND_CHOICE, "forward_only": True}))
    learner.navigate("start")
    learner.navigate("continue")
    assert learner.navigate("continue").deliver == "c"
    assert _validity(learner)["previous"] is False
    with pytest.raises(SequencingError) as refused:
        learner.navigate("previous")
    assert refused.value.code == "SB.2.1-4"


def test_previous_inside_a_module_of_a_forward_only_course_is_allowed():
    """SN SB.2.1: only the parent's forwardOnly stops a backward step; inside a module that
    is not forwardOnly, Previous works even if the course is."""
    m1 = _cluster("m1", [_leaf("a"), _leaf("b")], control_mode=FLOW_AND_CHOICE)
    learner = Learner(_root([m1, _leaf("c")], control_mode={**FLOW_AND_CHOICE, "forward_only": True}))
    learner.navigate("start")
    learner.navigate("continue")
    assert _validity(learner)["previous"] is True
    assert learner.navigate("previous").deliver == "a"


# --- ending attempts on delivery (SN DB.2, UP.3)


def _two_modules(**m1_sequencing):
    m1 = _cluster("m1", [_leaf("a"), _leaf("b")], control_mode=FLOW_AND_CHOICE, **m1_sequencing)
    m2 = _cluster("m2", [_leaf("c")], control_mode=FLOW_AND_CHOICE)
    return Learner(_root([m1, m2], control_mode=FLOW_AND_CHOICE))


def test_flowing_out_of_a_module_ends_its_attempt():
    """SN DB.2 Content Delivery Environment -> UP.3 Terminate Descendent Attempts: delivering
    "c" ends the attempt on module 1, which the new path leaves; coming back is a new attempt."""
    learner = _two_modules()
    learner.navigate("start")
    learner.report("a")
    learner.navigate("continue")
    learner.report("b")
    assert learner.navigate("continue").deliver == "c"
    assert learner.state["activities"]["m1"]["active"] is False
    assert learner.state["activities"]["m2"]["active"] is True
    assert learner.navigate("choice", "a").deliver == "a"
    assert learner.state["activities"]["m1"]["attempts"] == 2
    assert learner.state["activities"]["m2"]["active"] is False


def test_a_module_left_by_choice_uses_up_its_attempt_limit():
    """SN UP.3 then UP.1: once module 1's attempt has ended, its attemptLimit of 1 disables it
    (SB.2.9-6 for a choice into it)."""
    learner = _two_modules(limit_conditions={"attempt_limit": 1})
    learner.navigate("start")
    assert learner.navigate("choice", "c").deliver == "c"
    with pytest.raises(SequencingError) as refused:
        learner.navigate("choice", "a")
    assert refused.value.code == "SB.2.9-6"
    assert _validity(learner)["choice"]["b"] is False


# --- choice restrictions (SN SB.2.9, SB.2.4)

_NOT_SATISFIED_OR_UNKNOWN = {
    "condition_combination": "any",
    "conditions": [
        {"condition": "satisfied", "operator": "not"},
        {"condition": "objectiveStatusKnown", "operator": "not"},
    ],
}


def test_stop_forward_traversal_blocks_a_choice_past_the_activity_until_its_rule_stops_holding():
    """SN SB.2.9 (siblings) with SB.2.4 Choice Activity Traversal: walking forward from the
    current activity, a stopForwardTraversal precondition that holds refuses the choice
    (SB.2.4-1). The activity itself may be chosen; flow is not affected."""
    gate = _leaf("b", sequencing_rules=_rules(pre=[{"action": "stopForwardTraversal", **_NOT_SATISFIED_OR_UNKNOWN}]))
    learner = Learner(_root([_leaf("a"), gate, _leaf("c")], control_mode=FLOW_AND_CHOICE))
    learner.navigate("start")
    with pytest.raises(SequencingError) as refused:
        learner.navigate("choice", "c")
    assert refused.value.code == "SB.2.4-1"
    assert _validity(learner)["choice"] == {"a": True, "b": True, "c": False}
    assert learner.navigate("choice", "b").deliver == "b"
    learner.report("b")
    assert _validity(learner)["choice"]["c"] is True
    assert learner.navigate("choice", "c").deliver == "c"


def test_constrain_choice_allows_leaving_a_module_only_for_the_next_or_previous_one():
    """SN SB.2.9 step 11.5 with SB.2.9.1 Choice Flow: a choice that leaves an activity with
    adlseq:constrainedChoiceConsiderations constrainChoice="true" may only target the activity
    logically next or previous to it (or their descendants); anything else is SB.2.9-8.
    Inside the module the choice is free."""
    modules = [
        _cluster("m1", [_leaf("a")], control_mode=FLOW_AND_CHOICE),
        _cluster("m2", [_leaf("b"), _leaf("c")], control_mode=FLOW_AND_CHOICE,
                 constrained_choice_considerations={"constrain_choice": True}),
        _cluster("m3", [_leaf("d")], control_mode=FLOW_AND_CHOICE),
        _cluster("m4", [_leaf("e")], control_mode=FLOW_AND_CHOICE),
    ]
    learner = Learner(_root(modules, control_mode=FLOW_AND_CHOICE))
    learner.navigate("start")
    assert _validity(learner)["choice"]["e"] is True  # m1 is not constrained
    assert learner.navigate("continue").deliver == "b"
    choice = _validity(learner)["choice"]
    assert (choice["a"], choice["c"], choice["m3"], choice["d"]) == (True, True, True, True)
    assert (choice["m4"], choice["e"]) == (False, False)
    with pytest.raises(SequencingError) as refused:
        learner.navigate("choice", "e")
    assert refused.value.code == "SB.2.9-8"
    assert learner.navigate("choice", "d").deliver == "d"


def test_prevent_activation_refuses_a_choice_into_a_module_not_yet_active():
    """SN SB.2.9 steps 9 and 11.8: below the common ancestor, an activity with
    preventActivation="true" that is not active refuses a choice of its descendants
    (SB.2.9-6). Choosing the module itself starts it; then its parts may be chosen."""
    m1 = _cluster("m1", [_leaf("a"), _leaf("b")], control_mode=FLOW_AND_CHOICE)
    m2 = _cluster("m2", [_leaf("c"), _leaf("d")], control_mode=FLOW_AND_CHOICE,
                  constrained_choice_considerations={"prevent_activation": True})
    learner = Learner(_root([m1, m2], control_mode=FLOW_AND_CHOICE))
    learner.navigate("start")
    with pytest.raises(SequencingError) as refused:
        learner.navigate("choice", "d")
    assert refused.value.code == "SB.2.9-6"
    assert _validity(learner)["choice"]["m2"] is True
    assert learner.navigate("choice", "m2").deliver == "c"
    assert learner.navigate("choice", "d").deliver == "d"
