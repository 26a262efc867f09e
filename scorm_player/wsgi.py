"""Commits go from the WSGI server straight to their answer, ahead of Django's handler.

A learner's browser commits every few seconds, and a commit needs no session, user,
CSRF check, URL resolving or response object: it is authenticated by the signed attempt
token in its URL, its body is JSON and so is its answer. Django's handler and the
security middlewares cost the app more CPU than the commit's own work, so
`config.wsgi` wraps Django's application in `CommitRoute`, which keeps of the handler
what a commit needs:

- what the `request_started` / `request_finished` signals do for a request: database
  connections checked and closed when unusable or obsolete. While only Django's own
  receivers listen, the route does that itself (`_RequestSignals`); otherwise it sends the
  signals;
- the headers the security middlewares add to every response, computed by those
  middlewares;
- error messages in the player's language (`views.learners_language`);
- an unexpected error logged as Django logs it and answered 500 (the player keeps the
  commit and sends it again).

Anything else (another method, no Content-Length, plain HTTP when HTTPS is required) goes
to Django, where the same view answers.
"""

import functools
import logging
import weakref
from http import HTTPStatus
from urllib.parse import parse_qs

from django.conf import settings
from django.core.cache import close_caches
from django.core.handlers.base import reset_urlconf
from django.core.handlers.wsgi import get_script_name
from django.core.signals import got_request_exception, request_finished, request_started, setting_changed
from django.db import close_old_connections, reset_queries
from django.http import HttpResponse
from django.http.cookie import parse_cookie
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.security import SecurityMiddleware
from django.urls import get_script_prefix, reverse, set_script_prefix
from django.utils import translation
from django.utils.translation import gettext_lazy

from .views import commit_answer, commit_json, commit_too_large, learners_language

logger = logging.getLogger("django.request")


class CommitRoute:
    """WSGI middleware: a POST to a commit URL is answered here, anything else by `application`."""

    def __init__(self, application):
        self.application = application
        self.prefix = None

    def __call__(self, environ, start_response):
        token, length = self._commit_request(environ)
        if token is None:
            return self.application(environ, start_response)
        set_script_prefix(get_script_name(environ))
        signals = _RequestSignals()
        signals.started(environ)
        too_large = length > settings.SCORM_MAX_COMMIT_BYTES
        try:
            if too_large:
                status, payload = commit_too_large()
            else:
                status, payload = commit_answer(token=token, body=environ["wsgi.input"].read(length))
            if status != 200:
                translation.activate(_language(environ))
                logger.warning("%s: %s", HTTPStatus(status).phrase, self._route(), extra={"status_code": status})
            body = commit_json(payload)
        except Exception:
            status, body = self._server_error(environ)
        headers = [
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(body))),
            *_security_headers(_is_secure(environ)),
        ]
        if too_large:
            headers.append(("Connection", "close"))  # its body was not read
        start_response(f"{status} {HTTPStatus(status).phrase}", headers)
        return _Answer(body, signals)

    def _commit_request(self, environ):
        """(token, Content-Length) of a commit this route answers, else (None, None)."""
        if self.prefix is None:
            # Built from the URLconf on the first request (it cannot be loaded earlier).
            self.prefix = reverse("scorm_player:commit", args=["-"])[len(get_script_prefix()) - 1:-2]
        path = environ.get("PATH_INFO", "")
        if environ.get("REQUEST_METHOD") != "POST" or not path.startswith(self.prefix):
            return None, None
        token = path[len(self.prefix):]
        if not token.endswith("/") or "/" in token[:-1] or len(token) < 2:
            return None, None
        if settings.SECURE_SSL_REDIRECT and not _is_secure(environ):
            return None, None  # Django's SecurityMiddleware redirects it
        try:
            length = int(environ.get("CONTENT_LENGTH") or "")
        except ValueError:
            return None, None  # no length (a chunked body): left to Django like any other request
        if length < 0:
            return None, None
        return token[:-1], length

    def _route(self):
        # For the logs: the token in the path is a bearer credential.
        return f"{self.prefix}…/"

    def _server_error(self, environ):
        logger.error("Internal Server Error: %s", self._route(), exc_info=True, extra={"status_code": 500})
        got_request_exception.send(sender=self.__class__, request=None)
        translation.activate(_language(environ))
        payload = {"result": "false", "errorCode": 391, "message": _SERVER_ERROR, "errors": []}
        return 500, commit_json(payload)


_SERVER_ERROR = gettext_lazy("The server could not save your progress just now. It will try again.")


class _Answer(list):
    """The answer's body; the server closes it once sent, which ends the request for Django."""

    def __init__(self, body, signals):
        super().__init__((body,))
        self.signals = signals

    def close(self):
        self.signals.finished()


class _RequestSignals:
    """The start and end of a commit's request, as the request signals tell them.

    Of what Django's own receivers do, a commit needs its database connection closed when
    unusable or obsolete: outside DEBUG no queries are logged, and a commit's own work uses
    no cache and sets no URLconf. While those receivers are the only ones (as connected
    when Django starts), the route closes the connections itself: sending the signals cost
    a commit about a tenth of its CPU. Under DEBUG, with any other receiver, or with one of
    Django's disconnected (as the test clients do to keep a test's transaction), the
    signals are sent as for any request.
    """

    def __init__(self):
        self.sent = settings.DEBUG or not all(
            _receivers(signal) == djangos for signal, djangos in _DJANGOS_RECEIVERS.items()
        )

    def started(self, environ):
        if self.sent:
            request_started.send(sender=CommitRoute, environ=environ)
        else:
            close_old_connections()

    def finished(self):
        if self.sent:
            request_finished.send(sender=CommitRoute)
        else:
            close_old_connections()


_DJANGOS_RECEIVERS = {
    request_started: {reset_queries, close_old_connections},
    request_finished: {close_old_connections, close_caches, reset_urlconf},
}


def _receivers(signal):
    # Each entry holds its receiver weakly (a weak reference) unless connected with weak=False.
    return {
        receiver() if isinstance(receiver, weakref.ReferenceType) else receiver
        for _key, receiver, *_rest in signal.receivers
    }


def _language(environ):
    spoken = parse_qs(environ.get("QUERY_STRING", "")).get("lang", [None])[0]
    return learners_language(parse_cookie(environ.get("HTTP_COOKIE", "")), spoken=spoken)


def _is_secure(environ):
    # As HttpRequest.scheme: the proxy's header when one is trusted, else the server's scheme.
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure_value = settings.SECURE_PROXY_SSL_HEADER
        value = environ.get(header)
        if value is not None:
            return value.split(",", 1)[0].strip() == secure_value
    return environ.get("wsgi.url_scheme") == "https"


class _SchemeOnly:
    def __init__(self, secure):
        self.secure = secure

    def is_secure(self):
        return self.secure


@functools.cache
def _security_headers(secure):
    """What SecurityMiddleware and XFrameOptionsMiddleware add to a JSON response (HSTS,
    nosniff, referrer and opener policies, frame options), worked out by the middlewares."""
    response = HttpResponse(content_type="application/json")
    request = _SchemeOnly(secure)
    SecurityMiddleware(lambda request: response).process_response(request, response)
    XFrameOptionsMiddleware(lambda request: response).process_response(request, response)
    return tuple((name, value) for name, value in response.items() if name != "Content-Type")


def _forget_security_headers(**kwargs):
    _security_headers.cache_clear()


setting_changed.connect(_forget_security_headers, dispatch_uid="scorm_player.wsgi.security_headers")
