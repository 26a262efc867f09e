"""A commit mirrors what the browser's API holds: the states below are built by calls the
run-time API accepts, then sent as scorm-again sends them. The server takes them as the
browser holds them (array entries with no values included, so later indexes stay the
browser's), or names exactly the values it refuses so that the player can send the rest
(player.js). Also the API's own rules these calls meet: a keyword below an array entry
that does not exist, a choice's correct response given twice."""

import pytest

from scorm_player.cmi import new_api, validate_commit

LEARNER_2004 = {"cmi": {"learner_id": "u1", "credit": "credit", "mode": "normal"}}
LEARNER_12 = {"cmi": {"core": {"student_id": "u1", "credit": "credit", "lesson_mode": "normal"}}}


def running(version):
    api = new_api(version, initial_state=LEARNER_2004 if version == "2004" else LEARNER_12)
    assert (api.Initialize("") if version == "2004" else api.LMSInitialize("")) == "true"
    return api


def ok(api, element, value):
    set_value = api.SetValue if hasattr(api, "SetValue") else api.LMSSetValue
    assert set_value(element, value) == "true", (element, value)


def as_scorm_again_body(state):
    """The state as scorm-again posts it: arrays as objects keyed by index."""

    def indexed(value):
        if isinstance(value, dict):
            return {key: indexed(item) for key, item in value.items()}
        if isinstance(value, list):
            return {str(index): indexed(item) for index, item in enumerate(value)}
        return value

    return {"cmi": indexed(state["cmi"])}


def test_an_entry_whose_values_are_all_empty_is_kept_and_the_next_one_fits():
    # RTE 4.2.1: "" is a comment like any other; the entry exists once set (_count 2).
    api = running("2004")
    ok(api, "cmi.comments_from_learner.0.comment", "")
    ok(api, "cmi.comments_from_learner.1.comment", "Second comment")
    ok(api, "cmi.location", "page-7")

    result = validate_commit("2004", LEARNER_2004, as_scorm_again_body(api.state()))

    assert result.ok, result.errors
    assert result.state["cmi"]["comments_from_learner"] == [{}, {"comment": "Second comment"}]
    assert result.state["cmi"]["location"] == "page-7"


@pytest.mark.parametrize("patterns", [[""], ["", "a[,]b"]])
def test_an_empty_choice_correct_response_is_kept(patterns):
    # RTE 4.2.9.1: a choice pattern is a set of identifiers, the empty set too.
    api = running("2004")
    ok(api, "cmi.interactions.0.id", "q1")
    ok(api, "cmi.interactions.0.type", "choice")
    for index, pattern in enumerate(patterns):
        ok(api, f"cmi.interactions.0.correct_responses.{index}.pattern", pattern)

    result = validate_commit("2004", LEARNER_2004, as_scorm_again_body(api.state()))

    assert result.ok, result.errors
    stored = result.state["cmi"]["interactions"][0]["correct_responses"]
    assert [entry.get("pattern", "") for entry in stored] == patterns


@pytest.mark.parametrize("element", ["cmi.objectives", "cmi.interactions"])
def test_an_entry_the_browser_opened_for_a_value_it_refused_keeps_the_indexes_after_it(element):
    """scorm-again opens an array entry before it checks the value (a SetValue refused 408,
    an objective's score before its id): the entry stays, empty, and the SCO's next entry
    has the index after it."""
    body = as_scorm_again_body({"cmi": {element.split(".")[1]: [{"id": "", "description": ""}, {"id": "second"}]}})

    result = validate_commit("2004", LEARNER_2004, body)

    assert result.ok, result.errors
    assert result.state["cmi"][element.split(".")[1]] == [{}, {"id": "second"}]


@pytest.mark.parametrize("version, calls, refused", [
    pytest.param("2004", [
        ("cmi.interactions.0.id", "q1"), ("cmi.interactions.0.type", "true-false"),
        ("cmi.interactions.0.learner_response", "true"), ("cmi.interactions.0.type", "numeric"),
    ], ["cmi.interactions.0.learner_response"], id="2004-type-changed-after-the-response"),
    pytest.param("1.2", [
        ("cmi.interactions.0.id", "q1"), ("cmi.interactions.0.student_response", "b"),
        ("cmi.interactions.0.correct_responses.0.pattern", "b"), ("cmi.interactions.0.type", "true-false"),
    ], ["cmi.interactions.0.correct_responses.0.pattern", "cmi.interactions.0.student_response"], id="1.2-type-after-the-response"),
])
def test_values_checked_against_a_type_set_after_them_are_named_and_the_rest_is_taken(version, calls, refused):
    """The order of the calls is not in a commit: a response is checked against the type the
    interaction has in the end. The values refused are named; the same commit without them
    (what the player sends next, with them null) is taken whole."""
    api = running(version)
    for element, value in calls:
        ok(api, element, value)
    location = "cmi.location" if version == "2004" else "cmi.core.lesson_location"
    ok(api, location, "page-7")
    current = LEARNER_2004 if version == "2004" else LEARNER_12
    body = as_scorm_again_body(api.state())

    result = validate_commit(version, current, body)

    assert sorted(error.element for error in result.errors) == refused
    for element in refused:
        holder = body
        *path, last = element.split(".")
        for key in path:
            holder = holder[key]
        holder[last] = None
    again = validate_commit(version, current, body)
    assert again.ok, again.errors
    stored = again.state["cmi"]
    assert (stored["location"] if version == "2004" else stored["core"]["lesson_location"]) == "page-7"
    assert stored["interactions"][0]["id"] == "q1"


def test_a_choice_correct_response_given_twice_is_refused_351():
    # As scorm-again's checkDuplicateChoiceResponse: each pattern is another set of choices.
    api = running("2004")
    ok(api, "cmi.interactions.0.id", "q1")
    ok(api, "cmi.interactions.0.type", "choice")
    ok(api, "cmi.interactions.0.correct_responses.0.pattern", "a[,]b")

    assert api.SetValue("cmi.interactions.0.correct_responses.1.pattern", "a[,]b") == "false"
    assert api.GetLastError() == "351"
    ok(api, "cmi.interactions.0.correct_responses.1.pattern", "b[,]c")


@pytest.mark.parametrize("version, get_value, last_error, expected", [
    ("2004", "GetValue", "GetLastError", "301"),
    ("1.2", "LMSGetValue", "LMSGetLastError", "201"),
])
def test_a_keyword_below_an_entry_that_does_not_exist_is_an_index_error(version, get_value, last_error, expected):
    # RTE 3.1.7.6 (2004: 301) and 1.2 3.3.3 (201): the index must exist, whatever follows it.
    api = running(version)

    assert getattr(api, get_value)("cmi.objectives.5.score._children") == ""
    assert getattr(api, last_error)() == expected
    ok(api, "cmi.objectives.0.id", "obj1")
    assert getattr(api, get_value)("cmi.objectives.0.score._children") != ""
