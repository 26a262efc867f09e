"""A per-client counter in Django's cache (Redis when CACHE_URL is set, shared by every web
process; per-process memory otherwise): N requests a minute per client and purpose
(certificate lookups, sign-in, sign-up), then refused."""

from django.conf import settings
from django.core.cache import cache


def client_address(request):
    # Behind the HTTPS proxy the client is the first X-Forwarded-For hop the proxy set.
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "unknown")


def allow(request, *, scope, limit, window_seconds=60):
    """Count this request; False once the client made more than `limit` in the window that
    began with its first counted request. (A window fixed to the clock would let a burst
    straddling its edge through twice.)"""
    key = f"ratelimit:{scope}:{client_address(request)}"
    # The window starts when the key is added; incrementing keeps its expiry.
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count <= limit
