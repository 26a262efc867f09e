"""What the LMS computes itself: statuses, total time, session end, next launch (scorm_player.cmi.rules)."""

import pytest

from scorm_player.cmi import (
    abandon_session,
    add_durations,
    add_timespans,
    attempt_summary,
    evaluate_completion_status,
    evaluate_success_status,
    finish_session,
    lesson_status_at_finish,
    new_api,
    next_entry,
    next_launch_state,
    same_learner_data,
    taken_back_state,
)
from scorm_player.cmi.durations import (
    centiseconds_to_cmi_timespan,
    centiseconds_to_iso_duration,
    cmi_timespan_to_centiseconds,
    iso_duration_to_centiseconds,
)

# --- durations ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "duration, centiseconds",
    [
        ("PT0S", 0),
        ("PT1H2M3.45S", 372345),
        ("PT0.5S", 50),
        ("PT90M", 540000),
        ("P1D", 8640000),
        ("P1Y2M3DT4H5M6S", (365 + 60 + 3) * 8640000 + 1470600),
        ("PT", None),
        ("P", None),
        ("P1W", None),
        ("PT1.234S", None),
    ],
)
def test_iso_durations_parse_to_centiseconds(duration, centiseconds):
    assert iso_duration_to_centiseconds(duration) == centiseconds


@pytest.mark.parametrize(
    "centiseconds, duration",
    [(0, "PT0H0M0S"), (372345, "PT1H2M3.45S"), (50, "PT0H0M0.5S"), (9000000, "PT25H0M0S"), (6010, "PT0H1M0.1S")],
)
def test_centiseconds_format_as_iso_durations_without_days(centiseconds, duration):
    assert centiseconds_to_iso_duration(centiseconds) == duration


@pytest.mark.parametrize(
    "timespan, centiseconds",
    [("00:00:00", 0), ("0001:02:03.45", 372345), ("00:00:00.5", 50), ("9999:59:59.99", 3599999999), ("00:61:00", None)],
)
def test_cmi_timespans_parse_to_centiseconds(timespan, centiseconds):
    assert cmi_timespan_to_centiseconds(timespan) == centiseconds


def test_cmi_timespans_saturate_at_9999_hours():
    assert centiseconds_to_cmi_timespan(372345) == "0001:02:03.45"
    assert centiseconds_to_cmi_timespan(10**12) == "9999:59:59.99"


@pytest.mark.parametrize(
    "total, session, result",
    [
        (None, "PT1M30S", "PT0H1M30S"),
        ("PT10M", "PT2M30S", "PT0H12M30S"),
        ("PT59M59.9S", "PT0.1S", "PT1H0M0S"),
        ("PT1H", "P1D", "PT25H0M0S"),
        ("PT5M", None, "PT0H5M0S"),
    ],
)
def test_total_time_adds_the_session_time_as_iso_durations(total, session, result):
    assert add_durations(total, session) == result


@pytest.mark.parametrize(
    "total, session, result",
    [
        (None, "00:01:30", "0000:01:30"),
        ("0000:10:00", "00:02:30.5", "0000:12:30.50"),
        ("0000:59:59.99", "00:00:00.01", "0001:00:00"),
        ("9999:00:00", "0002:00:00", "9999:59:59.99"),
    ],
)
def test_total_time_adds_the_session_time_as_cmi_timespans(total, session, result):
    assert add_timespans(total, session) == result


# --- SCORM 2004 evaluated statuses (RTE 4.2.4.1, 4.2.22.1) --------------------------


@pytest.mark.parametrize(
    "cmi, status",
    [
        ({}, "unknown"),
        ({"completion_status": "incomplete"}, "incomplete"),
        ({"completion_status": "completed", "progress_measure": "0.1"}, "completed"),
        ({"completion_threshold": "0.8", "progress_measure": "0.8"}, "completed"),
        ({"completion_threshold": "0.8", "progress_measure": "0.9", "completion_status": "incomplete"}, "completed"),
        ({"completion_threshold": "0.8", "progress_measure": "0.79", "completion_status": "completed"}, "incomplete"),
        ({"completion_threshold": "0.8", "completion_status": "completed"}, "unknown"),
        ({"completion_threshold": "0", "progress_measure": "0"}, "completed"),
    ],
)
def test_completion_status_follows_table_4_2_4_1a(cmi, status):
    assert evaluate_completion_status(cmi) == status


@pytest.mark.parametrize(
    "cmi, status",
    [
        ({}, "unknown"),
        ({"success_status": "failed"}, "failed"),
        ({"scaled_passing_score": "0.7", "score": {"scaled": "0.7"}}, "passed"),
        ({"scaled_passing_score": "0.7", "score": {"scaled": "0.69"}, "success_status": "passed"}, "failed"),
        ({"scaled_passing_score": "0.7", "success_status": "passed"}, "unknown"),
        ({"scaled_passing_score": "-0.5", "score": {"scaled": "-0.4"}}, "passed"),
    ],
)
def test_success_status_follows_table_4_2_22_1a(cmi, status):
    assert evaluate_success_status(cmi) == status


# --- SCORM 1.2 lesson_status at LMSFinish -------------------------------------------


def core_12(**core):
    return {"cmi": {"core": {"credit": "credit", "lesson_mode": "normal", **core}}}


@pytest.mark.parametrize(
    "state, status",
    [
        (core_12(), "completed"),
        (core_12(lesson_status="incomplete"), "incomplete"),
        (core_12(lesson_mode="browse", credit="no-credit"), "browsed"),
        (core_12(lesson_mode="browse", credit="no-credit", lesson_status="incomplete"), "incomplete"),
        ({"cmi": {**core_12(score={"raw": "80"})["cmi"], "student_data": {"mastery_score": "80"}}}, "passed"),
        ({"cmi": {**core_12(score={"raw": "79.5"}, lesson_status="passed")["cmi"], "student_data": {"mastery_score": "80"}}}, "failed"),
        ({"cmi": {**core_12(score={"raw": "90"}, lesson_status="incomplete")["cmi"], "student_data": {"mastery_score": "80"}}}, "passed"),
        ({"cmi": {**core_12(score={"raw": "90"}, credit="no-credit", lesson_status="incomplete")["cmi"], "student_data": {"mastery_score": "80"}}}, "incomplete"),
        ({"cmi": {**core_12(lesson_status="incomplete")["cmi"], "student_data": {"mastery_score": "80"}}}, "incomplete"),
        (core_12(score={"raw": "10"}, lesson_status="passed"), "passed"),
    ],
)
def test_lesson_status_at_finish_follows_the_1_2_rules(state, status):
    assert lesson_status_at_finish(state["cmi"]) == status


# --- finishing a session ------------------------------------------------------------


def test_finishing_a_2004_session_adds_session_time_and_stores_evaluated_statuses():
    state = {
        "cmi": {
            "total_time": "PT10M",
            "session_time": "PT2M30S",
            "completion_threshold": "0.5",
            "progress_measure": "0.6",
            "scaled_passing_score": "0.8",
            "score": {"scaled": "0.9"},
        }
    }
    finished = finish_session("2004", state)
    assert finished["cmi"]["total_time"] == "PT0H12M30S"
    assert "session_time" not in finished["cmi"]
    assert finished["cmi"]["completion_status"] == "completed"
    assert finished["cmi"]["success_status"] == "passed"
    assert state["cmi"]["session_time"] == "PT2M30S"


def test_finishing_twice_adds_the_session_time_once():
    once = finish_session("2004", {"cmi": {"session_time": "PT1M"}})
    assert finish_session("2004", once)["cmi"]["total_time"] == "PT0H1M0S"


def test_finishing_a_1_2_session_adds_session_time_and_sets_lesson_status():
    finished = finish_session("1.2", {"cmi": {"core": {"total_time": "0000:10:00", "session_time": "00:02:30"}}})
    assert finished["cmi"]["core"]["total_time"] == "0000:12:30"
    assert finished["cmi"]["core"]["lesson_status"] == "completed"
    assert "session_time" not in finished["cmi"]["core"]


def test_total_time_accumulates_over_three_2004_sessions_through_the_api():
    state = {"cmi": {"learner_id": "u1"}}
    for session_time in ("PT1M", "PT2M30.5S", "PT1H"):
        api = new_api("2004", initial_state=state)
        api.Initialize("")
        api.SetValue("cmi.session_time", session_time)
        api.SetValue("cmi.exit", "suspend")
        api.Terminate("")
        state = next_launch_state("2004", api.state())
    assert state["cmi"]["total_time"] == "PT1H3M30.5S"
    assert state["cmi"]["entry"] == "resume"


def test_total_time_accumulates_over_1_2_sessions_through_the_api():
    state = {"cmi": {"core": {"student_id": "u1"}}}
    for session_time in ("00:01:00", "00:02:30.5", "01:00:00"):
        api = new_api("1.2", initial_state=state)
        api.LMSInitialize("")
        api.LMSSetValue("cmi.core.session_time", session_time)
        api.LMSSetValue("cmi.core.exit", "suspend")
        api.LMSFinish("")
        state = next_launch_state("1.2", api.state())
    assert state["cmi"]["core"]["total_time"] == "0001:03:30.50"


def test_total_time_read_during_a_session_excludes_the_current_session():
    api = new_api("2004", initial_state={"cmi": {"total_time": "PT5M"}})
    api.Initialize("")
    api.SetValue("cmi.session_time", "PT1M")
    assert api.GetValue("cmi.total_time") == "PT5M"


def test_lms_finish_marks_an_unset_status_completed():
    api = new_api("1.2", initial_state=core_12())
    api.LMSInitialize("")
    api.LMSFinish("")
    assert api.state()["cmi"]["core"]["lesson_status"] == "completed"


def test_lms_finish_in_browse_mode_marks_an_unset_status_browsed():
    api = new_api("1.2", initial_state=core_12(lesson_mode="browse", credit="no-credit"))
    api.LMSInitialize("")
    api.LMSFinish("")
    assert api.state()["cmi"]["core"]["lesson_status"] == "browsed"


def test_lms_finish_applies_the_mastery_score_to_the_raw_score():
    state = {"cmi": {**core_12()["cmi"], "student_data": {"mastery_score": "80"}}}
    api = new_api("1.2", initial_state=state)
    api.LMSInitialize("")
    api.LMSSetValue("cmi.core.lesson_status", "completed")
    api.LMSSetValue("cmi.core.score.raw", "85")
    api.LMSFinish("")
    assert api.state()["cmi"]["core"]["lesson_status"] == "passed"


# --- exit and the next launch (RTE 4.2.7, 4.2.8) ------------------------------------


@pytest.mark.parametrize(
    "version, state, entry",
    [
        ("2004", {"cmi": {"exit": "suspend"}}, "resume"),
        ("2004", {"cmi": {"exit": "normal"}}, "ab-initio"),
        ("2004", {"cmi": {"exit": "time-out"}}, "ab-initio"),
        ("2004", {"cmi": {"exit": "logout"}}, "ab-initio"),
        ("2004", {"cmi": {}}, "ab-initio"),
        ("2004", {"cmi": {"exit": ""}, "adl": {"nav": {"request": "suspendAll"}}}, "resume"),
        ("1.2", {"cmi": {"core": {"exit": "suspend"}}}, "resume"),
        ("1.2", {"cmi": {"core": {"exit": ""}}}, "ab-initio"),
        ("1.2", {"cmi": {"core": {"exit": "logout"}}}, "ab-initio"),
        ("1.2", {}, "ab-initio"),
    ],
)
def test_next_entry_is_resume_only_after_a_suspend(version, state, entry):
    assert next_entry(version, state) == entry


def test_the_launch_after_a_suspend_resumes_with_all_the_data():
    state = {
        "cmi": {
            "learner_id": "u1",
            "location": "slide-4",
            "suspend_data": "{}",
            "exit": "suspend",
            "total_time": "PT5M",
            "interactions": [{"id": "q1"}],
        },
        "adl": {"nav": {"request": "suspendAll"}},
    }
    launch = next_launch_state("2004", state)
    assert launch["cmi"]["entry"] == "resume"
    assert launch["cmi"]["location"] == "slide-4"
    assert launch["cmi"]["suspend_data"] == "{}"
    assert launch["cmi"]["interactions"] == [{"id": "q1"}]
    assert "exit" not in launch["cmi"]
    assert "adl" not in launch


def test_the_launch_after_a_normal_exit_is_a_new_attempt_keeping_learner_data():
    state = {
        "cmi": {
            "learner_id": "u1",
            "learner_name": "Nguyen, An",
            "learner_preference": {"language": "vi"},
            "scaled_passing_score": "0.8",
            "location": "slide-9",
            "score": {"scaled": "0.9"},
            "total_time": "PT30M",
            "exit": "normal",
        }
    }
    launch = next_launch_state("2004", state)
    assert launch == {
        "cmi": {
            "learner_id": "u1",
            "learner_name": "Nguyen, An",
            "learner_preference": {"language": "vi"},
            "scaled_passing_score": "0.8",
            "entry": "ab-initio",
        }
    }


def test_the_1_2_launch_after_a_finish_without_suspend_is_a_new_attempt():
    state = {
        "cmi": {
            "core": {"student_id": "u1", "student_name": "A", "credit": "credit", "lesson_status": "passed", "exit": ""},
            "student_data": {"mastery_score": "80"},
            "suspend_data": "x",
        }
    }
    launch = next_launch_state("1.2", state)
    assert launch == {
        "cmi": {
            "core": {"student_id": "u1", "student_name": "A", "credit": "credit", "entry": "ab-initio"},
            "student_data": {"mastery_score": "80"},
        }
    }


def test_the_1_2_launch_after_a_suspend_resumes():
    state = {"cmi": {"core": {"lesson_location": "p3", "exit": "suspend"}, "suspend_data": "x"}}
    launch = next_launch_state("1.2", state)
    assert launch["cmi"]["core"] == {"lesson_location": "p3", "entry": "resume"}
    assert launch["cmi"]["suspend_data"] == "x"


def test_an_unfinished_session_is_finished_before_the_next_launch():
    state = {"cmi": {"session_time": "PT3M", "exit": "suspend", "total_time": "PT1M"}}
    assert next_launch_state("2004", state)["cmi"]["total_time"] == "PT0H4M0S"


def test_an_unfinished_session_can_be_left_to_count_once_its_end_is_known():
    # The page left behind may still send a longer session_time: the LMS stores the launch
    # with the session uncounted, and the browser sees it counted (abandon_session).
    state = {"cmi": {"core": {"session_time": "00:03:00", "total_time": "0000:01:00", "lesson_location": "p3"}}}

    stored = next_launch_state("1.2", state, unfinished=True, count_session=False)

    assert stored["cmi"]["core"] == {"session_time": "00:03:00", "total_time": "0000:01:00", "lesson_location": "p3", "entry": ""}
    assert abandon_session("1.2", stored) == next_launch_state("1.2", state, unfinished=True)


@pytest.mark.parametrize(
    "version, state, entry_of",
    [
        (
            "2004",
            {"cmi": {"location": "s4", "suspend_data": "x", "session_time": "PT3M", "total_time": "PT1M", "exit": "logout",
                     "completion_status": "incomplete", "interactions": [{"id": "q1"}]}, "adl": {"nav": {"request": "exit"}}},
            lambda launch: launch["cmi"],
        ),
        (
            "1.2",
            {"cmi": {"core": {"lesson_location": "p3", "session_time": "00:03:00", "total_time": "0000:01:00", "exit": "logout"},
                     "suspend_data": "x", "interactions": [{"id": "q1"}]}},
            lambda launch: launch["cmi"]["core"],
        ),
    ],
)
def test_a_session_left_without_terminate_goes_on_with_all_its_data_and_an_empty_entry(version, state, entry_of):
    launch = next_launch_state(version, state, unfinished=True)

    assert entry_of(launch)["entry"] == ""
    assert "exit" not in entry_of(launch) and "session_time" not in entry_of(launch) and "adl" not in launch
    assert entry_of(launch).get("location", entry_of(launch).get("lesson_location")) in ("s4", "p3")
    assert launch["cmi"]["suspend_data"] == "x" and launch["cmi"]["interactions"] == [{"id": "q1"}]
    assert attempt_summary(version, launch).total_seconds == 240


def test_a_1_2_session_left_without_lmsfinish_is_not_completed_by_the_lms():
    # LMSFinish would make a status the SCO never set "completed", and apply mastery_score:
    # a learner who opened the module and closed the tab has done neither.
    state = {
        "cmi": {
            "core": {"lesson_status": "not attempted", "credit": "credit", "score": {"raw": "20"}, "session_time": "00:00:42"},
            "student_data": {"mastery_score": "80"},
        }
    }
    abandoned = abandon_session("1.2", state)

    assert abandoned["cmi"]["core"]["lesson_status"] == "not attempted"
    assert attempt_summary("1.2", abandoned).total_seconds == 42
    assert "session_time" not in abandoned["cmi"]["core"]
    assert finish_session("1.2", state)["cmi"]["core"]["lesson_status"] == "failed"  # what LMSFinish does
    assert abandon_session("1.2", abandoned) == abandoned  # the time counts once


# --- attempt summaries --------------------------------------------------------------


def test_a_2004_summary_gives_evaluated_statuses_score_and_seconds():
    summary = attempt_summary(
        "2004",
        {
            "cmi": {
                "scaled_passing_score": "0.8",
                "score": {"scaled": "0.85", "raw": "85", "min": "0", "max": "100"},
                "completion_status": "completed",
                "total_time": "PT1H0M1.5S",
                "exit": "suspend",
            }
        },
    )
    assert summary.completion_status == "completed"
    assert summary.success_status == "passed"
    assert summary.score_scaled == 0.85
    assert summary.score_raw == 85.0
    assert summary.total_seconds == 3601.5
    assert summary.suspended is True


@pytest.mark.parametrize(
    "lesson_status, completion, success",
    [
        ("passed", "completed", "passed"),
        ("failed", "completed", "failed"),
        ("completed", "completed", "unknown"),
        ("incomplete", "incomplete", "unknown"),
        ("browsed", "incomplete", "unknown"),
        (None, "not attempted", "unknown"),
    ],
)
def test_a_1_2_summary_maps_lesson_status_to_2004_statuses(lesson_status, completion, success):
    core = {} if lesson_status is None else {"lesson_status": lesson_status}
    summary = attempt_summary("1.2", {"cmi": {"core": core}})
    assert (summary.completion_status, summary.success_status) == (completion, success)


@pytest.mark.parametrize(
    "score, scaled",
    [({"raw": "80"}, 0.8), ({"raw": "8", "min": "0", "max": "10"}, 0.8), ({}, None), ({"raw": "5", "min": "5", "max": "5"}, None)],
)
def test_a_1_2_summary_scales_the_raw_score(score, scaled):
    summary = attempt_summary("1.2", {"cmi": {"core": {"score": score, "total_time": "0000:01:00"}}})
    assert summary.score_scaled == scaled
    assert summary.total_seconds == 60.0


def test_the_api_gives_the_summary_of_its_state():
    api = new_api("2004")
    api.Initialize("")
    api.SetValue("cmi.completion_status", "incomplete")
    assert api.summary().completion_status == "incomplete"


def test_rules_reject_an_unknown_version():
    with pytest.raises(ValueError):
        finish_session("3.0", {})


# --- two pages on one attempt (attempts._take_back) ----------------------------------------


def test_learner_data_ignores_the_sessions_time_entry_and_exit():
    own = {"cmi": {"location": "s2", "suspend_data": "a", "session_time": "PT40S", "total_time": "PT0S", "entry": "ab-initio"}}
    since = {"cmi": {"location": "s2", "suspend_data": "a", "total_time": "PT50S", "entry": "", "exit": "suspend"}}
    assert same_learner_data("2004", own, since)
    assert not same_learner_data("2004", own, {"cmi": {**since["cmi"], "location": "s3"}})
    assert not same_learner_data("2004", own, {"cmi": {**since["cmi"], "interactions": [{"id": "q1"}]}})
    assert not same_learner_data("2004", own, {**since, "adl": {"nav": {"request": "suspendAll"}}})
    # A Terminate stores the statuses it evaluates: the same as none stored.
    assert same_learner_data("2004", own, finish_session("2004", since))
    assert not same_learner_data("2004", own, {"cmi": {**since["cmi"], "completion_status": "completed"}})
    twelve = {"cmi": {"core": {"lesson_location": "p2", "session_time": "00:00:40", "entry": "resume"}}}
    assert same_learner_data("1.2", twelve, {"cmi": {"core": {"lesson_location": "p2", "total_time": "0000:01:00", "exit": "suspend"}}})
    assert not same_learner_data("1.2", twelve, {"cmi": {"core": {"lesson_location": "p2", "lesson_status": "completed"}}})
    assert same_learner_data("1.2", twelve, {"cmi": {"core": {"lesson_location": "p2", "lesson_status": "not attempted"}}})
    assert twelve["cmi"]["core"]["session_time"] == "00:00:40"  # the states are not changed


@pytest.mark.parametrize(
    "own, since, total",
    [
        # Its 40 s were counted by the next page's first commit; that page's 15 s are still going.
        ({"total_time": "PT1M", "session_time": "PT40S"}, {"total_time": "PT1M40S", "session_time": "PT15S"}, "PT0H1M15S"),
        # That page finished: its session is in the total already.
        ({"total_time": "PT1M", "session_time": "PT40S"}, {"total_time": "PT1M55S"}, "PT0H1M15S"),
        # Its own session was finished (suspend) before: nothing of it to take back out.
        ({"total_time": "PT1M"}, {"total_time": "PT1M", "session_time": "PT15S"}, "PT0H1M15S"),
        # Never below what it stored itself.
        ({"total_time": "PT1M", "session_time": "PT40S"}, {"total_time": "PT1M"}, "PT0H1M0S"),
    ],
)
def test_a_page_taking_its_attempt_back_counts_the_other_pages_sessions_and_not_its_own_twice(own, since, total):
    state = taken_back_state("2004", {"cmi": {"location": "s2", **own}}, {"cmi": {"location": "s2", **since}})
    assert state == {"cmi": {"location": "s2", **own, "total_time": total}}


def test_a_1_2_page_taking_its_attempt_back_keeps_its_session_and_entry():
    own = {"cmi": {"core": {"lesson_location": "p2", "entry": "resume", "total_time": "0000:01:00", "session_time": "00:00:40"}}}
    since = {"cmi": {"core": {"lesson_location": "p2", "entry": "", "total_time": "0000:01:40", "session_time": "00:00:15"}}}
    core = taken_back_state("1.2", own, since)["cmi"]["core"]
    assert (core["entry"], core["session_time"], core["total_time"]) == ("resume", "00:00:40", "0000:01:15")
