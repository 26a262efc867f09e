"""Time spans of both versions, parsed to and formatted from whole centiseconds.

Centiseconds keep the arithmetic exact: both standards give session times to 0.01 s.
"""

import re

CENTISECONDS_PER_SECOND = 100
_MINUTE = 60 * CENTISECONDS_PER_SECOND
_HOUR = 60 * _MINUTE
_DAY = 24 * _HOUR
# ISO 8601 years and months have no fixed length; SCOs report session times in hours,
# minutes and seconds, so these conventional lengths only matter for odd inputs.
_MONTH = 30 * _DAY
_YEAR = 365 * _DAY

# SCORM 2004 RTE 4.1.1.2 timeinterval (second,10,2): P[yY][mM][dD][T[hH][nM][s[.s]S]].
# "P" alone, a bare "T", weeks and fractions other than on seconds are not allowed. Up to
# 10 digits a part (the "10" of its type: PT9999999999S is over 300 years); more could not
# be read back as a number (Python's int() refuses over 4,300 digits).
ISO_DURATION = re.compile(
    r"P(?=[\dT])(?:(\d{1,10})Y)?(?:(\d{1,10})M)?(?:(\d{1,10})D)?"
    r"(?:T(?=\d)(?:(\d{1,10})H)?(?:(\d{1,10})M)?(?:(\d{1,10})(?:\.(\d{1,2}))?S)?)?"
)

# SCORM 1.2 RTE 3.4.2 CMITimespan: HHHH:MM:SS.SS. The standard asks for 2 to 4 hour
# digits; one digit is accepted too because scorm-again accepts it in the browser, and
# refusing it here would drop the session time the SCO was told had been stored.
CMI_TIMESPAN = re.compile(r"(\d{1,4}):([0-5]\d):([0-5]\d)(?:\.(\d{1,2}))?")

_MAX_TIMESPAN = 9999 * _HOUR + 59 * _MINUTE + 59 * CENTISECONDS_PER_SECOND + 99


def _fraction_to_centiseconds(fraction):
    if not fraction:
        return 0
    return int(fraction.ljust(2, "0"))


def iso_duration_to_centiseconds(value):
    """Centiseconds in an ISO 8601 duration, or None when the value is not one."""
    match = ISO_DURATION.fullmatch(value)
    if match is None:
        return None
    years, months, days, hours, minutes, seconds, fraction = match.groups()
    return (
        int(years or 0) * _YEAR
        + int(months or 0) * _MONTH
        + int(days or 0) * _DAY
        + int(hours or 0) * _HOUR
        + int(minutes or 0) * _MINUTE
        + int(seconds or 0) * CENTISECONDS_PER_SECOND
        + _fraction_to_centiseconds(fraction)
    )


def centiseconds_to_iso_duration(centiseconds):
    """An ISO 8601 duration such as PT1H2M3.45S; hours are not folded into days."""
    hours, rest = divmod(centiseconds, _HOUR)
    minutes, rest = divmod(rest, _MINUTE)
    seconds, hundredths = divmod(rest, CENTISECONDS_PER_SECOND)
    if hundredths:
        return f"PT{hours}H{minutes}M{seconds}.{hundredths:02d}".rstrip("0") + "S"
    return f"PT{hours}H{minutes}M{seconds}S"


def cmi_timespan_to_centiseconds(value):
    """Centiseconds in a SCORM 1.2 CMITimespan, or None when the value is not one."""
    match = CMI_TIMESPAN.fullmatch(value)
    if match is None:
        return None
    hours, minutes, seconds, fraction = match.groups()
    return (
        int(hours) * _HOUR
        + int(minutes) * _MINUTE
        + int(seconds) * CENTISECONDS_PER_SECOND
        + _fraction_to_centiseconds(fraction)
    )


def centiseconds_to_cmi_timespan(centiseconds):
    """A SCORM 1.2 CMITimespan HHHH:MM:SS.SS, saturating at the format's 9999 hours."""
    centiseconds = min(centiseconds, _MAX_TIMESPAN)
    hours, rest = divmod(centiseconds, _HOUR)
    minutes, rest = divmod(rest, _MINUTE)
    seconds, hundredths = divmod(rest, CENTISECONDS_PER_SECOND)
    text = f"{hours:04d}:{minutes:02d}:{seconds:02d}"
    if hundredths:
        text += f".{hundredths:02d}"
    return text
