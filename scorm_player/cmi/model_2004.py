"""The SCORM 2004 4th edition run-time data model (RTE book, section 4.2), as a table.

Each element with its access, type check, SPM and default. Section numbers in the
comments are those of the RTE book.
"""

import re

from .errors import DEPENDENCY, SET_FAILURE, TYPE_MISMATCH, Problem
from .responses import (
    CORRECT_RESPONSE_LIMITS,
    INTERACTION_TYPES,
    check_correct_response,
    check_learner_response,
)
from .rules import evaluate_completion_status, evaluate_success_status
from .schema import READ_ONLY, READ_WRITE, WRITE_ONLY, Array, Group, Leaf, Targets, Unimplemented
from .types import (
    check_language,
    check_localized,
    check_long_identifier,
    check_real,
    check_timeinterval,
    check_timestamp,
    real_in_range,
    vocabulary,
    vocabulary_or_real,
)

DATA_MODEL_VERSION = "1.0"

SUSPEND_DATA_SPM = 64000
LOCATION_SPM = 1000

COMPLETION_STATUSES = ("completed", "incomplete", "not attempted", "unknown")
SUCCESS_STATUSES = ("passed", "failed", "unknown")

check_completion_status = vocabulary(*COMPLETION_STATUSES)
check_success_status = vocabulary(*SUCCESS_STATUSES)
check_scaled_score = real_in_range(-1, 1)
check_progress_measure = real_in_range(0, 1)
check_non_negative = real_in_range(0, None)


def _objective_id_rules(model, value, holder, ancestors, items, index):
    # RTE 4.2.17: objective ids are unique within cmi.objectives and, once set,
    # cannot change (global objectives are mapped by id).
    current = holder.get("id")
    if current is not None and current != value:
        return Problem(SET_FAILURE, f"objective id '{current}' cannot be changed once set")
    return _unique_id(value, items, index, "cmi.objectives")


def _interaction_objective_id_rules(model, value, holder, ancestors, items, index):
    # RTE 4.2.9: ids in cmi.interactions.n.objectives are unique within the interaction.
    return _unique_id(value, items, index, "this interaction's objectives")


def _unique_id(value, items, index, where):
    for position, item in enumerate(items):
        if position != index and item.get("id") == value:
            return Problem(SET_FAILURE, f"id '{value[:40]}' is already used at index {position} of {where}")
    return None


def _interaction_type(interaction):
    return interaction.get("type")


def _correct_response_rules(model, value, holder, ancestors, items, index):
    # RTE 4.2.9.1: the pattern format depends on the interaction type, which must be
    # set first (408); some types allow a single pattern (351 beyond it).
    interaction_type = _interaction_type(ancestors[-2])
    if interaction_type is None:
        return Problem(DEPENDENCY, "set cmi.interactions.n.type before its correct_responses")
    limit = CORRECT_RESPONSE_LIMITS.get(interaction_type)
    if limit is not None and index >= limit:
        return Problem(SET_FAILURE, f"a {interaction_type} interaction has at most {limit} correct response pattern")
    if interaction_type == "choice" and any(
        other.get("pattern") == value for position, other in enumerate(items) if position != index
    ):
        # Each of a choice's correct responses is another set of choices (as scorm-again checks).
        return Problem(SET_FAILURE, "this choice interaction has that correct response pattern already")
    return check_correct_response(interaction_type, value, model.spm_factor)


def _learner_response_rules(model, value, holder, ancestors, items, index):
    # RTE 4.2.9.2: the response format depends on the interaction type, set first.
    interaction_type = _interaction_type(holder)
    if interaction_type is None:
        return Problem(DEPENDENCY, "set cmi.interactions.n.type before its learner_response")
    return check_learner_response(interaction_type, value, model.spm_factor)


def _score(key):
    # RTE 4.2.20 cmi.score and 4.2.17 cmi.objectives.n.score.
    return Group(
        key,
        (
            Leaf("scaled", READ_WRITE, check_scaled_score),
            Leaf("raw", READ_WRITE, check_real),
            Leaf("min", READ_WRITE, check_real),
            Leaf("max", READ_WRITE, check_real),
        ),
        has_children_keyword=True,
    )


def _comment_fields(access):
    # RTE 4.2.1 / 4.2.2 comments_from_learner.n and comments_from_lms.n.
    return (
        Leaf("comment", access, check_localized, spm=4000),
        Leaf("location", access, spm=250),
        Leaf("timestamp", access, check_timestamp),
    )


CMI = Group(
    "cmi",
    (
        Array("comments_from_learner", _comment_fields(READ_WRITE), has_children_keyword=True),
        Array("comments_from_lms", _comment_fields(READ_ONLY), has_children_keyword=True),
        # RTE 4.2.4: GetValue returns the status evaluated against completion_threshold.
        Leaf(
            "completion_status",
            READ_WRITE,
            check_completion_status,
            default="unknown",
            evaluate=evaluate_completion_status,
        ),
        Leaf("completion_threshold", READ_ONLY),
        Leaf("credit", READ_ONLY, default="credit"),
        Leaf("entry", READ_ONLY, default="", set_at_launch=True),
        Leaf("exit", WRITE_ONLY, vocabulary("time-out", "suspend", "logout", "normal", "")),
        Array(
            "interactions",
            (
                Leaf("id", READ_WRITE, check_long_identifier, spm=4000),
                Leaf("type", READ_WRITE, vocabulary(*INTERACTION_TYPES)),
                Array(
                    "objectives",
                    (
                        Leaf(
                            "id",
                            READ_WRITE,
                            check_long_identifier,
                            spm=4000,
                            context_check=_interaction_objective_id_rules,
                        ),
                    ),
                    key_field="id",
                ),
                Leaf("timestamp", READ_WRITE, check_timestamp),
                Array(
                    "correct_responses",
                    (Leaf("pattern", READ_WRITE, context_check=_correct_response_rules),),
                    key_field="pattern",
                ),
                Leaf("weighting", READ_WRITE, check_real),
                Leaf("learner_response", READ_WRITE, context_check=_learner_response_rules),
                Leaf(
                    "result",
                    READ_WRITE,
                    vocabulary_or_real("correct", "incorrect", "unanticipated", "neutral"),
                ),
                Leaf("latency", READ_WRITE, check_timeinterval),
                Leaf("description", READ_WRITE, check_localized, spm=250),
            ),
            has_children_keyword=True,
            key_field="id",
            first_fields=("id", "type"),
        ),
        Leaf("launch_data", READ_ONLY, spm=4000),
        Leaf("learner_id", READ_ONLY, spm=4000),
        Leaf("learner_name", READ_ONLY, spm=250),
        # RTE 4.2.12: defaults 1, "", 1, 0.
        Group(
            "learner_preference",
            (
                Leaf("audio_level", READ_WRITE, check_non_negative, default="1"),
                Leaf("language", READ_WRITE, check_language, spm=250, default=""),
                Leaf("delivery_speed", READ_WRITE, check_non_negative, default="1"),
                Leaf("audio_captioning", READ_WRITE, vocabulary("-1", "0", "1"), default="0"),
            ),
            has_children_keyword=True,
        ),
        Leaf("location", READ_WRITE, spm=LOCATION_SPM),
        Leaf("max_time_allowed", READ_ONLY),
        Leaf("mode", READ_ONLY, default="normal"),
        Array(
            "objectives",
            (
                Leaf("id", READ_WRITE, check_long_identifier, spm=4000, context_check=_objective_id_rules),
                _score("score"),
                Leaf("success_status", READ_WRITE, check_success_status, default="unknown"),
                Leaf("completion_status", READ_WRITE, check_completion_status, default="unknown"),
                Leaf("progress_measure", READ_WRITE, check_progress_measure),
                Leaf("description", READ_WRITE, check_localized, spm=250),
            ),
            has_children_keyword=True,
            key_field="id",
        ),
        Leaf("progress_measure", READ_WRITE, check_progress_measure),
        Leaf("scaled_passing_score", READ_ONLY),
        _score("score"),
        Leaf("session_time", WRITE_ONLY, check_timeinterval),
        # RTE 4.2.22: GetValue returns the status evaluated against scaled_passing_score.
        Leaf(
            "success_status",
            READ_WRITE,
            check_success_status,
            default="unknown",
            evaluate=evaluate_success_status,
        ),
        Leaf("suspend_data", READ_WRITE, spm=SUSPEND_DATA_SPM, is_suspend_data=True),
        Leaf("time_limit_action", READ_ONLY, default="continue,no message"),
        Leaf("total_time", READ_ONLY, default="PT0H0M0S", adds_session_time=True),
    ),
    version_keyword=DATA_MODEL_VERSION,
)

# SCORM 2004 4th ed. RTE 4.3 (ADL navigation data model) and 4.4 (adl.data, shared data
# stores, not implemented: it needs data stores declared in the manifest).
NAV_REQUESTS = (
    "continue",
    "previous",
    "exit",
    "exitAll",
    "abandon",
    "abandonAll",
    "suspendAll",
    "_none_",
)
_NAV_REQUEST_WORDS = frozenset(NAV_REQUESTS)
# SN book 4.4.2: choice and jump name their target activity: {target=ID}choice.
_TARGETED_NAV_REQUEST = re.compile(r"\{target=[^{}\s]+\}(?:choice|jump)")


def check_nav_request(value):
    """adl.nav.request: a navigation request word or {target=ID}choice / {target=ID}jump."""
    if value in _NAV_REQUEST_WORDS or _TARGETED_NAV_REQUEST.fullmatch(value) is not None:
        return None
    return Problem(TYPE_MISMATCH, f"'{value[:40]}' is not a navigation request")


ADL = Group(
    "adl",
    (
        Group(
            "nav",
            (
                Leaf("request", READ_WRITE, check_nav_request, default="_none_"),
                Group(
                    "request_valid",
                    (
                        Leaf("continue", READ_ONLY, default="unknown"),
                        Leaf("previous", READ_ONLY, default="unknown"),
                        Targets("choice", default="unknown"),
                        Targets("jump", default="unknown"),
                    ),
                ),
            ),
        ),
        Unimplemented("data"),
    ),
)

ROOT = Group("", (CMI, ADL))
