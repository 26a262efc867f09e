"""SCORM 1.2 run-time API and data model (scorm_player.cmi), no database."""

import pytest

from scorm_player.cmi import new_api
from scorm_player.cmi.errors import ERROR_STRINGS_12

LEARNER = {
    "cmi": {
        "core": {
            "student_id": "u1",
            "student_name": "Nguyen, An",
            "credit": "credit",
            "lesson_mode": "normal",
            "entry": "ab-initio",
        },
        "student_data": {"mastery_score": "80", "max_time_allowed": "00:30:00", "time_limit_action": "exit,message"},
        "launch_data": "level=2",
        "comments_from_lms": "Xin chào",
    }
}


def running_api(initial_state=None, **options):
    api = new_api("1.2", initial_state=initial_state or LEARNER, **options)
    assert api.LMSInitialize("") == "true"
    return api


def set_ok(api, element, value):
    assert api.LMSSetValue(element, value) == "true", (element, value, api.LMSGetLastError(), api.LMSGetDiagnostic(""))


def set_fails(api, element, value, code):
    assert api.LMSSetValue(element, value) == "false"
    assert api.LMSGetLastError() == code, api.LMSGetDiagnostic("")


def get_fails(api, element, code):
    assert api.LMSGetValue(element) == ""
    assert api.LMSGetLastError() == code, api.LMSGetDiagnostic("")


# --- session state machine (RTE 3.3) ------------------------------------------------


def test_lms_initialize_returns_true():
    api = new_api("1.2")
    assert api.LMSInitialize("") == "true"
    assert api.LMSGetLastError() == "0"


@pytest.mark.parametrize("method", ["LMSInitialize", "LMSFinish", "LMSCommit"])
def test_a_non_empty_argument_is_invalid_argument_201(method):
    api = new_api("1.2")
    if method != "LMSInitialize":
        api.LMSInitialize("")
    assert getattr(api, method)("x") == "false"
    assert api.LMSGetLastError() == "201"


def test_lms_initialize_twice_is_general_exception_101():
    api = running_api()
    assert api.LMSInitialize("") == "false"
    assert api.LMSGetLastError() == "101"


def test_lms_initialize_after_lms_finish_is_101():
    api = running_api()
    api.LMSFinish("")
    assert api.LMSInitialize("") == "false"
    assert api.LMSGetLastError() == "101"


def test_lms_initialize_with_launch_data_of_the_wrong_shape_is_101():
    api = new_api("1.2", initial_state={"cmi": {"core": {"score": {"raw": 80}}}})
    assert api.LMSInitialize("") == "false"
    assert api.LMSGetLastError() == "101"
    assert "cmi.core.score.raw" in api.LMSGetDiagnostic("")


@pytest.mark.parametrize(
    "call",
    [
        lambda api: api.LMSFinish(""),
        lambda api: api.LMSCommit(""),
        lambda api: api.LMSGetValue("cmi.core.student_id"),
        lambda api: api.LMSSetValue("cmi.core.lesson_location", "p1"),
    ],
)
def test_calls_before_lms_initialize_are_not_initialized_301(call):
    api = new_api("1.2", initial_state=LEARNER)
    call(api)
    assert api.LMSGetLastError() == "301"


@pytest.mark.parametrize(
    "call",
    [
        lambda api: api.LMSFinish(""),
        lambda api: api.LMSCommit(""),
        lambda api: api.LMSGetValue("cmi.core.student_id"),
        lambda api: api.LMSSetValue("cmi.core.lesson_location", "p1"),
    ],
)
def test_calls_after_lms_finish_are_general_exception_101(call):
    api = running_api()
    api.LMSFinish("")
    call(api)
    assert api.LMSGetLastError() == "101"


def test_a_commit_the_lms_cannot_save_is_101():
    def fail(state):
        raise OSError("disk full")

    api = running_api(on_commit=fail)
    assert api.LMSCommit("") == "false"
    assert api.LMSGetLastError() == "101"
    assert "disk full" in api.LMSGetDiagnostic("")


def test_lms_commit_hands_the_state_to_the_lms():
    saved = []
    api = running_api(on_commit=saved.append)
    set_ok(api, "cmi.core.lesson_location", "p3")
    assert api.LMSCommit("") == "true"
    assert saved[-1]["cmi"]["core"]["lesson_location"] == "p3"


@pytest.mark.parametrize("code, text", sorted(ERROR_STRINGS_12.items()))
def test_lms_get_error_string_gives_the_standard_text(code, text):
    assert new_api("1.2").LMSGetErrorString(code) == text


def test_the_error_table_has_every_code_of_the_standard():
    assert set(ERROR_STRINGS_12) == {"0", "101", "201", "202", "203", "301", "401", "402", "403", "404", "405"}


def test_lms_get_error_string_of_an_unknown_code_is_empty():
    assert new_api("1.2").LMSGetErrorString("408") == ""


def test_lms_get_diagnostic_explains_the_last_error_and_other_codes():
    api = running_api()
    api.LMSSetValue("cmi.core.score.raw", "120")
    assert "120" in api.LMSGetDiagnostic("")
    assert "keyword" in api.LMSGetDiagnostic("402")


# --- element names, keywords and access ---------------------------------------------


def test_version_keyword_is_3_4():
    assert running_api().LMSGetValue("cmi._version") == "3.4"


@pytest.mark.parametrize(
    "element, children",
    [
        (
            "cmi.core._children",
            "student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,lesson_mode,exit,session_time",
        ),
        ("cmi.core.score._children", "raw,min,max"),
        ("cmi.objectives._children", "id,score,status"),
        ("cmi.objectives.0.score._children", "raw,min,max"),
        ("cmi.student_data._children", "mastery_score,max_time_allowed,time_limit_action"),
        ("cmi.student_preference._children", "audio,language,speed,text"),
        (
            "cmi.interactions._children",
            "id,objectives,time,type,correct_responses,weighting,student_response,result,latency",
        ),
    ],
)
def test_children_keyword_lists_the_sub_elements(element, children):
    api = running_api()
    if ".0." in element:  # below an entry that exists
        assert api.LMSSetValue("cmi.objectives.0.id", "obj1") == "true"
    assert api.LMSGetValue(element) == children


@pytest.mark.parametrize("element", ["cmi.core.student_id._children", "cmi.suspend_data._children", "cmi.interactions.0.objectives._children"])
def test_children_of_an_element_without_children_is_202(element):
    get_fails(running_api(), element, "202")


@pytest.mark.parametrize("element", ["cmi.core._count", "cmi.core.score._count", "cmi.student_data._count", "cmi.comments._count"])
def test_count_of_an_element_that_is_not_an_array_is_203(element):
    get_fails(running_api(), element, "203")


@pytest.mark.parametrize(
    "element, count",
    [
        ("cmi.objectives._count", "0"),
        ("cmi.interactions._count", "1"),
        ("cmi.interactions.0.objectives._count", "0"),
        ("cmi.interactions.0.correct_responses._count", "0"),
    ],
)
def test_count_of_arrays_is_readable_even_in_the_write_only_interactions(element, count):
    api = running_api()
    set_ok(api, "cmi.interactions.0.id", "q1")
    assert api.LMSGetValue(element) == count
    assert api.LMSGetLastError() == "0"


@pytest.mark.parametrize(
    "element", ["cmi.core._children", "cmi.objectives._count", "cmi._version", "cmi.core.student_id._children"]
)
def test_setting_a_keyword_is_402(element):
    set_fails(running_api(), element, "x", "402")


@pytest.mark.parametrize("element", ["cmi.core.nothing", "cmi.learner_id", "cmi.completion_status", "cmi.objectives.x.id", "adl.nav.request"])
def test_an_element_outside_the_1_2_data_model_is_not_implemented_401(element):
    api = running_api()
    get_fails(api, element, "401")
    set_fails(api, element, "x", "401")


def test_version_of_any_element_but_cmi_is_401():
    get_fails(running_api(), "cmi.core._version", "401")


def test_the_empty_element_name_is_invalid_argument_201():
    api = running_api()
    get_fails(api, "", "201")
    set_fails(api, "", "x", "201")


@pytest.mark.parametrize(
    "element",
    [
        "cmi.core.student_id",
        "cmi.core.student_name",
        "cmi.core.credit",
        "cmi.core.entry",
        "cmi.core.total_time",
        "cmi.core.lesson_mode",
        "cmi.launch_data",
        "cmi.comments_from_lms",
        "cmi.student_data.mastery_score",
        "cmi.student_data.max_time_allowed",
        "cmi.student_data.time_limit_action",
    ],
)
def test_setting_a_read_only_element_is_403(element):
    set_fails(running_api(), element, "x", "403")


@pytest.mark.parametrize(
    "element",
    [
        "cmi.core.exit",
        "cmi.core.session_time",
        "cmi.interactions.0.id",
        "cmi.interactions.0.objectives.0.id",
        "cmi.interactions.0.time",
        "cmi.interactions.0.type",
        "cmi.interactions.0.correct_responses.0.pattern",
        "cmi.interactions.0.weighting",
        "cmi.interactions.0.student_response",
        "cmi.interactions.0.result",
        "cmi.interactions.0.latency",
    ],
)
def test_getting_a_write_only_element_is_404(element):
    api = running_api()
    set_ok(api, "cmi.interactions.0.id", "q1")
    get_fails(api, element, "404")


def test_read_only_values_come_from_the_initial_state():
    api = running_api()
    assert api.LMSGetValue("cmi.core.student_id") == "u1"
    assert api.LMSGetValue("cmi.core.student_name") == "Nguyen, An"
    assert api.LMSGetValue("cmi.student_data.mastery_score") == "80"
    assert api.LMSGetValue("cmi.student_data.time_limit_action") == "exit,message"
    assert api.LMSGetValue("cmi.launch_data") == "level=2"
    assert api.LMSGetValue("cmi.comments_from_lms") == "Xin chào"


@pytest.mark.parametrize(
    "element, default",
    [
        ("cmi.core.lesson_status", "not attempted"),
        ("cmi.core.credit", "credit"),
        ("cmi.core.lesson_mode", "normal"),
        ("cmi.core.entry", ""),
        ("cmi.core.total_time", "0000:00:00"),
        ("cmi.core.lesson_location", ""),
        ("cmi.suspend_data", ""),
        ("cmi.core.score.raw", ""),
    ],
)
def test_unset_elements_return_their_default_without_error(element, default):
    api = new_api("1.2")
    api.LMSInitialize("")
    assert api.LMSGetValue(element) == default
    assert api.LMSGetLastError() == "0"


# --- arrays ---------------------------------------------------------------------------


def test_setting_index_count_appends_an_objective():
    api = running_api()
    set_ok(api, "cmi.objectives.0.id", "obj-1")
    set_ok(api, "cmi.objectives.1.id", "obj-2")
    assert api.LMSGetValue("cmi.objectives._count") == "2"
    assert api.LMSGetValue("cmi.objectives.1.id") == "obj-2"


def test_setting_an_index_beyond_count_is_invalid_argument_201():
    api = running_api()
    set_fails(api, "cmi.objectives.1.id", "obj-2", "201")
    set_fails(api, "cmi.interactions.3.id", "q3", "201")


def test_getting_an_index_that_does_not_exist_is_201():
    get_fails(running_api(), "cmi.objectives.0.id", "201")


def test_an_objective_can_start_with_its_status_in_1_2():
    api = running_api()
    set_ok(api, "cmi.objectives.0.status", "passed")
    assert api.LMSGetValue("cmi.objectives._count") == "1"
    assert api.LMSGetValue("cmi.objectives.0.id") == ""


def test_interactions_are_a_write_only_journal():
    api = running_api()
    set_ok(api, "cmi.interactions.0.id", "q1")
    set_ok(api, "cmi.interactions.0.type", "choice")
    set_ok(api, "cmi.interactions.0.objectives.0.id", "obj-1")
    set_ok(api, "cmi.interactions.0.correct_responses.0.pattern", "a")
    set_ok(api, "cmi.interactions.0.student_response", "b")
    set_ok(api, "cmi.interactions.0.result", "wrong")
    set_ok(api, "cmi.interactions.0.time", "09:30:00")
    set_ok(api, "cmi.interactions.0.latency", "00:00:12.5")
    set_ok(api, "cmi.interactions.0.weighting", "1")
    interaction = api.state()["cmi"]["interactions"][0]
    assert interaction == {
        "id": "q1",
        "type": "choice",
        "objectives": [{"id": "obj-1"}],
        "correct_responses": [{"pattern": "a"}],
        "student_response": "b",
        "result": "wrong",
        "time": "09:30:00",
        "latency": "00:00:12.5",
        "weighting": "1",
    }
    assert api.LMSGetValue("cmi.interactions._count") == "1"
    assert api.LMSGetValue("cmi.interactions.0.objectives._count") == "1"


# --- data types (RTE 3.4.2) ---------------------------------------------------------


@pytest.mark.parametrize("value", ["passed", "completed", "failed", "incomplete", "browsed"])
def test_lesson_status_takes_the_sco_vocabulary(value):
    api = running_api()
    set_ok(api, "cmi.core.lesson_status", value)
    assert api.LMSGetValue("cmi.core.lesson_status") == value


@pytest.mark.parametrize("value", ["not attempted", "Passed", "done", ""])
def test_lesson_status_refuses_not_attempted_and_other_words_405(value):
    set_fails(running_api(), "cmi.core.lesson_status", value, "405")


@pytest.mark.parametrize("value", ["passed", "completed", "failed", "incomplete", "browsed", "not attempted"])
def test_objective_status_also_takes_not_attempted(value):
    api = running_api()
    set_ok(api, "cmi.objectives.0.id", "obj-1")
    set_ok(api, "cmi.objectives.0.status", value)


@pytest.mark.parametrize("value", ["time-out", "suspend", "logout", ""])
def test_exit_takes_its_vocabulary(value):
    set_ok(running_api(), "cmi.core.exit", value)


@pytest.mark.parametrize("value", ["normal", "Suspend", "quit"])
def test_exit_outside_its_vocabulary_is_405(value):
    set_fails(running_api(), "cmi.core.exit", value, "405")


@pytest.mark.parametrize("element", ["cmi.core.score.raw", "cmi.core.score.min", "cmi.core.score.max", "cmi.objectives.0.score.raw"])
@pytest.mark.parametrize("value", ["0", "100", "85.5", "", "0.001"])
def test_scores_are_decimals_from_0_to_100_or_blank(element, value):
    api = running_api()
    set_ok(api, "cmi.objectives.0.id", "obj-1")
    set_ok(api, element, value)


@pytest.mark.parametrize("value", ["-1", "100.01", "1000", "eighty", "8O", "1e2"])
def test_scores_outside_0_to_100_or_not_decimal_are_405(value):
    set_fails(running_api(), "cmi.core.score.raw", value, "405")


@pytest.mark.parametrize("value", ["00:00:00", "0000:00:00", "12:34:56", "9999:59:59.99", "01:02:03.5", "1:02:03"])
def test_session_time_is_a_cmi_timespan(value):
    set_ok(running_api(), "cmi.core.session_time", value)


@pytest.mark.parametrize("value", ["", "00:60:00", "00:00:60", "12345:00:00", "00:00:00.123", "PT1M", "1:2:3", "00:00"])
def test_a_malformed_timespan_is_405(value):
    set_fails(running_api(), "cmi.core.session_time", value, "405")


@pytest.mark.parametrize("value", ["00:00:00", "23:59:59", "09:30:00.5", "12:00:00.25"])
def test_interaction_time_is_a_cmi_time(value):
    set_ok(running_api(), "cmi.interactions.0.time", value)


@pytest.mark.parametrize("value", ["24:00:00", "9:30:00", "09:30", "09:30:00.123", "noon"])
def test_a_malformed_cmi_time_is_405(value):
    set_fails(running_api(), "cmi.interactions.0.time", value, "405")


@pytest.mark.parametrize("value", ["q1", "Question_1", "urn:x:1", "câu-1"])
def test_identifiers_have_no_spaces(value):
    set_ok(running_api(), "cmi.interactions.0.id", value)


@pytest.mark.parametrize("value", ["", "question 1", "tab\tid", "x" * 256])
def test_an_empty_spaced_or_too_long_identifier_is_405(value):
    set_fails(running_api(), "cmi.objectives.0.id", value, "405")


@pytest.mark.parametrize(
    "element, valid, invalid",
    [
        ("cmi.student_preference.audio", ["-1", "0", "100", "+5"], ["-2", "101", "1.5", "loud"]),
        ("cmi.student_preference.speed", ["-100", "0", "100"], ["-101", "101", "fast"]),
        ("cmi.student_preference.text", ["-1", "0", "1"], ["2", "-2", "on"]),
    ],
)
def test_student_preferences_are_signed_integers_in_range(element, valid, invalid):
    api = running_api()
    for value in valid:
        set_ok(api, element, value)
    for value in invalid:
        set_fails(api, element, value, "405")


@pytest.mark.parametrize("value", ["true-false", "choice", "fill-in", "matching", "performance", "sequencing", "likert", "numeric"])
def test_interaction_types_of_1_2(value):
    set_ok(running_api(), "cmi.interactions.0.type", value)


@pytest.mark.parametrize("value", ["long-fill-in", "other", "essay"])
def test_interaction_types_added_in_2004_are_405_in_1_2(value):
    set_fails(running_api(), "cmi.interactions.0.type", value, "405")


@pytest.mark.parametrize("value", ["correct", "wrong", "unanticipated", "neutral", "0.5", "3"])
def test_interaction_result_is_a_word_or_a_decimal(value):
    set_ok(running_api(), "cmi.interactions.0.result", value)


@pytest.mark.parametrize("value", ["incorrect", "", "ok"])
def test_interaction_result_outside_the_1_2_vocabulary_is_405(value):
    set_fails(running_api(), "cmi.interactions.0.result", value, "405")


def test_true_false_responses_are_checked_where_the_type_is_known():
    api = running_api()
    set_ok(api, "cmi.interactions.0.id", "q1")
    set_ok(api, "cmi.interactions.0.type", "true-false")
    set_ok(api, "cmi.interactions.0.student_response", "t")
    set_ok(api, "cmi.interactions.0.correct_responses.0.pattern", "1")
    set_fails(api, "cmi.interactions.0.student_response", "maybe", "405")
    set_fails(api, "cmi.interactions.0.correct_responses.1.pattern", "yes", "405")


def test_numeric_responses_must_be_numbers():
    api = running_api()
    set_ok(api, "cmi.interactions.0.id", "q1")
    set_ok(api, "cmi.interactions.0.type", "numeric")
    set_ok(api, "cmi.interactions.0.student_response", "18")
    set_fails(api, "cmi.interactions.0.student_response", "eighteen", "405")


def test_choice_responses_with_words_are_accepted_as_real_content_sends_them():
    api = running_api()
    set_ok(api, "cmi.interactions.0.id", "q1")
    set_ok(api, "cmi.interactions.0.type", "choice")
    set_ok(api, "cmi.interactions.0.student_response", "USGA and Royal and Ancient")


def test_a_weighting_that_is_not_a_decimal_is_405():
    set_fails(running_api(), "cmi.interactions.0.weighting", "heavy", "405")


# --- sizes ----------------------------------------------------------------------------


def test_lesson_location_is_a_cmi_string_255():
    api = running_api()
    set_ok(api, "cmi.core.lesson_location", "x" * 255)
    set_fails(api, "cmi.core.lesson_location", "x" * 256, "405")
    assert api.LMSGetValue("cmi.core.lesson_location") == "x" * 255


def test_comments_are_a_cmi_string_4096():
    api = running_api()
    set_ok(api, "cmi.comments", "x" * 4096)
    set_fails(api, "cmi.comments", "x" * 4097, "405")


def test_suspend_data_of_4096_characters_is_stored():
    api = running_api()
    set_ok(api, "cmi.suspend_data", "x" * 4096)
    assert api.LMSGetValue("cmi.suspend_data") == "x" * 4096


def test_suspend_data_beyond_4096_is_stored_up_to_64000_like_scorm_again():
    api = running_api()
    set_ok(api, "cmi.suspend_data", "x" * 64000)
    assert len(api.LMSGetValue("cmi.suspend_data")) == 64000


def test_suspend_data_beyond_the_limit_is_405_and_not_truncated():
    api = running_api()
    set_ok(api, "cmi.suspend_data", "keep")
    set_fails(api, "cmi.suspend_data", "x" * 64001, "405")
    assert "exceeds" in api.LMSGetDiagnostic("")
    assert api.LMSGetValue("cmi.suspend_data") == "keep"


def test_the_1_2_suspend_data_limit_is_configurable():
    api = running_api(max_suspend_data=4096)
    set_fails(api, "cmi.suspend_data", "x" * 4097, "405")


def test_a_student_response_longer_than_255_is_405():
    set_fails(running_api(), "cmi.interactions.0.student_response", "x" * 256, "405")


# --- a whole session ------------------------------------------------------------------


def test_a_golf_sample_style_session_records_status_score_and_time():
    saved = []
    api = new_api("1.2", initial_state=LEARNER, on_commit=saved.append)
    api.LMSInitialize("")
    set_ok(api, "cmi.core.lesson_location", "playing.html")
    set_ok(api, "cmi.core.score.raw", "60")
    set_ok(api, "cmi.core.score.min", "0")
    set_ok(api, "cmi.core.score.max", "100")
    set_ok(api, "cmi.core.lesson_status", "completed")
    set_ok(api, "cmi.core.session_time", "0000:04:12.50")
    set_ok(api, "cmi.core.exit", "")
    assert api.LMSFinish("") == "true"
    core = saved[-1]["cmi"]["core"]
    assert core["total_time"] == "0000:04:12.50"
    assert core["lesson_status"] == "failed"
    assert "session_time" not in core
    assert api.next_entry() == "ab-initio"
