"""Re-validation of the state scorm-again posts on commit (scorm_player.cmi.validate_commit).

The JSON bodies below were produced by scorm-again 3.4.3 itself (Scorm2004API /
Scorm12API, ``renderCommitCMI(false)`` for a commit and ``renderCommitCMI(true)`` for the
terminating commit) after the SetValue calls listed above each of them.
"""

import copy
import json

import pytest

from scorm_player.cmi import finish_session, next_entry, validate_commit

# Scorm2004API.loadFromJSON({learner_id: "u1", learner_name: "Nguyen, An", credit: "credit",
# mode: "normal", entry: "ab-initio", scaled_passing_score: "0.8", completion_threshold:
# "0.75", total_time: "PT10M"}); then location, suspend_data, progress_measure 0.5, score.scaled
# 0.9, objective obj_intro passed, a true-false and a choice interaction, exit suspend,
# session_time PT2M30S.
COMMIT_2004 = json.loads(
    r"""{"cmi":{"comments_from_learner":{},"comments_from_lms":{},"completion_status":"unknown","completion_threshold":"0.75","credit":"credit","entry":"ab-initio","exit":"suspend","interactions":{"0":{"id":"q1","type":"true-false","objectives":{},"timestamp":"","weighting":"","learner_response":"false","result":"incorrect","latency":"","description":"","correct_responses":{"0":{"pattern":"true"}}},"1":{"id":"q2","type":"choice","objectives":{"0":{"id":"obj_intro"}},"timestamp":"2025-03-01T09:30:00","weighting":"","learner_response":"a[,]c","result":"","latency":"PT5.2S","description":"","correct_responses":{"0":{"pattern":"a[,]c"}}}},"launch_data":"","learner_id":"u1","learner_name":"Nguyen, An","learner_preference":{"audio_level":"1","language":"","delivery_speed":"1","audio_captioning":"0"},"location":"slide-4","max_time_allowed":"","mode":"normal","objectives":{"0":{"id":"obj_intro","success_status":"passed","completion_status":"unknown","progress_measure":"","description":"","score":{"scaled":"","raw":"","min":"","max":""}}},"progress_measure":"0.5","scaled_passing_score":"0.8","score":{"scaled":"0.9","raw":"","min":"","max":""},"session_time":"PT2M30S","success_status":"unknown","suspend_data":"{\"v\":1}","time_limit_action":"continue,no message"}}"""
)
TERMINATE_2004 = copy.deepcopy(COMMIT_2004)
TERMINATE_2004["cmi"]["total_time"] = "PT12M30S"

SERVER_2004 = {
    "cmi": {
        "learner_id": "u1",
        "learner_name": "Nguyen, An",
        "credit": "credit",
        "mode": "normal",
        "entry": "ab-initio",
        "scaled_passing_score": "0.8",
        "completion_threshold": "0.75",
        "total_time": "PT10M",
    }
}

# Scorm12API.loadFromJSON({core: {student_id: "u1", student_name: "Nguyen, An", credit:
# "credit", lesson_mode: "normal", entry: "ab-initio", total_time: "0000:10:00"},
# student_data: {mastery_score: "80"}}); then lesson_location, lesson_status incomplete,
# suspend_data, score.raw 85 / min 0, objective obj_intro passed, a true-false
# interaction, exit suspend, session_time 00:02:30.
COMMIT_12 = json.loads(
    r"""{"cmi":{"suspend_data":"page=4","launch_data":"","comments":"","comments_from_lms":"","core":{"student_id":"u1","student_name":"Nguyen, An","lesson_location":"slide-4","credit":"credit","lesson_status":"incomplete","entry":"ab-initio","lesson_mode":"normal","exit":"suspend","session_time":"00:02:30","score":{"raw":"85","min":"0","max":"100"}},"objectives":{"0":{"id":"obj_intro","status":"passed","score":{"raw":"","min":"","max":"100"}}},"student_data":{"mastery_score":"80","max_time_allowed":"","time_limit_action":""},"student_preference":{"audio":"","language":"","speed":"","text":""},"interactions":{"0":{"id":"q1","time":"09:30:00","type":"true-false","weighting":"","student_response":"f","result":"wrong","latency":"00:00:05.20","objectives":{},"correct_responses":{"0":{"pattern":"t"}}}}}}"""
)
TERMINATE_12 = copy.deepcopy(COMMIT_12)
TERMINATE_12["cmi"]["core"]["total_time"] = "00:12:30"

SERVER_12 = {
    "cmi": {
        "core": {
            "student_id": "u1",
            "student_name": "Nguyen, An",
            "credit": "credit",
            "lesson_mode": "normal",
            "entry": "ab-initio",
            "total_time": "0000:10:00",
        },
        "student_data": {"mastery_score": "80"},
    }
}

# A fresh Scorm2004API / Scorm12API after Initialize and a terminating commit: every
# element at scorm-again's default.
EMPTY_TERMINATE_2004 = json.loads(
    r"""{"cmi":{"comments_from_learner":{},"comments_from_lms":{},"completion_status":"unknown","completion_threshold":"","credit":"credit","entry":"","exit":"","interactions":{},"launch_data":"","learner_id":"","learner_name":"","learner_preference":{"audio_level":"1","language":"","delivery_speed":"1","audio_captioning":"0"},"location":"","max_time_allowed":"","mode":"normal","objectives":{},"progress_measure":"","scaled_passing_score":"","score":{"scaled":"","raw":"","min":"","max":""},"session_time":"PT0H0M0S","success_status":"unknown","suspend_data":"","time_limit_action":"continue,no message","total_time":"PT0S"}}"""
)
EMPTY_TERMINATE_12 = json.loads(
    r"""{"cmi":{"suspend_data":"","launch_data":"","comments":"","comments_from_lms":"","core":{"student_id":"","student_name":"","lesson_location":"","credit":"","lesson_status":"not attempted","entry":"","lesson_mode":"normal","exit":"","session_time":"00:00:00","score":{"raw":"","min":"","max":"100"},"total_time":"00:00:00"},"objectives":{},"student_data":{"mastery_score":"","max_time_allowed":"","time_limit_action":""},"student_preference":{"audio":"","language":"","speed":"","text":""},"interactions":{}}}"""
)


def error_codes(result):
    return {error.element: error.code for error in result.errors}


def commit_2004(**cmi):
    return {"cmi": cmi}


# --- scorm-again's own commits are accepted -------------------------------------------


def test_a_scorm_again_2004_commit_is_accepted_whole():
    result = validate_commit("2004", SERVER_2004, COMMIT_2004)
    assert result.ok, result.errors
    cmi = result.state["cmi"]
    assert cmi["location"] == "slide-4"
    assert cmi["suspend_data"] == '{"v":1}'
    assert cmi["score"] == {"scaled": "0.9"}
    assert cmi["exit"] == "suspend"
    assert cmi["session_time"] == "PT2M30S"
    assert cmi["objectives"] == [{"id": "obj_intro", "success_status": "passed"}]
    assert cmi["interactions"][1] == {
        "id": "q2",
        "type": "choice",
        "objectives": [{"id": "obj_intro"}],
        "timestamp": "2025-03-01T09:30:00",
        "learner_response": "a[,]c",
        "latency": "PT5.2S",
        "correct_responses": [{"pattern": "a[,]c"}],
    }
    assert cmi["learner_id"] == "u1"
    assert cmi["total_time"] == "PT10M"


def test_a_scorm_again_2004_terminating_commit_with_its_total_time_is_accepted():
    stored = validate_commit("2004", SERVER_2004, COMMIT_2004).state
    result = validate_commit("2004", stored, TERMINATE_2004)
    assert result.ok, result.errors
    finished = finish_session("2004", result.state)
    assert finished["cmi"]["total_time"] == "PT0H12M30S"
    assert finished["cmi"]["completion_status"] == "incomplete"
    assert finished["cmi"]["success_status"] == "passed"
    assert next_entry("2004", finished) == "resume"


def test_a_scorm_again_1_2_commit_is_accepted_whole():
    result = validate_commit("1.2", SERVER_12, COMMIT_12)
    assert result.ok, result.errors
    cmi = result.state["cmi"]
    assert cmi["core"]["lesson_location"] == "slide-4"
    assert cmi["core"]["lesson_status"] == "incomplete"
    assert cmi["core"]["score"] == {"raw": "85", "min": "0", "max": "100"}
    assert cmi["suspend_data"] == "page=4"
    assert cmi["objectives"] == [{"id": "obj_intro", "status": "passed", "score": {"max": "100"}}]
    assert cmi["interactions"] == [
        {
            "id": "q1",
            "time": "09:30:00",
            "type": "true-false",
            "student_response": "f",
            "result": "wrong",
            "latency": "00:00:05.20",
            "correct_responses": [{"pattern": "t"}],
        }
    ]


def test_a_scorm_again_1_2_terminating_commit_with_its_total_time_is_accepted():
    result = validate_commit("1.2", SERVER_12, TERMINATE_12)
    assert result.ok, result.errors
    finished = finish_session("1.2", result.state)
    assert finished["cmi"]["core"]["total_time"] == "0000:12:30"
    assert finished["cmi"]["core"]["lesson_status"] == "passed"


@pytest.mark.parametrize(
    "version, body, stored",
    [
        ("2004", EMPTY_TERMINATE_2004, {"cmi": {"session_time": "PT0H0M0S"}}),
        ("1.2", EMPTY_TERMINATE_12, {"cmi": {"core": {"session_time": "00:00:00", "score": {"max": "100"}}}}),
    ],
)
def test_a_commit_of_scorm_again_defaults_stores_only_zero_time_and_its_default_max_score(version, body, stored):
    result = validate_commit(version, {}, body)
    assert result.ok, result.errors
    assert result.state == stored


def test_repeating_a_commit_changes_nothing():
    first = validate_commit("2004", SERVER_2004, COMMIT_2004)
    second = validate_commit("2004", first.state, COMMIT_2004)
    assert second.ok
    assert second.state == first.state


def test_the_current_state_is_not_modified():
    server = copy.deepcopy(SERVER_2004)
    validate_commit("2004", server, COMMIT_2004)
    assert server == SERVER_2004


def test_in_place_the_new_state_is_built_in_the_given_copy():
    server = copy.deepcopy(SERVER_2004)
    result = validate_commit("2004", server, COMMIT_2004, in_place=True)
    assert result.ok and result.state is server
    assert result.state == validate_commit("2004", SERVER_2004, COMMIT_2004).state


def test_a_value_changed_inside_groups_and_entries_stored_before_is_still_checked():
    stored = validate_commit("2004", SERVER_2004, COMMIT_2004).state
    changed = copy.deepcopy(COMMIT_2004)
    changed["cmi"]["objectives"]["0"]["score"]["scaled"] = "7"  # beyond -1..1
    changed["cmi"]["learner_preference"]["audio_level"] = "-1"  # below 0
    result = validate_commit("2004", stored, changed)
    assert error_codes(result) == {"cmi.objectives.0.score.scaled": "407", "cmi.learner_preference.audio_level": "407"}
    assert result.state == stored


def test_arrays_may_also_be_sent_as_lists():
    body = commit_2004(objectives=[{"id": "o1", "score": {"scaled": "0.5"}}, {"id": "o2"}])
    result = validate_commit("2004", {}, body)
    assert result.ok, result.errors
    assert result.state["cmi"]["objectives"] == [{"id": "o1", "score": {"scaled": "0.5"}}, {"id": "o2"}]


def test_interaction_type_is_applied_before_correct_responses_whatever_the_key_order():
    body = commit_2004(interactions={"0": {"correct_responses": {"0": {"pattern": "true"}}, "type": "true-false", "id": "q1"}})
    result = validate_commit("2004", {}, body)
    assert result.ok, result.errors
    assert result.state["cmi"]["interactions"][0]["correct_responses"] == [{"pattern": "true"}]


def test_numbers_become_strings_and_nulls_are_ignored():
    result = validate_commit("2004", {}, commit_2004(score={"raw": 85, "scaled": 0.85, "min": None}))
    assert result.ok, result.errors
    assert result.state["cmi"]["score"] == {"raw": "85", "scaled": "0.85"}


# --- read-only elements ---------------------------------------------------------------


@pytest.mark.parametrize(
    "element, value",
    [
        ("learner_id", "someone-else"),
        ("learner_name", "Mallory"),
        ("credit", "no-credit"),
        ("mode", "review"),
        ("scaled_passing_score", "0"),
        ("completion_threshold", "0"),
        ("time_limit_action", "exit,message"),
        ("total_time", "PT99H"),
    ],
)
def test_a_changed_2004_read_only_element_is_refused_with_404(element, value):
    body = copy.deepcopy(COMMIT_2004)
    body["cmi"][element] = value
    result = validate_commit("2004", SERVER_2004, body)
    assert error_codes(result) == {f"cmi.{element}": "404"}
    assert result.state["cmi"].get(element) == SERVER_2004["cmi"].get(element)
    assert "Read Only" in result.errors[0].message
    assert result.state["cmi"]["location"] == "slide-4"


@pytest.mark.parametrize(
    "element, value",
    [("student_id", "u2"), ("student_name", "Mallory"), ("credit", "no-credit"), ("lesson_mode", "browse"), ("total_time", "99:00:00")],
)
def test_a_changed_1_2_read_only_element_is_refused_with_403(element, value):
    body = copy.deepcopy(TERMINATE_12)
    body["cmi"]["core"][element] = value
    result = validate_commit("1.2", SERVER_12, body)
    assert error_codes(result) == {f"cmi.core.{element}": "403"}
    assert result.state["cmi"]["core"].get(element) == SERVER_12["cmi"]["core"].get(element)


@pytest.mark.parametrize("version, server, body", [("2004", SERVER_2004, COMMIT_2004), ("1.2", SERVER_12, TERMINATE_12)])
def test_an_entry_given_by_an_earlier_launch_is_accepted_and_not_stored(version, server, body):
    # The last commit of a page left behind can arrive after the next launch set a new entry.
    body = copy.deepcopy(body)
    holder, stored_holder = (body["cmi"], server["cmi"]) if version == "2004" else (body["cmi"]["core"], server["cmi"]["core"])
    for earlier in ("resume", "not-a-vocabulary-value"):
        holder["entry"] = earlier
        result = validate_commit(version, server, body)
        assert result.ok, result.errors
        new_holder = result.state["cmi"] if version == "2004" else result.state["cmi"]["core"]
        assert new_holder.get("entry") == stored_holder.get("entry") != earlier


def test_a_changed_1_2_mastery_score_is_refused():
    body = copy.deepcopy(COMMIT_12)
    body["cmi"]["student_data"]["mastery_score"] = "10"
    assert error_codes(validate_commit("1.2", SERVER_12, body)) == {"cmi.student_data.mastery_score": "403"}


def test_an_empty_read_only_value_means_the_browser_was_not_given_it():
    body = copy.deepcopy(COMMIT_2004)
    body["cmi"]["learner_id"] = ""
    assert validate_commit("2004", SERVER_2004, body).ok


def test_comments_from_the_lms_must_come_back_unchanged():
    server = {"cmi": {"comments_from_lms": [{"comment": "Chào", "location": "", "timestamp": ""}]}}
    same = commit_2004(comments_from_lms={"0": {"comment": "Chào", "location": "", "timestamp": ""}})
    changed = commit_2004(comments_from_lms={"0": {"comment": "Hi", "location": "", "timestamp": ""}})
    added = commit_2004(comments_from_lms={"0": {"comment": "Chào"}, "1": {"comment": "new"}})
    assert validate_commit("2004", server, same).ok
    assert error_codes(validate_commit("2004", server, changed)) == {"cmi.comments_from_lms.0.comment": "404"}
    assert error_codes(validate_commit("2004", server, added)) == {"cmi.comments_from_lms.1": "404"}


def test_request_valid_values_must_match_the_lms():
    server = {"adl": {"nav": {"request_valid": {"choice": {"m2": "true"}}}}}
    body = {"cmi": {}, "adl": {"nav": {"request_valid": {"choice": {"m2": "false"}, "continue": "unknown"}}}}
    assert error_codes(validate_commit("2004", server, body)) == {"adl.nav.request_valid.choice.{target=m2}": "404"}


# --- invalid values -------------------------------------------------------------------


def test_an_invalid_value_is_refused_and_the_rest_of_the_commit_applied():
    body = copy.deepcopy(COMMIT_2004)
    body["cmi"]["score"]["scaled"] = "2"
    body["cmi"]["session_time"] = "2 minutes"
    result = validate_commit("2004", SERVER_2004, body)
    assert error_codes(result) == {"cmi.score.scaled": "407", "cmi.session_time": "406"}
    assert "score" not in result.state["cmi"]
    assert result.state["cmi"]["location"] == "slide-4"
    assert "Out Of Range" in result.errors[0].message and "-1..1" in result.errors[0].message


def test_an_invalid_1_2_value_is_405():
    body = copy.deepcopy(COMMIT_12)
    body["cmi"]["core"]["score"]["raw"] = "120"
    body["cmi"]["core"]["lesson_status"] = "done"
    assert error_codes(validate_commit("1.2", SERVER_12, body)) == {
        "cmi.core.score.raw": "405",
        "cmi.core.lesson_status": "405",
    }


def test_sending_not_attempted_after_a_status_was_stored_is_refused():
    stored = validate_commit("1.2", SERVER_12, COMMIT_12).state
    body = copy.deepcopy(COMMIT_12)
    body["cmi"]["core"]["lesson_status"] = "not attempted"
    result = validate_commit("1.2", stored, body)
    assert error_codes(result) == {"cmi.core.lesson_status": "405"}
    assert result.state["cmi"]["core"]["lesson_status"] == "incomplete"


def test_an_empty_string_cannot_erase_a_stored_2004_number():
    stored = validate_commit("2004", {}, commit_2004(score={"scaled": "0.5"})).state
    result = validate_commit("2004", stored, commit_2004(score={"scaled": ""}))
    assert error_codes(result) == {"cmi.score.scaled": "406"}
    assert result.state["cmi"]["score"] == {"scaled": "0.5"}


def test_a_malformed_interaction_pattern_is_refused_with_its_full_element_name():
    body = commit_2004(interactions={"0": {"id": "q1", "type": "true-false", "correct_responses": {"0": {"pattern": "yes"}}}})
    result = validate_commit("2004", {}, body)
    assert error_codes(result) == {"cmi.interactions.0.correct_responses.0.pattern": "406"}
    assert result.state["cmi"]["interactions"] == [{"id": "q1", "type": "true-false"}]


def test_an_unknown_element_is_undefined_401():
    result = validate_commit("2004", {}, commit_2004(favourite_colour="blue", score={"percent": "5"}))
    assert error_codes(result) == {"cmi.favourite_colour": "401", "cmi.score.percent": "401"}


def test_a_group_sent_as_a_string_is_a_type_mismatch():
    assert error_codes(validate_commit("2004", {}, commit_2004(score="0.5"))) == {"cmi.score": "406"}


@pytest.mark.parametrize(
    "body, element",
    [
        ({"cmi": {}, "adl": "x"}, "adl"),
        (commit_2004(objectives="o1"), "cmi.objectives"),
        (commit_2004(objectives={"0": "o1"}), "cmi.objectives.0"),
        (commit_2004(location=True), "cmi.location"),
        (commit_2004(location={"page": 1}), "cmi.location"),
        ({"cmi": {}, "adl": {"nav": {"request_valid": {"choice": "m1"}}}}, "adl.nav.request_valid.choice"),
    ],
)
def test_values_of_the_wrong_json_type_are_type_mismatches(body, element):
    assert error_codes(validate_commit("2004", {}, body)) == {element: "406"}


def test_a_null_leaves_the_stored_value_alone():
    result = validate_commit("2004", {"cmi": {"location": "p1"}}, commit_2004(location=None))
    assert result.ok
    assert result.state["cmi"]["location"] == "p1"


def test_an_empty_total_time_is_ignored():
    assert validate_commit("2004", SERVER_2004, commit_2004(total_time="")).ok
    assert validate_commit("2004", SERVER_2004, commit_2004(total_time="PT10M")).ok


def test_a_new_entry_whose_every_value_is_refused_stays_open_empty_as_in_the_browser():
    # scorm-again opens the entry before it checks the value: its _count includes it.
    result = validate_commit("2004", {}, commit_2004(comments_from_learner={"0": {"timestamp": "yesterday"}}))
    assert error_codes(result) == {"cmi.comments_from_learner.0.timestamp": "406"}
    assert result.state["cmi"]["comments_from_learner"] == [{}]


def test_new_entries_with_no_values_are_kept_empty():
    body = commit_2004(comments_from_learner={"0": {"comment": "", "location": "", "timestamp": ""}})
    result = validate_commit("2004", {}, body)
    assert result.ok
    assert result.state == {"cmi": {"comments_from_learner": [{}]}}


def test_a_new_interaction_sent_with_list_sub_arrays_is_accepted():
    body = commit_2004(interactions=[{"id": "q1", "type": "choice", "objectives": [{"id": "o1"}], "correct_responses": [{"pattern": "a"}]}])
    result = validate_commit("2004", {}, body)
    assert result.ok, result.errors
    assert result.state["cmi"]["interactions"][0]["objectives"] == [{"id": "o1"}]


@pytest.mark.parametrize("body", [None, [], {"core": {}}, {"cmi": "x"}, "cmi"])
def test_a_body_that_is_not_a_cmi_object_is_an_argument_error_201(body):
    result = validate_commit("1.2", SERVER_12, body)
    assert [(error.element, error.code) for error in result.errors] == [("cmi", "201")]
    assert result.state == SERVER_12


# --- arrays ---------------------------------------------------------------------------


def test_a_new_objective_without_an_id_is_dependency_not_established_408():
    result = validate_commit("2004", {}, commit_2004(objectives={"0": {"id": "", "success_status": "passed"}}))
    assert error_codes(result) == {"cmi.objectives.0": "408"}
    assert result.state["cmi"]["objectives"] == [{}]  # none of its values; its index stays the browser's


def test_a_new_objective_without_an_id_holding_only_the_defaults_is_kept_empty():
    # scorm-again opened it for a SetValue it refused (408) and shows its "unknown" statuses.
    body = commit_2004(objectives={"0": {"id": "", "success_status": "unknown", "score": {"scaled": ""}}, "1": {"id": "o2"}})
    result = validate_commit("2004", {}, body)
    assert result.ok, result.errors
    assert result.state["cmi"]["objectives"] == [{}, {"id": "o2"}]


def test_an_index_beyond_count_is_refused_351():
    result = validate_commit("2004", {}, commit_2004(objectives={"0": {"id": "o1"}, "2": {"id": "o3"}}))
    assert error_codes(result) == {"cmi.objectives.2": "351"}
    assert result.state["cmi"]["objectives"] == [{"id": "o1"}]


def test_a_1_2_index_beyond_count_is_refused_201():
    body = {"cmi": {"interactions": {"1": {"id": "q2"}}}}
    assert error_codes(validate_commit("1.2", {}, body)) == {"cmi.interactions.1": "201"}


def test_duplicate_objective_ids_are_refused_351():
    result = validate_commit("2004", {}, commit_2004(objectives={"0": {"id": "o1"}, "1": {"id": "o1", "success_status": "passed"}}))
    assert error_codes(result) == {"cmi.objectives.1.id": "351"}
    assert result.state["cmi"]["objectives"] == [{"id": "o1"}]


def test_an_objective_whose_id_changed_is_refused_whole():
    server = {"cmi": {"objectives": [{"id": "o1", "success_status": "failed"}]}}
    result = validate_commit("2004", server, commit_2004(objectives={"0": {"id": "o9", "success_status": "passed"}}))
    assert error_codes(result) == {"cmi.objectives.0.id": "351"}
    assert result.state["cmi"]["objectives"] == [{"id": "o1", "success_status": "failed"}]


def test_arrays_never_shrink():
    server = {"cmi": {"objectives": [{"id": "o1"}, {"id": "o2"}]}}
    result = validate_commit("2004", server, commit_2004(objectives={}))
    assert result.ok
    assert result.state["cmi"]["objectives"] == [{"id": "o1"}, {"id": "o2"}]


def test_an_array_with_non_index_keys_is_a_type_mismatch():
    assert error_codes(validate_commit("2004", {}, commit_2004(objectives={"first": {"id": "o1"}}))) == {"cmi.objectives": "406"}


# --- sizes ----------------------------------------------------------------------------


def test_suspend_data_beyond_the_limit_is_refused_and_the_stored_value_kept():
    stored = validate_commit("2004", {}, commit_2004(suspend_data="old")).state
    result = validate_commit("2004", stored, commit_2004(suspend_data="x" * 128001, location="p2"))
    assert error_codes(result) == {"cmi.suspend_data": "351"}
    assert "exceeds" in result.errors[0].message
    assert result.state["cmi"]["suspend_data"] == "old"
    assert result.state["cmi"]["location"] == "p2"


def test_suspend_data_larger_than_the_spm_is_kept_whole():
    result = validate_commit("2004", {}, commit_2004(suspend_data="x" * 100000))
    assert result.ok
    assert len(result.state["cmi"]["suspend_data"]) == 100000


def test_the_commit_suspend_data_limit_is_configurable():
    body = {"cmi": {"suspend_data": "x" * 5000}}
    assert validate_commit("1.2", {}, body).ok
    assert error_codes(validate_commit("1.2", {}, body, max_suspend_data=4096)) == {"cmi.suspend_data": "405"}


# --- what is not stored -------------------------------------------------------------


def test_adl_data_and_shared_data_are_reported_as_ignored():
    body = {"cmi": {"location": "p1"}, "adl": {"data": {"0": {"id": "store1", "store": "x"}}}, "sharedData": {"a": 1}}
    result = validate_commit("2004", {}, body)
    assert result.ok
    assert set(result.ignored) == {"adl.data", "sharedData"}
    assert "adl" not in result.state


def test_a_navigation_request_in_the_commit_is_validated_and_stored():
    ok = validate_commit("2004", {}, {"cmi": {}, "adl": {"nav": {"request": "{target=module-2}choice"}}})
    bad = validate_commit("2004", {}, {"cmi": {}, "adl": {"nav": {"request": "teleport"}}})
    assert ok.state["adl"]["nav"]["request"] == "{target=module-2}choice"
    assert error_codes(bad) == {"adl.nav.request": "406"}


def test_the_1_2_commit_has_no_adl():
    result = validate_commit("1.2", {}, {"cmi": {}, "adl": {"nav": {"request": "continue"}}})
    assert result.ok
    assert result.ignored == ("adl",)


def test_validate_commit_rejects_an_unknown_version():
    with pytest.raises(ValueError):
        validate_commit("1.3", {}, {"cmi": {}})
