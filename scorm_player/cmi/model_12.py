"""The SCORM 1.2 run-time data model (RTE section 3.4), as a table.

Each element with its access, type check and maximum size. In 1.2 the interactions
are a journal: their elements are write-only, only _count and _children can be read.
"""

from .responses import check_response_12
from .schema import READ_ONLY, READ_WRITE, WRITE_ONLY, Array, Group, Leaf
from .types import (
    check_cmi_identifier,
    check_cmi_time,
    check_cmi_timespan,
    check_real,
    real_or_blank_in_range,
    signed_integer_in_range,
    vocabulary,
    vocabulary_or_real,
)

DATA_MODEL_VERSION = "3.4"

SUSPEND_DATA_MAXIMUM = 4096
STRING_255 = 255
STRING_4096 = 4096

# RTE 3.4.2.2: the SCO may set every lesson_status but "not attempted", which only the
# LMS gives before the first launch.
LESSON_STATUSES_SET_BY_SCO = ("passed", "completed", "failed", "incomplete", "browsed")
OBJECTIVE_STATUSES = LESSON_STATUSES_SET_BY_SCO + ("not attempted",)

INTERACTION_TYPES = (
    "true-false",
    "choice",
    "fill-in",
    "matching",
    "performance",
    "sequencing",
    "likert",
    "numeric",
)

# RTE 3.4.2.2 score.raw/min/max: CMIDecimal or CMIBlank, normalised to 0..100.
check_score = real_or_blank_in_range(0, 100)


def _score(key):
    return Group(
        key,
        (
            Leaf("raw", READ_WRITE, check_score),
            Leaf("min", READ_WRITE, check_score),
            Leaf("max", READ_WRITE, check_score),
        ),
        has_children_keyword=True,
    )


def _pattern_rules(model, value, holder, ancestors, items, index):
    return check_response_12(ancestors[-2].get("type"), value)


def _student_response_rules(model, value, holder, ancestors, items, index):
    return check_response_12(holder.get("type"), value)


CMI = Group(
    "cmi",
    (
        Group(
            "core",
            (
                Leaf("student_id", READ_ONLY),
                Leaf("student_name", READ_ONLY),
                Leaf("lesson_location", READ_WRITE, spm=STRING_255),
                Leaf("credit", READ_ONLY, default="credit"),
                Leaf(
                    "lesson_status",
                    READ_WRITE,
                    vocabulary(*LESSON_STATUSES_SET_BY_SCO),
                    default="not attempted",
                ),
                Leaf("entry", READ_ONLY, default="", set_at_launch=True),
                _score("score"),
                Leaf("total_time", READ_ONLY, default="0000:00:00", adds_session_time=True),
                Leaf("lesson_mode", READ_ONLY, default="normal"),
                Leaf("exit", WRITE_ONLY, vocabulary("time-out", "suspend", "logout", "")),
                Leaf("session_time", WRITE_ONLY, check_cmi_timespan),
            ),
            has_children_keyword=True,
        ),
        Leaf("suspend_data", READ_WRITE, spm=SUSPEND_DATA_MAXIMUM, is_suspend_data=True),
        Leaf("launch_data", READ_ONLY),
        Leaf("comments", READ_WRITE, spm=STRING_4096),
        Leaf("comments_from_lms", READ_ONLY),
        Array(
            "objectives",
            (
                Leaf("id", READ_WRITE, check_cmi_identifier, spm=STRING_255),
                _score("score"),
                Leaf("status", READ_WRITE, vocabulary(*OBJECTIVE_STATUSES)),
            ),
            has_children_keyword=True,
        ),
        Group(
            "student_data",
            (
                Leaf("mastery_score", READ_ONLY),
                Leaf("max_time_allowed", READ_ONLY),
                Leaf("time_limit_action", READ_ONLY),
            ),
            has_children_keyword=True,
        ),
        Group(
            "student_preference",
            (
                Leaf("audio", READ_WRITE, signed_integer_in_range(-1, 100), default=""),
                Leaf("language", READ_WRITE, spm=STRING_255, default=""),
                Leaf("speed", READ_WRITE, signed_integer_in_range(-100, 100), default=""),
                Leaf("text", READ_WRITE, signed_integer_in_range(-1, 1), default=""),
            ),
            has_children_keyword=True,
        ),
        Array(
            "interactions",
            (
                Leaf("id", WRITE_ONLY, check_cmi_identifier, spm=STRING_255),
                Array("objectives", (Leaf("id", WRITE_ONLY, check_cmi_identifier, spm=STRING_255),)),
                Leaf("time", WRITE_ONLY, check_cmi_time),
                Leaf("type", WRITE_ONLY, vocabulary(*INTERACTION_TYPES)),
                Array(
                    "correct_responses",
                    (Leaf("pattern", WRITE_ONLY, spm=STRING_255, context_check=_pattern_rules),),
                ),
                Leaf("weighting", WRITE_ONLY, check_real),
                Leaf("student_response", WRITE_ONLY, spm=STRING_255, context_check=_student_response_rules),
                Leaf("result", WRITE_ONLY, vocabulary_or_real("correct", "wrong", "unanticipated", "neutral")),
                Leaf("latency", WRITE_ONLY, check_cmi_timespan),
            ),
            has_children_keyword=True,
            first_fields=("id", "type"),
        ),
    ),
    version_keyword=DATA_MODEL_VERSION,
)

ROOT = Group("", (CMI,))
