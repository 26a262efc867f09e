"""The per-client rate limit: its window begins with the client's first request."""

import time

from django.test import RequestFactory

from config import ratelimit


def _request(address="203.0.113.7"):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def test_a_burst_is_refused_within_the_window_that_began_with_its_first_request():
    allowed = [ratelimit.allow(_request(), scope="test", limit=3, window_seconds=2) for _ in range(5)]

    assert allowed == [True, True, True, False, False]
    # Another client has its own count.
    assert ratelimit.allow(_request("198.51.100.1"), scope="test", limit=3, window_seconds=2)


def test_the_count_starts_again_once_the_window_is_over():
    for _ in range(3):
        ratelimit.allow(_request(), scope="test", limit=2, window_seconds=1)
    assert not ratelimit.allow(_request(), scope="test", limit=2, window_seconds=1)

    time.sleep(1.2)

    assert ratelimit.allow(_request(), scope="test", limit=2, window_seconds=1)
