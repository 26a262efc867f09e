"""Validators for the data types of both data models.

Each validator takes the value a SCO sets (a string) and returns None when it is
acceptable, or a Problem saying why not. Lengths are checked by the data model from
each element's SPM, so the validators here look only at form, vocabulary and range.
All patterns are compiled once, at import.
"""

import calendar
import re

from .durations import CMI_TIMESPAN, ISO_DURATION
from .errors import OUT_OF_RANGE, TYPE_MISMATCH, Problem

# SCORM 2004 RTE 4.1.1.6 real(10,7) and SCORM 1.2 CMIDecimal: an optional minus sign and
# decimal digits. More than 7 fractional digits are accepted: (10,7) is the precision an
# LMS must keep, not a limit on what a SCO may send.
DECIMAL = re.compile(r"-?(?:\d+(?:\.\d*)?|\.\d+)")
SIGNED_INTEGER = re.compile(r"[-+]?\d+")

# RFC 3066 language tag as SCORM 2004 RTE 4.1.1.4 language_type uses it.
LANGUAGE = re.compile(r"(?:[A-Za-z]{1,8}|[iIxX])(?:-[A-Za-z0-9]{1,8})*")

# SCORM 2004 RTE 4.1.1.3 short_identifier_type: URI characters, no whitespace. The
# delimiters "[", "]" used inside interaction patterns are left out.
SHORT_IDENTIFIER = re.compile(r"[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]+")
URN = re.compile(r"urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:\S+", re.IGNORECASE)

# SCORM 2004 RTE 4.1.1.7 time (second,10,0): YYYY[-MM[-DD[Thh[:mm[:ss[.s[TZD]]]]]]].
# A time zone designator is also accepted right after the seconds (as in the output
# of JavaScript's toISOString), and up to 6 fractional digits.
TIMESTAMP = re.compile(
    r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:\.\d{1,6})?"
    r"(?:Z|[+-](\d{2})(?::(\d{2}))?)?)?)?)?)?)?"
)

# SCORM 1.2 RTE 3.4.2 CMITime: HH:MM:SS.SS, a time of day.
CMI_TIME = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,2})?")

_WHITESPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]")


def _mismatch(message):
    return Problem(TYPE_MISMATCH, message)


def _short(value, limit=40):
    return value if len(value) <= limit else value[:limit] + "..."


def check_real(value):
    """SCORM 2004 real(10,7) / SCORM 1.2 CMIDecimal."""
    if DECIMAL.fullmatch(value) is None:
        return _mismatch(f"'{_short(value)}' is not a decimal number")
    return None


def real_in_range(minimum=None, maximum=None):
    """A validator for a real number within [minimum, maximum] (either end may be open)."""
    bounds = f"{'' if minimum is None else minimum}..{'' if maximum is None else maximum}"

    def check(value):
        if DECIMAL.fullmatch(value) is None:
            return _mismatch(f"'{_short(value)}' is not a decimal number")
        number = float(value)
        if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
            return Problem(OUT_OF_RANGE, f"{value} is outside the range {bounds}")
        return None

    return check


def real_or_blank_in_range(minimum, maximum):
    """SCORM 1.2 CMIDecimal or CMIBlank within a range (score.raw/min/max)."""
    check_number = real_in_range(minimum, maximum)

    def check(value):
        if value == "":
            return None
        return check_number(value)

    return check


def signed_integer_in_range(minimum, maximum):
    """SCORM 1.2 CMISInteger within a range (student_preference)."""

    def check(value):
        if SIGNED_INTEGER.fullmatch(value) is None:
            return _mismatch(f"'{_short(value)}' is not a signed integer")
        if len(value) > 20 or not minimum <= int(value) <= maximum:  # int() refuses thousands of digits
            return Problem(OUT_OF_RANGE, f"{_short(value)} is outside the range {minimum}..{maximum}")
        return None

    return check


def vocabulary(*words):
    """A validator accepting exactly the given words."""
    allowed = frozenset(words)
    listed = ", ".join(f"'{word}'" for word in words)

    def check(value):
        if value not in allowed:
            return _mismatch(f"'{_short(value)}' is not one of {listed}")
        return None

    return check


def vocabulary_or_real(*words):
    """Interaction result: a vocabulary word or a real number."""
    allowed = frozenset(words)
    listed = ", ".join(f"'{word}'" for word in words)

    def check(value):
        if value in allowed or DECIMAL.fullmatch(value) is not None:
            return None
        return _mismatch(f"'{_short(value)}' is neither one of {listed} nor a number")

    return check


def check_timeinterval(value):
    """SCORM 2004 timeinterval (second,10,2), an ISO 8601 duration such as PT1H2M3.45S."""
    if ISO_DURATION.fullmatch(value) is None:
        return _mismatch(f"'{_short(value)}' is not an ISO 8601 duration such as PT1H30M5.5S")
    return None


def check_timestamp(value):
    """SCORM 2004 time (second,10,0), an ISO 8601 date and time from 1970 to 2038."""
    match = TIMESTAMP.fullmatch(value)
    if match is None:
        return _mismatch(f"'{_short(value)}' is not an ISO 8601 time such as 2025-03-01T09:30:00")
    year, month, day, hour, minute, second, zone_hour, zone_minute = match.groups()
    if not 1970 <= int(year) <= 2038:
        return _mismatch(f"year {year} is outside 1970..2038")
    if month is not None and not 1 <= int(month) <= 12:
        return _mismatch(f"month {month} does not exist")
    if day is not None and not 1 <= int(day) <= calendar.monthrange(int(year), int(month))[1]:
        return _mismatch(f"day {day} does not exist in {year}-{month}")
    if hour is not None and int(hour) > 23:
        return _mismatch(f"hour {hour} does not exist")
    if (minute is not None and int(minute) > 59) or (second is not None and int(second) > 59):
        return _mismatch("minutes and seconds run from 00 to 59")
    if (zone_hour is not None and int(zone_hour) > 23) or (zone_minute is not None and int(zone_minute) > 59):
        return _mismatch("the time zone offset is not a valid hh:mm")
    return None


def check_language(value):
    """SCORM 2004 language_type; the empty string means no preference."""
    if value and LANGUAGE.fullmatch(value) is None:
        return _mismatch(f"'{_short(value)}' is not a language code such as 'vi' or 'en-US'")
    return None


def split_localized(value):
    """(language or None, text) of a localized_string_type, or a Problem."""
    if not value.startswith("{lang="):
        return None, value
    end = value.find("}")
    if end < 0:
        return _mismatch("the {lang=...} delimiter is not closed")
    language = value[6:end]
    if LANGUAGE.fullmatch(language) is None:
        return _mismatch(f"'{_short(language)}' in {{lang=...}} is not a language code")
    return language, value[end + 1 :]


def check_localized(value):
    """SCORM 2004 localized_string_type: an optional {lang=xx} delimiter, then text."""
    result = split_localized(value)
    if isinstance(result, Problem):
        return result
    return None


def check_long_identifier(value):
    """SCORM 2004 long_identifier_type.

    The standard asks for a URI. Only what would break the LMS is refused: the empty
    string, whitespace-only identifiers and malformed URNs; content from common
    authoring tools uses free-form identifiers that scorm-again accepts in the browser.
    """
    if not value.strip():
        return _mismatch("an identifier cannot be empty")
    if value[:4].lower() == "urn:" and URN.fullmatch(value) is None:
        return _mismatch(f"'{_short(value)}' is not a URN such as urn:example:item-1")
    return None


def check_short_identifier(value):
    """SCORM 2004 short_identifier_type, as used inside interaction patterns."""
    if SHORT_IDENTIFIER.fullmatch(value) is None:
        return _mismatch(f"'{_short(value)}' is not a short identifier (URI characters, no spaces)")
    return None


def check_cmi_identifier(value):
    """SCORM 1.2 CMIIdentifier: no white space or unprintable characters."""
    if not value or _WHITESPACE_OR_CONTROL.search(value):
        return _mismatch(f"'{_short(value)}' is not an identifier (non-empty, no spaces)")
    return None


def check_cmi_timespan(value):
    """SCORM 1.2 CMITimespan HHHH:MM:SS.SS."""
    if CMI_TIMESPAN.fullmatch(value) is None:
        return _mismatch(f"'{_short(value)}' is not a time span HHHH:MM:SS.SS")
    return None


def check_cmi_time(value):
    """SCORM 1.2 CMITime HH:MM:SS.SS."""
    if CMI_TIME.fullmatch(value) is None:
        return _mismatch(f"'{_short(value)}' is not a time of day HH:MM:SS.SS")
    return None
