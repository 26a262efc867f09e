"""SCORM 2004 4th edition run-time API and data model (scorm_player.cmi), no database."""

import pytest

from scorm_player.cmi import new_api
from scorm_player.cmi.errors import ERROR_STRINGS_2004

LEARNER = {"cmi": {"learner_id": "u1", "learner_name": "Nguyen, An", "credit": "credit", "mode": "normal"}}


def running_api(initial_state=None, **options):
    api = new_api("2004", initial_state=initial_state or LEARNER, **options)
    assert api.Initialize("") == "true"
    return api


def set_ok(api, element, value):
    assert api.SetValue(element, value) == "true", (element, value, api.GetLastError(), api.GetDiagnostic(""))


def set_fails(api, element, value, code):
    assert api.SetValue(element, value) == "false"
    assert api.GetLastError() == code, api.GetDiagnostic("")


def get_fails(api, element, code):
    assert api.GetValue(element) == ""
    assert api.GetLastError() == code, api.GetDiagnostic("")


def with_interaction(api, interaction_type, index=0):
    set_ok(api, f"cmi.interactions.{index}.id", f"urn:example:q{index}")
    set_ok(api, f"cmi.interactions.{index}.type", interaction_type)


# --- session state machine (RTE 3.1.7.6) -------------------------------------------


def test_initialize_returns_true_and_clears_the_error():
    api = new_api("2004")
    assert api.Initialize("") == "true"
    assert api.GetLastError() == "0"
    assert api.session_state == "running"


def test_initialize_twice_is_already_initialized_103():
    api = running_api()
    assert api.Initialize("") == "false"
    assert api.GetLastError() == "103"


def test_initialize_after_terminate_is_content_instance_terminated_104():
    api = running_api()
    api.Terminate("")
    assert api.Initialize("") == "false"
    assert api.GetLastError() == "104"


@pytest.mark.parametrize(
    "initial_state, named",
    [
        ({"cmi": {"interactions": {"0": {"id": "q1"}}}}, "cmi.interactions"),
        ({"cmi": {"interactions": [{"id": "q1", "objectives": [{"id": 7}]}]}}, "cmi.interactions.0.objectives.0.id"),
        ({"cmi": ["learner_id"]}, "cmi"),
        ({"cmi": {"score": "0.5"}}, "cmi.score"),
        ({"adl": {"nav": {"request_valid": {"choice": ["m1"]}}}}, "adl.nav.request_valid.choice"),
        ("not a dict", "state"),
    ],
)
def test_initialize_with_launch_data_of_the_wrong_shape_is_general_initialization_failure_102(initial_state, named):
    api = new_api("2004", initial_state=initial_state)
    assert api.Initialize("") == "false"
    assert api.GetLastError() == "102"
    assert named in api.GetDiagnostic("")


def test_launch_data_with_elements_this_lms_does_not_know_is_accepted():
    api = new_api("2004", initial_state={"cmi": {"learner_id": "u1"}, "custom": {"x": 1}})
    assert api.Initialize("") == "true"


@pytest.mark.parametrize("method", ["Initialize", "Terminate", "Commit"])
def test_a_non_empty_argument_is_general_argument_error_201(method):
    api = new_api("2004")
    if method != "Initialize":
        api.Initialize("")
    assert getattr(api, method)("x") == "false"
    assert api.GetLastError() == "201"


def test_terminate_before_initialize_is_112():
    api = new_api("2004")
    assert api.Terminate("") == "false"
    assert api.GetLastError() == "112"


def test_terminate_twice_is_113():
    api = running_api()
    assert api.Terminate("") == "true"
    assert api.Terminate("") == "false"
    assert api.GetLastError() == "113"


def test_get_value_before_initialize_is_122_and_after_terminate_is_123():
    api = new_api("2004", initial_state=LEARNER)
    get_fails(api, "cmi.learner_id", "122")
    api.Initialize("")
    api.Terminate("")
    get_fails(api, "cmi.learner_id", "123")


def test_set_value_before_initialize_is_132_and_after_terminate_is_133():
    api = new_api("2004")
    set_fails(api, "cmi.location", "p1", "132")
    api.Initialize("")
    api.Terminate("")
    set_fails(api, "cmi.location", "p1", "133")


def test_commit_before_initialize_is_142_and_after_terminate_is_143():
    api = new_api("2004")
    assert api.Commit("") == "false"
    assert api.GetLastError() == "142"
    api.Initialize("")
    api.Terminate("")
    assert api.Commit("") == "false"
    assert api.GetLastError() == "143"


def test_commit_hands_the_state_to_the_lms_and_returns_true():
    saved = []
    api = running_api(on_commit=saved.append)
    set_ok(api, "cmi.location", "p7")
    assert api.Commit("") == "true"
    assert saved[-1]["cmi"]["location"] == "p7"


def test_a_commit_the_lms_cannot_save_is_general_commit_failure_391():
    def fail(state):
        raise OSError("database unavailable")

    api = running_api(on_commit=fail)
    assert api.Commit("") == "false"
    assert api.GetLastError() == "391"
    assert "database unavailable" in api.GetDiagnostic("391")


def test_a_terminate_the_lms_cannot_save_is_general_termination_failure_111_and_keeps_running():
    def fail(state):
        raise OSError("database unavailable")

    api = running_api(on_commit=fail)
    assert api.Terminate("") == "false"
    assert api.GetLastError() == "111"
    assert api.session_state == "running"


def test_get_last_error_does_not_reset_the_error():
    api = new_api("2004")
    api.GetValue("cmi.location")
    assert api.GetLastError() == "122"
    assert api.GetLastError() == "122"


def test_a_successful_call_resets_the_error_to_zero():
    api = running_api()
    api.GetValue("cmi.nothing")
    assert api.GetLastError() == "401"
    api.GetValue("cmi.learner_id")
    assert api.GetLastError() == "0"


@pytest.mark.parametrize("code, text", sorted(ERROR_STRINGS_2004.items()))
def test_get_error_string_gives_the_standard_text(code, text):
    assert new_api("2004").GetErrorString(code) == text


def test_the_error_table_has_every_code_of_the_standard():
    assert set(ERROR_STRINGS_2004) == {
        "0", "101", "102", "103", "104", "111", "112", "113", "122", "123", "132", "133", "142", "143",
        "201", "301", "351", "391", "401", "402", "403", "404", "405", "406", "407", "408",
    }  # fmt: skip


def test_get_error_string_of_an_unknown_code_is_empty():
    assert new_api("2004").GetErrorString("999") == ""


def test_get_diagnostic_explains_the_last_error_and_any_other_code():
    api = running_api()
    api.SetValue("cmi.score.scaled", "1.5")
    assert "1.5" in api.GetDiagnostic("")
    assert api.GetDiagnostic("407") == api.GetDiagnostic("")
    assert "read" in api.GetDiagnostic("404").lower()
    assert api.GetDiagnostic("12345") == ""


def test_get_diagnostic_is_empty_when_there_is_no_error():
    assert running_api().GetDiagnostic("") == ""
    assert running_api().GetDiagnostic(None) == ""


def test_general_exception_101_has_its_standard_text():
    assert new_api("2004").GetErrorString(101) == "General Exception"


# --- element names, keywords and access (RTE 3.1.7.6, 4.1.1) ------------------------


def test_version_keyword_is_1_0():
    assert running_api().GetValue("cmi._version") == "1.0"


@pytest.mark.parametrize(
    "element, children",
    [
        ("cmi.comments_from_learner._children", "comment,location,timestamp"),
        ("cmi.comments_from_lms._children", "comment,location,timestamp"),
        (
            "cmi.interactions._children",
            "id,type,objectives,timestamp,correct_responses,weighting,learner_response,result,latency,description",
        ),
        ("cmi.learner_preference._children", "audio_level,language,delivery_speed,audio_captioning"),
        ("cmi.objectives._children", "id,score,success_status,completion_status,progress_measure,description"),
        ("cmi.objectives.0.score._children", "scaled,raw,min,max"),
        ("cmi.score._children", "scaled,raw,min,max"),
    ],
)
def test_children_keyword_lists_the_sub_elements(element, children):
    api = running_api()
    if ".0." in element:  # below an entry that exists
        assert api.SetValue("cmi.objectives.0.id", "obj1") == "true"
    assert api.GetValue(element) == children


@pytest.mark.parametrize(
    "element",
    ["cmi.location._children", "cmi.interactions.0._children", "cmi.interactions.0.objectives._children", "adl.nav._children"],
)
def test_children_of_an_element_without_children_is_general_get_failure_301(element):
    api = running_api()
    get_fails(api, element, "301")
    assert "children" in api.GetDiagnostic("")


@pytest.mark.parametrize("element", ["cmi.score._count", "cmi.location._count", "cmi.learner_preference._count"])
def test_count_of_an_element_that_is_not_an_array_is_301(element):
    api = running_api()
    get_fails(api, element, "301")
    assert "_count" in api.GetDiagnostic("")


@pytest.mark.parametrize("element", ["cmi.score._version", "cmi.interactions._version", "cmi.location._version"])
def test_version_of_any_element_but_cmi_is_301(element):
    get_fails(running_api(), element, "301")


@pytest.mark.parametrize(
    "element", ["cmi._version", "cmi.interactions._count", "cmi.score._children", "cmi.objectives._children"]
)
def test_setting_a_keyword_is_read_only_404(element):
    set_fails(running_api(), element, "1", "404")


def test_setting_a_keyword_the_element_does_not_have_is_general_set_failure_351():
    set_fails(running_api(), "cmi.location._children", "x", "351")


@pytest.mark.parametrize(
    "element",
    [
        "cmi.nothing",
        "cmi.core.lesson_status",
        "cmi.score",
        "cmi.interactions",
        "cmi.interactions.x.id",
        "cmi.interactions.-1.id",
        "cmi.location.value",
        "cmi._version.x",
        "cmi.interactions._count.x",
        "_version",
        "foo.bar",
        "adl.nav.foo",
    ],
)
def test_an_undefined_element_is_401(element):
    api = running_api()
    get_fails(api, element, "401")
    set_fails(api, element, "x", "401")


def test_the_empty_element_name_is_301_on_get_and_351_on_set():
    api = running_api()
    get_fails(api, "", "301")
    set_fails(api, "", "x", "351")


def test_adl_data_is_unimplemented_402():
    api = running_api()
    get_fails(api, "adl.data._count", "402")
    set_fails(api, "adl.data.0.store", "x", "402")


@pytest.mark.parametrize(
    "element",
    [
        "cmi.comments_from_lms.0.comment",
        "cmi.completion_threshold",
        "cmi.credit",
        "cmi.entry",
        "cmi.launch_data",
        "cmi.learner_id",
        "cmi.learner_name",
        "cmi.max_time_allowed",
        "cmi.mode",
        "cmi.scaled_passing_score",
        "cmi.time_limit_action",
        "cmi.total_time",
        "adl.nav.request_valid.continue",
        "adl.nav.request_valid.previous",
        "adl.nav.request_valid.choice.{target=intro}",
        "adl.nav.request_valid.jump.{target=intro}",
    ],
)
def test_setting_a_read_only_element_is_404(element):
    set_fails(running_api(), element, "x", "404")


@pytest.mark.parametrize("element", ["cmi.exit", "cmi.session_time"])
def test_getting_a_write_only_element_is_405(element):
    get_fails(running_api(), element, "405")


@pytest.mark.parametrize(
    "element",
    ["cmi.location", "cmi.suspend_data", "cmi.score.raw", "cmi.progress_measure", "cmi.launch_data", "cmi.max_time_allowed"],
)
def test_an_element_with_no_value_and_no_default_is_not_initialized_403(element):
    get_fails(running_api(), element, "403")


@pytest.mark.parametrize(
    "element, default",
    [
        ("cmi.completion_status", "unknown"),
        ("cmi.success_status", "unknown"),
        ("cmi.credit", "credit"),
        ("cmi.mode", "normal"),
        ("cmi.time_limit_action", "continue,no message"),
        ("cmi.total_time", "PT0H0M0S"),
        ("cmi.learner_preference.audio_level", "1"),
        ("cmi.learner_preference.language", ""),
        ("cmi.learner_preference.delivery_speed", "1"),
        ("cmi.learner_preference.audio_captioning", "0"),
        ("adl.nav.request", "_none_"),
        ("adl.nav.request_valid.continue", "unknown"),
        ("adl.nav.request_valid.choice.{target=intro}", "unknown"),
    ],
)
def test_elements_with_a_standard_default_return_it(element, default):
    api = new_api("2004")
    api.Initialize("")
    assert api.GetValue(element) == default
    assert api.GetLastError() == "0"


def test_read_only_values_come_from_the_initial_state():
    api = running_api(
        {
            "cmi": {
                "learner_id": "u1",
                "learner_name": "Nguyen, An",
                "max_time_allowed": "P5Y6M4DT12H30M58S",
                "scaled_passing_score": "0.8",
                "launch_data": "level=2",
                "comments_from_lms": [{"comment": "{lang=vi}Chào", "location": "p1", "timestamp": "2025-01-01T08:00:00"}],
            },
            "adl": {"nav": {"request_valid": {"continue": "true", "choice": {"mod.2": "false"}}}},
        }
    )
    assert api.GetValue("cmi.max_time_allowed") == "P5Y6M4DT12H30M58S"
    assert api.GetValue("cmi.launch_data") == "level=2"
    assert api.GetValue("cmi.comments_from_lms._count") == "1"
    assert api.GetValue("cmi.comments_from_lms.0.comment") == "{lang=vi}Chào"
    assert api.GetValue("adl.nav.request_valid.continue") == "true"
    assert api.GetValue("adl.nav.request_valid.choice.{target=mod.2}") == "false"


def test_a_request_valid_choice_without_a_target_is_undefined_401():
    get_fails(running_api(), "adl.nav.request_valid.choice", "401")
    get_fails(running_api(), "adl.nav.request_valid.choice.{target=}", "401")


# --- arrays (RTE 4.1.1.5) -----------------------------------------------------------


def test_count_of_an_empty_array_is_zero():
    assert running_api().GetValue("cmi.interactions._count") == "0"


def test_setting_index_count_appends_an_entry():
    api = running_api()
    set_ok(api, "cmi.objectives.0.id", "obj-1")
    set_ok(api, "cmi.objectives.1.id", "obj-2")
    assert api.GetValue("cmi.objectives._count") == "2"
    assert api.GetValue("cmi.objectives.1.id") == "obj-2"


def test_setting_an_index_beyond_count_is_general_set_failure_351():
    api = running_api()
    set_fails(api, "cmi.objectives.1.id", "obj-2", "351")
    assert "_count" in api.GetDiagnostic("")
    assert api.GetValue("cmi.objectives._count") == "0"


def test_getting_an_index_that_does_not_exist_is_general_get_failure_301():
    api = running_api()
    get_fails(api, "cmi.interactions.0.id", "301")
    get_fails(api, "cmi.interactions.0.objectives._count", "301")


def test_an_objective_sub_element_before_its_id_is_dependency_not_established_408():
    api = running_api()
    set_fails(api, "cmi.objectives.0.score.scaled", "0.5", "408")
    set_fails(api, "cmi.objectives.0.success_status", "passed", "408")
    assert api.GetValue("cmi.objectives._count") == "0"


def test_an_interaction_sub_element_before_its_id_is_408():
    api = running_api()
    set_fails(api, "cmi.interactions.0.type", "choice", "408")
    set_fails(api, "cmi.interactions.0.objectives.0.id", "obj-1", "408")


def test_a_comment_from_the_learner_can_start_with_any_sub_element():
    api = running_api()
    set_ok(api, "cmi.comments_from_learner.0.location", "slide-2")
    set_ok(api, "cmi.comments_from_learner.0.comment", "{lang=vi}Bài học rất hay")
    assert api.GetValue("cmi.comments_from_learner._count") == "1"
    get_fails(api, "cmi.comments_from_learner.0.timestamp", "403")


def test_objective_ids_are_unique_351():
    api = running_api()
    set_ok(api, "cmi.objectives.0.id", "obj-1")
    set_fails(api, "cmi.objectives.1.id", "obj-1", "351")
    assert "already used" in api.GetDiagnostic("")


def test_an_objective_id_cannot_change_once_set_351():
    api = running_api()
    set_ok(api, "cmi.objectives.0.id", "obj-1")
    set_ok(api, "cmi.objectives.0.id", "obj-1")
    set_fails(api, "cmi.objectives.0.id", "obj-9", "351")


def test_interaction_objective_ids_are_unique_within_the_interaction():
    api = running_api()
    with_interaction(api, "choice")
    with_interaction(api, "choice", index=1)
    set_ok(api, "cmi.interactions.0.objectives.0.id", "obj-1")
    set_fails(api, "cmi.interactions.0.objectives.1.id", "obj-1", "351")
    set_ok(api, "cmi.interactions.1.objectives.0.id", "obj-1")
    assert api.GetValue("cmi.interactions.0.objectives._count") == "1"


def test_a_correct_response_before_the_interaction_type_is_408():
    api = running_api()
    set_ok(api, "cmi.interactions.0.id", "q1")
    set_fails(api, "cmi.interactions.0.correct_responses.0.pattern", "true", "408")
    set_fails(api, "cmi.interactions.0.learner_response", "true", "408")


@pytest.mark.parametrize("interaction_type, pattern", [("true-false", "true"), ("likert", "agree"), ("numeric", "1[:]5"), ("other", "x")])
def test_single_pattern_types_refuse_a_second_correct_response_351(interaction_type, pattern):
    api = running_api()
    with_interaction(api, interaction_type)
    set_ok(api, "cmi.interactions.0.correct_responses.0.pattern", pattern)
    set_fails(api, "cmi.interactions.0.correct_responses.1.pattern", pattern, "351")


def test_choice_interactions_take_several_correct_responses():
    api = running_api()
    with_interaction(api, "choice")
    set_ok(api, "cmi.interactions.0.correct_responses.0.pattern", "a[,]b")
    set_ok(api, "cmi.interactions.0.correct_responses.1.pattern", "c")
    assert api.GetValue("cmi.interactions.0.correct_responses._count") == "2"
    assert api.GetValue("cmi.interactions.0.correct_responses.1.pattern") == "c"


# --- interaction patterns and responses per type (RTE 4.2.9.1, 4.2.9.2) -------------

VALID_PATTERNS = [
    ("true-false", "true"),
    ("true-false", "false"),
    ("choice", "a"),
    ("choice", "choice_1[,]choice_3"),
    ("choice", ""),
    ("fill-in", "cat"),
    ("fill-in", "{case_matters=true}{order_matters=false}cat[,]dog"),
    ("fill-in", "{lang=vi}mèo[,]{lang=en}cat"),
    ("long-fill-in", "{case_matters=false}A long essay answer"),
    ("likert", "strongly_agree"),
    ("matching", "a[.]1[,]b[.]2"),
    ("performance", "{order_matters=true}step1[.]answer[,]step2[.]3[:]5"),
    ("performance", "[.]answer only"),
    ("sequencing", "a[,]b[,]c"),
    ("numeric", "1[:]5"),
    ("numeric", "[:]5"),
    ("numeric", "2.5"),
    ("other", "anything at all"),
]

INVALID_PATTERNS = [
    ("true-false", "yes"),
    ("fill-in", "{case_matters=true"),
    ("long-fill-in", "{case_matters=sometimes}essay"),
    ("performance", "{order_matters=yes}a[.]b"),
    ("performance", "step[.]" + "x" * 501),
    ("choice", "x" * 501),
    ("fill-in", "x" * 501),
    ("numeric", "a[:]5"),
    ("other", "x" * 8001),
    ("true-false", "1"),
    ("choice", "a[,]a"),
    ("choice", "a b"),
    ("fill-in", "{lang=}cat"),
    ("fill-in", "{case_matters=maybe}cat"),
    ("long-fill-in", "{lang=123456789}x"),
    ("likert", "two words"),
    ("likert", ""),
    ("matching", "a-1"),
    ("matching", "a[.]"),
    ("performance", "[.]"),
    ("performance", "bad step[.]x"),
    ("sequencing", ""),
    ("numeric", "5[:]1"),
    ("numeric", "one"),
]


@pytest.mark.parametrize("interaction_type, pattern", VALID_PATTERNS)
def test_a_well_formed_correct_response_pattern_is_stored(interaction_type, pattern):
    api = running_api()
    with_interaction(api, interaction_type)
    set_ok(api, "cmi.interactions.0.correct_responses.0.pattern", pattern)
    assert api.GetValue("cmi.interactions.0.correct_responses.0.pattern") == pattern


@pytest.mark.parametrize("interaction_type, pattern", INVALID_PATTERNS)
def test_a_malformed_correct_response_pattern_is_type_mismatch_406(interaction_type, pattern):
    api = running_api()
    with_interaction(api, interaction_type)
    set_fails(api, "cmi.interactions.0.correct_responses.0.pattern", pattern, "406")
    assert interaction_type in api.GetDiagnostic("")


@pytest.mark.parametrize(
    "interaction_type, response",
    [
        ("true-false", "false"),
        ("choice", "a[,]c"),
        ("fill-in", "{lang=vi}mèo"),
        ("long-fill-in", "An essay"),
        ("likert", "agree"),
        ("matching", "a[.]1"),
        ("performance", "step1[.]answer"),
        ("sequencing", "c[,]a[,]b"),
        ("numeric", "-3.25"),
        ("other", "{anything}"),
    ],
)
def test_a_well_formed_learner_response_is_stored(interaction_type, response):
    api = running_api()
    with_interaction(api, interaction_type)
    set_ok(api, "cmi.interactions.0.learner_response", response)
    assert api.GetValue("cmi.interactions.0.learner_response") == response


@pytest.mark.parametrize(
    "interaction_type, response",
    [
        ("true-false", "t"),
        ("choice", "a[,]a"),
        ("fill-in", "{lang=!!}x"),
        ("likert", "a b"),
        ("matching", "a"),
        ("performance", "step1[.]3[:]5x[.]"),
        ("performance", "step1[.]3[:]5"),
        ("numeric", "1[:]5"),
        ("other", "x" * 8001),
    ],
)
def test_a_malformed_learner_response_is_406(interaction_type, response):
    api = running_api()
    with_interaction(api, interaction_type)
    set_fails(api, "cmi.interactions.0.learner_response", response, "406")


# --- data types (RTE 4.1.1) ---------------------------------------------------------


@pytest.mark.parametrize(
    "element, value",
    [
        ("cmi.score.scaled", "-1"),
        ("cmi.score.scaled", "1"),
        ("cmi.score.scaled", "0.6666666666666666"),
        ("cmi.score.scaled", ".5"),
        ("cmi.score.raw", "-12345.5"),
        ("cmi.score.min", "0"),
        ("cmi.score.max", "1000000"),
        ("cmi.progress_measure", "0"),
        ("cmi.progress_measure", "1"),
        ("cmi.learner_preference.audio_level", "0"),
        ("cmi.learner_preference.audio_level", "250.5"),
        ("cmi.learner_preference.delivery_speed", "0.5"),
    ],
)
def test_real_numbers_within_range_are_accepted(element, value):
    api = running_api()
    set_ok(api, element, value)
    assert api.GetValue(element) == value


@pytest.mark.parametrize(
    "element, value",
    [
        ("cmi.score.scaled", "-1.0000001"),
        ("cmi.score.scaled", "1.01"),
        ("cmi.progress_measure", "-0.1"),
        ("cmi.progress_measure", "1.5"),
        ("cmi.learner_preference.audio_level", "-1"),
        ("cmi.learner_preference.delivery_speed", "-0.5"),
    ],
)
def test_real_numbers_out_of_range_are_value_out_of_range_407(element, value):
    set_fails(running_api(), element, value, "407")


@pytest.mark.parametrize("value", ["", "abc", "1e3", "1,5", "--1", "0x10", " 1", "+1", "1.2.3"])
def test_something_that_is_not_a_real_number_is_406(value):
    set_fails(running_api(), "cmi.score.raw", value, "406")


@pytest.mark.parametrize(
    "value",
    ["PT1H2M3.45S", "P1Y2M3DT4H5M6S", "PT0S", "P1D", "PT36H", "PT0.5S", "P0Y0M0DT0H0M0S", "PT1M"],
)
def test_iso_8601_durations_are_accepted_as_session_time(value):
    set_ok(running_api(), "cmi.session_time", value)


@pytest.mark.parametrize(
    "value", ["", "P", "PT", "P1DT", "1H", "PT1H2M3.456S", "PT1.5H", "P1W", "-PT1S", "PT1S2M", "pt1s", "00:01:00"]
)
def test_malformed_durations_are_type_mismatch_406(value):
    set_fails(running_api(), "cmi.session_time", value, "406")


def test_latency_is_a_duration():
    api = running_api()
    with_interaction(api, "choice")
    set_ok(api, "cmi.interactions.0.latency", "PT5.2S")
    set_fails(api, "cmi.interactions.0.latency", "5.2", "406")


@pytest.mark.parametrize(
    "value",
    [
        "2025",
        "2025-03",
        "2025-03-01",
        "2025-03-01T09",
        "2025-03-01T09:30",
        "2025-03-01T09:30:15",
        "2025-03-01T09:30:15.5",
        "2025-03-01T09:30:15.25Z",
        "2025-03-01T09:30:15.25+07:00",
        "2025-03-01T09:30:15.25-05",
        "2025-03-01T09:30:15.123Z",
        "2024-02-29T00:00:00",
        "1970-01-01T00:00:00",
    ],
)
def test_iso_8601_timestamps_are_accepted(value):
    api = running_api()
    with_interaction(api, "choice")
    set_ok(api, "cmi.interactions.0.timestamp", value)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "25-03-01",
        "2025-13-01",
        "2025-02-30",
        "2023-02-29",
        "2025-03-01T24:00:00",
        "2025-03-01T09:60",
        "2025-03-01 09:30:00",
        "1969-12-31T23:59:59",
        "2039-01-01",
        "2025-03-01T09:30:15+25:00",
        "yesterday",
    ],
)
def test_malformed_timestamps_are_406(value):
    set_fails(running_api(), "cmi.comments_from_learner.0.timestamp", value, "406")


@pytest.mark.parametrize("value", ["{lang=vi}Xin chào", "{lang=en-US}Hello", "{lang=x-private}x", "Plain text", ""])
def test_localized_strings_take_an_optional_language_delimiter(value):
    set_ok(running_api(), "cmi.comments_from_learner.0.comment", value)


@pytest.mark.parametrize("value", ["{lang=}x", "{lang=123}x", "{lang=vi", "{lang=toolongtag1}x"])
def test_a_malformed_language_delimiter_is_406(value):
    set_fails(running_api(), "cmi.comments_from_learner.0.comment", value, "406")


@pytest.mark.parametrize("value", ["vi", "en-US", "zh-Hant-TW", "i-klingon", ""])
def test_language_preference_is_a_language_code(value):
    set_ok(running_api(), "cmi.learner_preference.language", value)


@pytest.mark.parametrize("value", ["vietnamese language", "en_US", "-en", "123"])
def test_a_language_preference_that_is_not_a_language_code_is_406(value):
    set_fails(running_api(), "cmi.learner_preference.language", value, "406")


@pytest.mark.parametrize("value", ["q1", "urn:example:question-1", "http://example.com/q?1", "Câu hỏi 1"])
def test_interaction_ids_are_long_identifiers(value):
    set_ok(running_api(), "cmi.interactions.0.id", value)


@pytest.mark.parametrize("value", ["", "   ", "urn::x", "urn:bad nid:x", "urn:ok"])
def test_empty_identifiers_and_malformed_urns_are_406(value):
    set_fails(running_api(), "cmi.objectives.0.id", value, "406")


VOCABULARIES = {
    "cmi.completion_status": (["completed", "incomplete", "not attempted", "unknown"], ["done", "Completed", ""]),
    "cmi.success_status": (["passed", "failed", "unknown"], ["pass", ""]),
    "cmi.exit": (["time-out", "suspend", "logout", "normal", ""], ["quit", "Suspend"]),
    "cmi.learner_preference.audio_captioning": (["-1", "0", "1"], ["2", "true"]),
    "adl.nav.request": (
        [
            "continue",
            "previous",
            "exit",
            "exitAll",
            "abandon",
            "abandonAll",
            "suspendAll",
            "_none_",
            "{target=intro}choice",
            "{target=module.2}jump",
        ],
        ["choice", "jump", "start", "resumeAll", "{target=}choice", "{target=a b}choice", "next"],
    ),
}


@pytest.mark.parametrize(
    "element, value", [(element, value) for element, (valid, _) in VOCABULARIES.items() for value in valid]
)
def test_vocabulary_words_are_accepted(element, value):
    set_ok(running_api(), element, value)


@pytest.mark.parametrize(
    "element, value", [(element, value) for element, (_, invalid) in VOCABULARIES.items() for value in invalid]
)
def test_words_outside_the_vocabulary_are_406(element, value):
    set_fails(running_api(), element, value, "406")


@pytest.mark.parametrize("interaction_type", ["true-false", "choice", "fill-in", "long-fill-in", "likert", "matching", "performance", "sequencing", "numeric", "other"])
def test_every_interaction_type_is_accepted(interaction_type):
    api = running_api()
    set_ok(api, "cmi.interactions.0.id", "q1")
    set_ok(api, "cmi.interactions.0.type", interaction_type)


def test_an_unknown_interaction_type_is_406():
    api = running_api()
    set_ok(api, "cmi.interactions.0.id", "q1")
    set_fails(api, "cmi.interactions.0.type", "essay", "406")


@pytest.mark.parametrize("value", ["correct", "incorrect", "unanticipated", "neutral", "0.75", "-2", "100"])
def test_interaction_result_is_a_vocabulary_word_or_a_number(value):
    api = running_api()
    with_interaction(api, "choice")
    set_ok(api, "cmi.interactions.0.result", value)


@pytest.mark.parametrize("value", ["wrong", "right", "", "1/2"])
def test_interaction_result_outside_the_vocabulary_is_406(value):
    api = running_api()
    with_interaction(api, "choice")
    set_fails(api, "cmi.interactions.0.result", value, "406")


def test_interaction_weighting_is_any_real_number():
    api = running_api()
    with_interaction(api, "choice")
    set_ok(api, "cmi.interactions.0.weighting", "-3.5")
    set_fails(api, "cmi.interactions.0.weighting", "heavy", "406")


def test_a_non_string_value_is_type_mismatch_but_numbers_become_strings():
    api = running_api()
    set_ok(api, "cmi.score.raw", 85)
    assert api.GetValue("cmi.score.raw") == "85"
    set_ok(api, "cmi.score.scaled", 0.5)
    assert api.GetValue("cmi.score.scaled") == "0.5"
    set_fails(api, "cmi.location", None, "406")
    set_fails(api, "cmi.location", ["p1"], "406")


# --- sizes (RTE 4.1.1.1: SPM) -------------------------------------------------------


def test_location_up_to_its_spm_of_1000_is_stored():
    api = running_api()
    set_ok(api, "cmi.location", "x" * 1000)
    assert api.GetValue("cmi.location") == "x" * 1000


def test_location_beyond_the_spm_is_stored_up_to_twice_the_spm():
    api = running_api()
    set_ok(api, "cmi.location", "x" * 2000)
    assert len(api.GetValue("cmi.location")) == 2000


def test_location_beyond_the_lms_limit_is_351_and_not_truncated():
    api = running_api()
    set_ok(api, "cmi.location", "before")
    set_fails(api, "cmi.location", "x" * 2001, "351")
    assert "exceeds" in api.GetDiagnostic("")
    assert api.GetValue("cmi.location") == "before"


def test_suspend_data_of_64000_characters_is_stored_whole():
    api = running_api()
    data = "é" * 64000
    set_ok(api, "cmi.suspend_data", data)
    assert api.GetValue("cmi.suspend_data") == data


def test_suspend_data_up_to_the_default_limit_of_128000_is_stored():
    api = running_api()
    set_ok(api, "cmi.suspend_data", "x" * 128000)
    assert len(api.GetValue("cmi.suspend_data")) == 128000


def test_suspend_data_beyond_the_limit_is_351_with_a_diagnostic():
    api = running_api()
    set_fails(api, "cmi.suspend_data", "x" * 128001, "351")
    diagnostic = api.GetDiagnostic("")
    assert "exceeds" in diagnostic and "128000" in diagnostic and "64000" in diagnostic
    get_fails(api, "cmi.suspend_data", "403")


def test_the_suspend_data_limit_is_configurable():
    api = running_api(max_suspend_data=70000)
    set_ok(api, "cmi.suspend_data", "x" * 70000)
    set_fails(api, "cmi.suspend_data", "x" * 70001, "351")


@pytest.mark.parametrize("options", [{"max_suspend_data": -1}, {"spm_factor": 0.5}])
def test_limits_below_the_standard_are_refused(options):
    with pytest.raises(ValueError):
        new_api("2004", **options)


def test_the_spm_factor_is_configurable():
    api = running_api(spm_factor=1)
    set_ok(api, "cmi.location", "x" * 1000)
    set_fails(api, "cmi.location", "x" * 1001, "351")


@pytest.mark.parametrize(
    "element, spm",
    [("cmi.comments_from_learner.0.comment", 4000), ("cmi.comments_from_learner.0.location", 250)],
)
def test_comment_sizes_follow_their_spm(element, spm):
    api = running_api()
    set_ok(api, element, "x" * (2 * spm))
    set_fails(api, element, "x" * (2 * spm + 1), "351")


# --- evaluated statuses (RTE 4.2.4.1, 4.2.22.1) -------------------------------------


def test_completion_status_is_evaluated_from_threshold_and_progress():
    api = running_api({"cmi": {"completion_threshold": "0.75"}})
    set_ok(api, "cmi.completion_status", "completed")
    assert api.GetValue("cmi.completion_status") == "unknown"
    set_ok(api, "cmi.progress_measure", "0.5")
    assert api.GetValue("cmi.completion_status") == "incomplete"
    set_ok(api, "cmi.progress_measure", "0.75")
    assert api.GetValue("cmi.completion_status") == "completed"


def test_success_status_is_evaluated_from_the_scaled_passing_score():
    api = running_api({"cmi": {"scaled_passing_score": "0.8"}})
    set_ok(api, "cmi.success_status", "passed")
    assert api.GetValue("cmi.success_status") == "unknown"
    set_ok(api, "cmi.score.scaled", "0.79")
    assert api.GetValue("cmi.success_status") == "failed"
    set_ok(api, "cmi.score.scaled", "0.8")
    assert api.GetValue("cmi.success_status") == "passed"


def test_without_threshold_or_passing_score_the_scos_own_statuses_are_returned():
    api = running_api()
    set_ok(api, "cmi.completion_status", "incomplete")
    set_ok(api, "cmi.success_status", "failed")
    assert api.GetValue("cmi.completion_status") == "incomplete"
    assert api.GetValue("cmi.success_status") == "failed"


# --- whole sessions -----------------------------------------------------------------


def test_a_golf_sample_style_session_records_bookmark_score_and_time():
    saved = []
    api = new_api("2004", initial_state=LEARNER, on_commit=saved.append)
    api.Initialize("")
    set_ok(api, "cmi.completion_status", "incomplete")
    set_ok(api, "cmi.location", "playing.html")
    set_ok(api, "cmi.score.raw", "80")
    set_ok(api, "cmi.score.min", "0")
    set_ok(api, "cmi.score.max", "100")
    set_ok(api, "cmi.score.scaled", "0.8")
    set_ok(api, "cmi.success_status", "passed")
    set_ok(api, "cmi.exit", "suspend")
    set_ok(api, "cmi.session_time", "PT4M12.5S")
    set_ok(api, "adl.nav.request", "suspendAll")
    assert api.Terminate("") == "true"
    state = saved[-1]
    assert state["cmi"]["total_time"] == "PT0H4M12.5S"
    assert "session_time" not in state["cmi"]
    assert state["cmi"]["location"] == "playing.html"
    assert api.next_entry() == "resume"
    assert api.state() == state


def test_state_returns_a_copy():
    api = running_api()
    api.state()["cmi"]["location"] = "tampered"
    get_fails(api, "cmi.location", "403")


def test_new_api_rejects_an_unknown_version():
    with pytest.raises(ValueError):
        new_api("2005")
