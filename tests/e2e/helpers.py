"""Helpers shared by the browser tests."""

import time

from scorm_player.attempts import LAUNCH_BITS
from scorm_player.models import Attempt


def commit_number(attempt):
    """Which commit of the page launched last the attempt holds: 1 for its first, 0 if none."""
    return max(0, attempt.sequence - (attempt.launches << LAUNCH_BITS))


def wait_for_attempt(predicate, *, timeout=20, what="the attempt"):
    """Poll the database until the newest attempt satisfies `predicate`; return it."""
    deadline = time.monotonic() + timeout
    attempt = None
    while time.monotonic() < deadline:
        attempt = Attempt.objects.order_by("-pk").first()
        if attempt is not None and predicate(attempt):
            return attempt
        time.sleep(0.1)
    state = attempt.state if attempt else None
    raise AssertionError(f"{what} was not saved within {timeout}s; last attempt state: {state!r}")


# The learner turns to another tab or app (the page is hidden), and back.
HIDE_PAGE = """() => {
    Object.defineProperty(document, "visibilityState", {value: "hidden", configurable: true});
    document.dispatchEvent(new Event("visibilitychange"));
}"""
SHOW_PAGE = """() => {
    delete document.visibilityState;
    document.dispatchEvent(new Event("visibilitychange"));
}"""
