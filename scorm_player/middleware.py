"""Package files skip the middleware stack.

A learner's browser fetches every file of a package through the content view, which
needs no session lookup, user, CSRF check, messages or locale: a content URL carries the
player's signed proof of access, bound to the session cookie (compared, and looked up only
for a recheck once a minute). Put this middleware first: it sends that URL shape straight to the
view, keeping only what the security middlewares would add to the response. (Commits,
the other hot request, are answered before Django's handler: see `scorm_player.wsgi`.)
"""

from django.http import Http404, HttpResponseNotFound
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.security import SecurityMiddleware
from django.urls import reverse
from django.utils import translation

from . import views


class ContentFastPathMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.content_prefix = None
        # Same headers (HSTS, nosniff, referrer policy, SSL redirect, frame options) as the full stack.
        self.security = SecurityMiddleware(get_response)
        self.frame_options = XFrameOptionsMiddleware(get_response)

    def _prefixes(self):
        # Built from the URLconf on the first request (the URLconf cannot be loaded earlier).
        self.content_prefix = reverse("scorm_player:content", args=[1, "-", "-"]).rsplit("1/-/-", 1)[0]

    def __call__(self, request):
        if self.content_prefix is None:
            self._prefixes()
        path = request.path_info
        if path.startswith(self.content_prefix):
            version_id, _, rest = path[len(self.content_prefix):].partition("/")
            token, _, file_path = rest.partition("/")
            if version_id.isascii() and version_id.isdigit() and token and file_path:
                return self._serve(request, views.content, version_id=int(version_id), token=token, path=file_path)
        return self.get_response(request)

    def _serve(self, request, view, **kwargs):
        # Error pages speak the player's language.
        translation.activate(views.learners_language(request.COOKIES))
        response = self.security.process_request(request)
        if response is None:
            try:
                response = view(request, **kwargs)
            except Http404:
                response = HttpResponseNotFound()
        response = self.security.process_response(request, response)
        return self.frame_options.process_response(request, response)
