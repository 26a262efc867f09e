"""What the LMS itself computes: evaluated statuses, total time, the end of a session,
the entry of the next launch, and a summary of an attempt for progress tracking.

All functions take the nested state dict (``{"cmi": {...}, "adl": {...}}``) and never
mutate it; those that change it return a new dict.
"""

from dataclasses import dataclass

from .durations import (
    centiseconds_to_cmi_timespan,
    centiseconds_to_iso_duration,
    cmi_timespan_to_centiseconds,
    iso_duration_to_centiseconds,
)
from .state import copy_state, to_number

SCORM_2004 = "2004"
SCORM_12 = "1.2"
VERSIONS = (SCORM_2004, SCORM_12)

RESUME = "resume"
AB_INITIO = "ab-initio"

ZERO_DURATION = "PT0H0M0S"
ZERO_TIMESPAN = "0000:00:00"


def check_version(version):
    """Return the version if it is "2004" or "1.2", else raise ValueError."""
    if version not in VERSIONS:
        raise ValueError(f"SCORM version must be '2004' or '1.2', not {version!r}")
    return version


def evaluate_completion_status(cmi):
    """SCORM 2004 RTE 4.2.4.1, Table 4.2.4.1a: the completion_status GetValue returns.

    With a completion_threshold, progress_measure decides (>= threshold: completed,
    else incomplete) and the SCO's own value is overridden; with a threshold but no
    progress_measure the status is "unknown". Without a threshold, the SCO's value or
    "unknown".
    """
    threshold = to_number(cmi.get("completion_threshold"))
    if threshold is not None:
        progress = to_number(cmi.get("progress_measure"))
        if progress is None:
            return "unknown"
        return "completed" if progress >= threshold else "incomplete"
    return cmi.get("completion_status") or "unknown"


def evaluate_success_status(cmi):
    """SCORM 2004 RTE 4.2.22.1, Table 4.2.22.1a: the success_status GetValue returns.

    With a scaled_passing_score, score.scaled decides (>=: passed, <: failed, missing:
    unknown) and the SCO's own value is overridden; without one, the SCO's value or
    "unknown".
    """
    passing = to_number(cmi.get("scaled_passing_score"))
    if passing is not None:
        scaled = to_number((cmi.get("score") or {}).get("scaled"))
        if scaled is None:
            return "unknown"
        return "passed" if scaled >= passing else "failed"
    return cmi.get("success_status") or "unknown"


def add_durations(total_time, session_time):
    """SCORM 2004: total_time + session_time as an ISO 8601 duration."""
    total = iso_duration_to_centiseconds(total_time or ZERO_DURATION) or 0
    session = iso_duration_to_centiseconds(session_time or ZERO_DURATION) or 0
    return centiseconds_to_iso_duration(total + session)


def add_timespans(total_time, session_time):
    """SCORM 1.2: total_time + session_time as a CMITimespan."""
    total = cmi_timespan_to_centiseconds(total_time or ZERO_TIMESPAN) or 0
    session = cmi_timespan_to_centiseconds(session_time or ZERO_TIMESPAN) or 0
    return centiseconds_to_cmi_timespan(total + session)


def lesson_status_at_finish(cmi):
    """SCORM 1.2 RTE 3.4.4 (cmi.core.lesson_status, cmi.student_data.mastery_score):
    the lesson_status the LMS records at LMSFinish.

    A status the SCO never set ("not attempted") becomes "browsed" in browse mode and
    "completed" otherwise. Then, for credit, a mastery_score and a score.raw decide
    between "passed" (raw >= mastery_score) and "failed".
    """
    core = cmi.get("core") or {}
    status = core.get("lesson_status") or "not attempted"
    if status == "not attempted":
        status = "browsed" if core.get("lesson_mode") == "browse" else "completed"
    mastery_score = to_number((cmi.get("student_data") or {}).get("mastery_score"))
    raw_score = to_number((core.get("score") or {}).get("raw"))
    if (core.get("credit") or "credit") == "credit" and mastery_score is not None and raw_score is not None:
        status = "passed" if raw_score >= mastery_score else "failed"
    return status


def finish_session(version, state):
    """The state after Terminate / LMSFinish: session_time added to total_time and
    removed, statuses evaluated and stored.

    A stored state that still has a session_time is a session that was never
    finished (the browser died before its last commit); finishing it later is safe and
    finishing it twice adds nothing, because session_time is removed.
    """
    check_version(version)
    finished = copy_state(state)
    cmi = finished.setdefault("cmi", {})
    _add_session_time(version, cmi)
    if version == SCORM_2004:
        cmi["completion_status"] = evaluate_completion_status(cmi)
        cmi["success_status"] = evaluate_success_status(cmi)
    else:
        cmi["core"]["lesson_status"] = lesson_status_at_finish(cmi)
    return finished


def abandon_session(version, state):
    """The state of a session that ended without Terminate / LMSFinish (the tab closed, the
    browser died, the page reloaded), once the LMS takes it up again: its session_time is
    added to total_time, and nothing else changes. The rules the standard applies at
    LMSFinish (1.2 "completed" when the SCO set no status, mastery_score) are for a
    session the SCO finished: a learner who opened a module and closed the tab has not
    completed it."""
    check_version(version)
    if not _has_unfinished_session(version, state):
        return state
    abandoned = copy_state(state)
    _add_session_time(version, abandoned["cmi"])
    return abandoned


def _add_session_time(version, cmi):
    """session_time added to total_time and removed, in place."""
    if version == SCORM_2004:
        cmi["total_time"] = add_durations(cmi.get("total_time"), cmi.pop("session_time", None))
    else:
        core = cmi.setdefault("core", {})
        core["total_time"] = add_timespans(core.get("total_time"), core.pop("session_time", None))


# What a session writes besides the learner's data: two pages on the same attempt that
# differ only in these hold the same progress.
_SESSION_ELEMENTS = ("session_time", "total_time", "entry", "exit")


def same_learner_data(version, state, other):
    """Whether two states hold the same data but for their sessions' time, entry and exit."""
    check_version(version)
    return _without_session(version, state) == _without_session(version, other)


def _without_session(version, state):
    """The state without the session's elements, its statuses as evaluated (a Terminate
    stores them so: "unknown" where there was none)."""
    stripped = copy_state(state)
    cmi = stripped.setdefault("cmi", {})
    if version == SCORM_2004:
        holder = cmi
        cmi["completion_status"] = evaluate_completion_status(cmi)
        cmi["success_status"] = evaluate_success_status(cmi)
    else:
        holder = cmi.setdefault("core", {})
        holder["lesson_status"] = holder.get("lesson_status") or "not attempted"
    for key in _SESSION_ELEMENTS:
        holder.pop(key, None)
    return stripped


def taken_back_state(version, own, since):
    """The state a page goes on from when it takes its attempt back: `own` is what it last
    stored, `since` what the pages opened after it stored since, with the same learner data
    (same_learner_data). It is its own state, with the time of those pages' sessions added
    to the total. Its own session is counted when it ends: the part of it stored in `own`,
    which the first of those pages counted, is taken back out."""
    check_version(version)
    own_total, own_session = _times(version, own)
    since_total = _times(version, abandon_session(version, since))[0]
    state = copy_state(own)
    total = max(own_total, since_total - own_session)
    if version == SCORM_2004:
        state.setdefault("cmi", {})["total_time"] = centiseconds_to_iso_duration(total)
    else:
        state.setdefault("cmi", {}).setdefault("core", {})["total_time"] = centiseconds_to_cmi_timespan(total)
    return state


def _times(version, state):
    """(total_time, session_time) in centiseconds."""
    cmi = state.get("cmi") or {}
    if version == SCORM_2004:
        read, holder, zero = iso_duration_to_centiseconds, cmi, ZERO_DURATION
    else:
        read, holder, zero = cmi_timespan_to_centiseconds, cmi.get("core") or {}, ZERO_TIMESPAN
    return (read(holder.get("total_time") or zero) or 0), (read(holder.get("session_time") or zero) or 0)


def exit_value(version, state):
    """The cmi.exit (2004) / cmi.core.exit (1.2) the SCO left, "" if none."""
    cmi = state.get("cmi") or {}
    if version == SCORM_2004:
        return cmi.get("exit") or ""
    return (cmi.get("core") or {}).get("exit") or ""


def next_entry(version, state):
    """SCORM 2004 RTE 4.2.7 / SCORM 1.2 RTE 3.4.4 cmi.core.entry: "resume" when the SCO
    left with exit "suspend" (or, in 2004, asked for suspendAll), else "ab-initio":
    any other exit closes the attempt and the next launch starts a new one.
    """
    check_version(version)
    if exit_value(version, state) == "suspend":
        return RESUME
    if version == SCORM_2004:
        request = ((state.get("adl") or {}).get("nav") or {}).get("request")
        if request == "suspendAll":
            return RESUME
    return AB_INITIO


# Elements that belong to the learner or the LMS, not to the attempt: kept when a new
# attempt starts.
_KEPT_FOR_NEW_ATTEMPT_2004 = (
    "learner_id",
    "learner_name",
    "learner_preference",
    "credit",
    "mode",
    "launch_data",
    "completion_threshold",
    "scaled_passing_score",
    "max_time_allowed",
    "time_limit_action",
    "comments_from_lms",
)
_KEPT_FOR_NEW_ATTEMPT_12 = ("launch_data", "comments_from_lms", "student_data", "student_preference")
_KEPT_CORE_FOR_NEW_ATTEMPT_12 = ("student_id", "student_name", "credit", "lesson_mode")


def next_launch_state(version, state, *, unfinished=False, count_session=True):
    """The initial state of the next launch of this SCO for the same learner.

    After a suspend, everything is kept and entry becomes "resume". After a session that
    ended without Terminate (`unfinished`: the attempt has commits, the SCO never finished
    it) the same attempt goes on: everything is kept and entry is "" (SCORM 1.2 RTE 3.4.4,
    2004 RTE 4.2.7: neither a first launch nor a resume). Otherwise a new attempt starts:
    only learner and LMS data are kept, entry becomes "ab-initio". An unfinished
    session's time is added to the total first (abandon_session), unless not
    `count_session`: then it stays in session_time, to be counted once its end is known.
    """
    check_version(version)
    if count_session:
        state = abandon_session(version, state)
    entry = RESUME if next_entry(version, state) == RESUME else ("" if unfinished else AB_INITIO)
    cmi = state.get("cmi") or {}
    if entry != AB_INITIO:
        launch = copy_state(state)
        launch_cmi = launch.setdefault("cmi", {})
        if version == SCORM_2004:
            launch_cmi.pop("exit", None)
            launch_cmi["entry"] = entry
            launch.pop("adl", None)
        else:
            core = launch_cmi.setdefault("core", {})
            core.pop("exit", None)
            core["entry"] = entry
        return launch
    if version == SCORM_2004:
        kept = {key: copy_state(cmi[key]) for key in _KEPT_FOR_NEW_ATTEMPT_2004 if key in cmi}
        kept["entry"] = AB_INITIO
        return {"cmi": kept}
    core = cmi.get("core") or {}
    kept = {key: copy_state(cmi[key]) for key in _KEPT_FOR_NEW_ATTEMPT_12 if key in cmi}
    kept["core"] = {key: core[key] for key in _KEPT_CORE_FOR_NEW_ATTEMPT_12 if key in core}
    kept["core"]["entry"] = AB_INITIO
    return {"cmi": kept}


def _has_unfinished_session(version, state):
    cmi = state.get("cmi") or {}
    if version == SCORM_2004:
        return "session_time" in cmi
    return "session_time" in (cmi.get("core") or {})


@dataclass(frozen=True)
class AttemptSummary:
    """What the LMS needs from a SCO's state to track progress, in SCORM 2004 terms.

    completion_status: completed | incomplete | not attempted | unknown
    success_status: passed | failed | unknown
    score_scaled: -1..1 or None; score_raw/min/max as numbers or None
    total_seconds: total_time in seconds
    suspended: True when the next launch resumes this attempt
    """

    completion_status: str
    success_status: str
    score_scaled: float | None
    score_raw: float | None
    score_min: float | None
    score_max: float | None
    total_seconds: float
    suspended: bool


# SCORM 1.2 has one lesson_status where 2004 has two statuses. A failed lesson was
# finished, so it counts as completed (as Rustici's engines map it); browsed content
# was only looked at.
_LESSON_STATUS_AS_2004 = {
    "passed": ("completed", "passed"),
    "failed": ("completed", "failed"),
    "completed": ("completed", "unknown"),
    "incomplete": ("incomplete", "unknown"),
    "browsed": ("incomplete", "unknown"),
    "not attempted": ("not attempted", "unknown"),
}


def attempt_summary(version, state):
    """The attempt's statuses, score and time, for the progress tracking of upper layers."""
    check_version(version)
    cmi = state.get("cmi") or {}
    suspended = next_entry(version, state) == RESUME
    if version == SCORM_2004:
        score = cmi.get("score") or {}
        total = iso_duration_to_centiseconds(cmi.get("total_time") or ZERO_DURATION) or 0
        return AttemptSummary(
            completion_status=evaluate_completion_status(cmi),
            success_status=evaluate_success_status(cmi),
            score_scaled=to_number(score.get("scaled")),
            score_raw=to_number(score.get("raw")),
            score_min=to_number(score.get("min")),
            score_max=to_number(score.get("max")),
            total_seconds=total / 100,
            suspended=suspended,
        )
    core = cmi.get("core") or {}
    score = core.get("score") or {}
    raw, minimum, maximum = (to_number(score.get(key)) for key in ("raw", "min", "max"))
    completion, success = _LESSON_STATUS_AS_2004.get(core.get("lesson_status") or "not attempted")
    total = cmi_timespan_to_centiseconds(core.get("total_time") or ZERO_TIMESPAN) or 0
    return AttemptSummary(
        completion_status=completion,
        success_status=success,
        score_scaled=_scaled_score_12(raw, minimum, maximum),
        score_raw=raw,
        score_min=minimum,
        score_max=maximum,
        total_seconds=total / 100,
        suspended=suspended,
    )


def _scaled_score_12(raw, minimum, maximum):
    # SCORM 1.2 scores are on 0..100 unless the SCO gives its own min and max.
    if raw is None:
        return None
    low = 0.0 if minimum is None else minimum
    high = 100.0 if maximum is None else maximum
    if high <= low:
        return None
    return max(-1.0, min(1.0, (raw - low) / (high - low)))
