"""Interaction correct-response patterns and learner responses, checked per interaction type.

SCORM 2004 4th ed. RTE 4.2.9.1 (correct_responses.n.pattern) and 4.2.9.2
(learner_response) give a format for each interaction type. Sizes are the standard's
SPMs times the LMS's factor.
"""

from .errors import TYPE_MISMATCH, Problem
from .types import DECIMAL, check_short_identifier, split_localized

LIST_DELIMITER = "[,]"
RECORD_DELIMITER = "[.]"
RANGE_DELIMITER = "[:]"

SHORT_IDENTIFIER_SPM = 250
FILL_IN_STRING_SPM = 250
LONG_FILL_IN_SPM = 4000
OTHER_SPM = 4000
PERFORMANCE_ANSWER_SPM = 250

INTERACTION_TYPES = (
    "true-false",
    "choice",
    "fill-in",
    "long-fill-in",
    "matching",
    "performance",
    "sequencing",
    "likert",
    "numeric",
    "other",
)

# SCORM 2004 RTE Table 4.2.9.1a: these types allow exactly one correct response pattern;
# setting a second one is a General Set Failure (351).
CORRECT_RESPONSE_LIMITS = {"true-false": 1, "likert": 1, "numeric": 1, "other": 1}

_TRUE_FALSE = frozenset(("true", "false"))
_BOOLEAN_WORDS = ("true", "false")


def _mismatch(interaction_type, message):
    return Problem(TYPE_MISMATCH, f"{interaction_type}: {message}")


def _strip_flags(value, allowed_flags):
    """Remove leading {case_matters=..}/{order_matters=..} delimiters; return the rest or a Problem."""
    seen = set()
    while value.startswith("{"):
        end = value.find("}")
        if end < 0:
            return None
        name, _, flag = value[1:end].partition("=")
        if name not in allowed_flags or name in seen:
            break
        if flag not in _BOOLEAN_WORDS:
            return None
        seen.add(name)
        value = value[end + 1 :]
    return value


def _check_short_identifiers(interaction_type, items, factor):
    limit = SHORT_IDENTIFIER_SPM * factor
    for item in items:
        if len(item) > limit:
            return _mismatch(interaction_type, f"identifier longer than {limit} characters")
        if check_short_identifier(item) is not None:
            return _mismatch(interaction_type, f"'{item[:40]}' is not a short identifier")
    return None


def _check_localized_strings(interaction_type, items, spm, factor):
    limit = spm * factor
    for item in items:
        result = split_localized(item)
        if isinstance(result, Problem):
            return _mismatch(interaction_type, result.diagnostic)
        if len(result[1]) > limit:
            return _mismatch(interaction_type, f"text longer than {limit} characters")
    return None


def _check_records(interaction_type, value, check_answer):
    for record in value.split(LIST_DELIMITER):
        if RECORD_DELIMITER not in record:
            return _mismatch(interaction_type, f"'{record[:40]}' is not a source[.]target record")
        first, second = record.split(RECORD_DELIMITER, 1)
        problem = check_answer(first, second)
        if problem is not None:
            return problem
    return None


def _check_matching(value, factor):
    def check(source, target):
        return _check_short_identifiers("matching", (source, target), factor)

    return _check_records("matching", value, check)


def _check_performance(value, factor, allow_range):
    def check(step_name, step_answer):
        if not step_name and not step_answer:
            return _mismatch("performance", "a step needs a name or an answer")
        if step_name and _check_short_identifiers("performance", (step_name,), factor):
            return _mismatch("performance", f"'{step_name[:40]}' is not a short identifier")
        if RECORD_DELIMITER in step_answer:
            return _mismatch("performance", "a step answer cannot contain [.]")
        if RANGE_DELIMITER in step_answer:
            if not allow_range:
                return _mismatch("performance", "a learner's step answer cannot be a range")
            return _check_numeric_range("performance", step_answer)
        if len(step_answer) > PERFORMANCE_ANSWER_SPM * factor:
            return _mismatch("performance", "step answer too long")
        return None

    return _check_records("performance", value, check)


def _check_numeric_range(interaction_type, value):
    low, _, high = value.partition(RANGE_DELIMITER)
    for bound in (low, high):
        if bound and DECIMAL.fullmatch(bound) is None:
            return _mismatch(interaction_type, f"'{bound[:40]}' is not a number")
    if low and high and float(low) > float(high):
        return _mismatch(interaction_type, f"range {low}[:]{high} has its minimum above its maximum")
    return None


def check_correct_response(interaction_type, pattern, factor):
    """SCORM 2004 RTE 4.2.9.1: the correct response pattern for the interaction type."""
    if interaction_type == "true-false":
        if pattern not in _TRUE_FALSE:
            return _mismatch(interaction_type, "the pattern is 'true' or 'false'")
        return None
    if interaction_type == "choice":
        return _check_choice(pattern, factor)
    if interaction_type == "fill-in":
        rest = _strip_flags(pattern, ("case_matters", "order_matters"))
        if rest is None:
            return _mismatch(interaction_type, "malformed {case_matters=..} or {order_matters=..}")
        return _check_localized_strings(interaction_type, rest.split(LIST_DELIMITER), FILL_IN_STRING_SPM, factor)
    if interaction_type == "long-fill-in":
        rest = _strip_flags(pattern, ("case_matters",))
        if rest is None:
            return _mismatch(interaction_type, "malformed {case_matters=..}")
        return _check_localized_strings(interaction_type, (rest,), LONG_FILL_IN_SPM, factor)
    if interaction_type == "likert":
        return _check_short_identifiers(interaction_type, (pattern,), factor)
    if interaction_type == "matching":
        return _check_matching(pattern, factor)
    if interaction_type == "performance":
        rest = _strip_flags(pattern, ("order_matters",))
        if rest is None:
            return _mismatch(interaction_type, "malformed {order_matters=..}")
        return _check_performance(rest, factor, allow_range=True)
    if interaction_type == "sequencing":
        return _check_short_identifiers(interaction_type, pattern.split(LIST_DELIMITER), factor)
    if interaction_type == "numeric":
        if RANGE_DELIMITER in pattern:
            return _check_numeric_range(interaction_type, pattern)
        if DECIMAL.fullmatch(pattern) is None:
            return _mismatch(interaction_type, "the pattern is min[:]max or a number")
        return None
    if len(pattern) > OTHER_SPM * factor:
        return _mismatch(interaction_type, f"longer than {OTHER_SPM * factor} characters")
    return None


def check_learner_response(interaction_type, response, factor):
    """SCORM 2004 RTE 4.2.9.2: the learner response for the interaction type."""
    if interaction_type == "true-false":
        if response not in _TRUE_FALSE:
            return _mismatch(interaction_type, "the response is 'true' or 'false'")
        return None
    if interaction_type == "choice":
        return _check_choice(response, factor)
    if interaction_type == "fill-in":
        return _check_localized_strings(interaction_type, response.split(LIST_DELIMITER), FILL_IN_STRING_SPM, factor)
    if interaction_type == "long-fill-in":
        return _check_localized_strings(interaction_type, (response,), LONG_FILL_IN_SPM, factor)
    if interaction_type == "likert":
        return _check_short_identifiers(interaction_type, (response,), factor)
    if interaction_type == "matching":
        return _check_matching(response, factor)
    if interaction_type == "performance":
        return _check_performance(response, factor, allow_range=False)
    if interaction_type == "sequencing":
        return _check_short_identifiers(interaction_type, response.split(LIST_DELIMITER), factor)
    if interaction_type == "numeric":
        if DECIMAL.fullmatch(response) is None:
            return _mismatch(interaction_type, "the response is a number")
        return None
    if len(response) > OTHER_SPM * factor:
        return _mismatch(interaction_type, f"longer than {OTHER_SPM * factor} characters")
    return None


def _check_choice(value, factor):
    # A choice pattern or response is a set: possibly empty, without repeats.
    if value == "":
        return None
    choices = value.split(LIST_DELIMITER)
    if len(set(choices)) != len(choices):
        return _mismatch("choice", "the same choice appears twice")
    return _check_short_identifiers("choice", choices, factor)


# SCORM 1.2 RTE 3.4.2.7: the per-type formats of student_response and patterns are only
# enforced where they are unambiguous. Authoring tools routinely send words where the
# standard asks for single characters, scorm-again accepts them, and refusing them on
# the server would drop answers the SCO was told had been stored.
_TRUE_FALSE_12 = frozenset(("0", "1", "t", "f", "true", "false"))


def check_response_12(interaction_type, value):
    """SCORM 1.2 student_response / correct_responses.n.pattern, where the type makes it checkable."""
    if interaction_type == "true-false" and value not in _TRUE_FALSE_12:
        return _mismatch(interaction_type, "the response is 0, 1, t or f")
    if interaction_type == "numeric" and value != "" and DECIMAL.fullmatch(value) is None:
        return _mismatch(interaction_type, "the response is a number")
    return None
