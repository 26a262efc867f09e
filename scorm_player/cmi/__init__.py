"""The SCORM run-time data model, server side, in plain Python (no Django).

    api = new_api("2004", initial_state={"cmi": {"learner_id": "u1", ...}})
    api.Initialize(""); api.SetValue("cmi.location", "page-3"); api.Terminate("")
    api.state()          # the nested state dict to store

    result = validate_commit("1.2", stored_state, request_json)   # a browser commit
    result.state, result.errors

    finish_session(version, state)      # at Terminate / LMSFinish: total_time, statuses
    abandon_session(version, state)     # a session that ended without Terminate: time only
    next_launch_state(version, state)   # resume after a suspend, else a new attempt
    attempt_summary(version, state)     # statuses, score, time for progress tracking
"""

from .api import RuntimeAPI, Scorm12API, Scorm2004API
from .commit import CommitError, CommitValidation, validate_commit
from .datamodel import SCHEMAS, open_data_model, state_shape_problem
from .rules import (
    AB_INITIO,
    RESUME,
    SCORM_12,
    SCORM_2004,
    AttemptSummary,
    abandon_session,
    add_durations,
    add_timespans,
    attempt_summary,
    check_version,
    evaluate_completion_status,
    evaluate_success_status,
    exit_value,
    finish_session,
    lesson_status_at_finish,
    next_entry,
    next_launch_state,
    same_learner_data,
    taken_back_state,
)
from .state import copy_state, indexed_as_lists, state_delta, state_with_delta

__all__ = [
    "AB_INITIO",
    "RESUME",
    "SCORM_12",
    "SCORM_2004",
    "AttemptSummary",
    "CommitError",
    "CommitValidation",
    "RuntimeAPI",
    "Scorm12API",
    "Scorm2004API",
    "abandon_session",
    "add_durations",
    "add_timespans",
    "attempt_summary",
    "copy_state",
    "evaluate_completion_status",
    "evaluate_success_status",
    "exit_value",
    "finish_session",
    "indexed_as_lists",
    "lesson_status_at_finish",
    "new_api",
    "next_entry",
    "next_launch_state",
    "open_data_model",
    "same_learner_data",
    "state_delta",
    "state_with_delta",
    "taken_back_state",
    "validate_commit",
]


def new_api(version, initial_state=None, *, max_suspend_data=None, spm_factor=None, on_commit=None):
    """A run-time API object for one SCO launch.

    version: "2004" or "1.2".
    initial_state: the nested state the LMS launches with (copied, not modified).
    max_suspend_data: the largest suspend_data accepted, in characters (default:
        128,000 for 2004, twice the SPM; 64,000 for 1.2, what scorm-again accepts).
    spm_factor: other SCORM 2004 strings are accepted up to SPM x factor (default 2);
        SCORM 1.2 sizes are maxima (default factor 1).
    on_commit: called with the state on Commit and on Terminate/LMSFinish (then
        finished); an exception makes the call fail with the commit failure code.

    An initial_state of the wrong shape (a number where a string belongs, an object
    where a list belongs) does not raise: Initialize fails with 102 (1.2: 101), as the
    standard expects of an LMS that cannot set up the SCO's data.
    """
    check_version(version)
    state = copy_state(initial_state) if initial_state else {}
    problem = state_shape_problem(SCHEMAS[version], state)
    if problem is not None:
        state = {}
    model = open_data_model(version, state, max_suspend_data=max_suspend_data, spm_factor=spm_factor)
    api_class = Scorm2004API if version == SCORM_2004 else Scorm12API
    return api_class(model, on_commit=on_commit, initialization_problem=problem)
