"""How two states differ (state_delta) and back (state_with_delta): the receipts a commit's
answer carries and the browser sends back are made of these changes."""

import random

import pytest

from scorm_player.cmi import copy_state, indexed_as_lists, state_delta, state_with_delta

STORED = {
    "cmi": {
        "core": {"student_id": "42", "lesson_location": "p3", "total_time": "0000:01:00", "entry": "resume"},
        "suspend_data": "x" * 50,
        "interactions": [{"id": "q1", "result": "correct"}, {"id": "q2", "result": "wrong"}],
        "objectives": [{"id": "o1", "score": {"raw": "80"}}],
    },
}


@pytest.mark.parametrize(
    "submitted",
    [
        STORED,
        {"cmi": {"core": {"lesson_location": "p4"}}},  # groups and values the browser did not send
        {"cmi": {**STORED["cmi"], "core": {**STORED["cmi"]["core"], "exit": "suspend"}}},  # one the server removed
        {"cmi": {**STORED["cmi"], "interactions": [{"id": "q1", "result": "wrong"}, {"id": "q2", "result": "wrong"}]}},
        {"cmi": {**STORED["cmi"], "interactions": [{"id": "q1", "result": "correct"}]}},  # a shorter list
        {"cmi": {**STORED["cmi"], "objectives": {"0": {"id": "o1"}}}},  # scorm-again's shape of an array
        {"cmi": {**STORED["cmi"], "objectives": {"0": {"id": "o1", "score": {"raw": "80"}}}}},  # the same entries
        {"cmi": {**STORED["cmi"], "objectives": {"1": {"id": "o1"}}}},  # an object, not an array
        {"adl": {"nav": {"request": "continue"}}},
        {},
    ],
)
def test_a_delta_turns_the_submitted_state_into_the_stored_one_and_leaves_both_as_they_were(submitted):
    submitted_before, stored_before = copy_state(submitted), copy_state(STORED)

    changes = state_delta(submitted, STORED)

    assert state_with_delta(indexed_as_lists(submitted), changes) == STORED
    assert (submitted, STORED) == (submitted_before, stored_before)


def test_equal_states_differ_by_nothing_and_small_changes_stay_small():
    assert state_delta(STORED, copy_state(STORED)) == []
    moved = copy_state(STORED)
    moved["cmi"]["core"]["lesson_location"] = "p4"
    del moved["cmi"]["core"]["entry"]
    moved["cmi"]["interactions"][1]["result"] = "correct"

    assert state_delta(STORED, moved) == [
        [["cmi", "core", "lesson_location"], "p4"],
        [["cmi", "core", "entry"]],
        [["cmi", "interactions", 1, "result"], "correct"],
    ]


def _random_state(rng, depth=0):
    if depth > 3 or rng.random() < 0.3:
        return rng.choice(["", "a", "b", "0.5", 1, None])
    if rng.random() < 0.3:
        items = [_random_state(rng, depth + 1) for _ in range(rng.randint(0, 3))]
        # Sometimes in scorm-again's shape of an array: an object keyed by index.
        return {str(index): item for index, item in enumerate(items)} if rng.random() < 0.5 else items
    return {rng.choice("abc01"): _random_state(rng, depth + 1) for _ in range(rng.randint(0, 4))}


def test_random_pairs_of_states_round_trip():
    rng = random.Random(20261204)
    for _ in range(2000):
        source, target = {"cmi": _random_state(rng)}, {"cmi": _random_state(rng)}
        assert state_with_delta(indexed_as_lists(source), state_delta(source, target)) == target


@pytest.mark.parametrize(
    "changes",
    [
        {"cmi": {}},  # not a list
        ["cmi"],  # a change is a list
        [[]],  # nor empty
        [["cmi", "x"]],  # its path is a list
        [[[]]],  # the root cannot be removed
        [[[], "text"]],  # and a state stays an object
        [[["cmi", "core", "nothing", "deeper"], "x"]],  # no such group
        [[["cmi", "suspend_data", "inside"], "x"]],  # a string holds nothing
        [[["cmi", "interactions", 2], {}]],  # past the end of a list
        [[["cmi", "interactions", -1], {}]],
        [[["cmi", "interactions", True], {}]],  # True is not an index
        [[["cmi", "interactions", "0"], {}]],  # nor a string
        [[["cmi", "interactions", 0]]],  # list entries are replaced, not removed
        [[["cmi", "core", 0], "x"]],  # objects have string keys
        [[["cmi", "core", "absent"]]],  # nothing to remove
        [[["cmi"], "x", "extra"]],
    ],
)
def test_changes_that_do_not_fit_the_state_are_refused(changes):
    with pytest.raises(ValueError):
        state_with_delta(copy_state(STORED), changes)


def test_objects_keyed_by_index_read_as_the_lists_they_stand_for():
    sent = {"cmi": {"interactions": {"1": {"id": "q2"}, "0": {"id": "q1", "objectives": {"0": {"id": "o"}}}}, "core": {"0x": "a"}}}

    assert indexed_as_lists(sent) == {"cmi": {"interactions": [{"id": "q1", "objectives": [{"id": "o"}]}, {"id": "q2"}], "core": {"0x": "a"}}}
    assert indexed_as_lists({"a": {"0": "x", "2": "y"}}) == {"a": {"0": "x", "2": "y"}}  # a gap: not a list
    assert indexed_as_lists({"a": {}}) == {"a": {}}
    copied = indexed_as_lists(STORED)
    assert copied == STORED and copied["cmi"]["interactions"][0] is not STORED["cmi"]["interactions"][0]
