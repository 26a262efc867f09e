"""HTTP in and out of the SCORM runtime: the player page, package content, commits."""

import functools
import json
import logging
import time
import unicodedata
import zlib

import orjson
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST, require_safe

from .access import can_play, session_still_may_play
from .attempts import CommitRefused, attempt_commit, attempt_launch, kept_commit_token
from .content import StorageUnavailable, content_response, content_token, content_token_expiry, content_token_read
from .models import PackageVersion
from .navigation import NavigationRefused, sequencing_launch, sequencing_navigate, sequencing_view, toc_12, uses_sequencing
from .selectors import attempt_stored_now, closed_attempt_ids
from .sequencing_engine import NAVIGATION_REQUESTS

logger = logging.getLogger(__name__)


def _player_messages():
    return {
        "offline": _("You are offline. Your progress is kept on this device and will be saved when the connection returns."),
        "replaying": _("Saving the progress you made offline. The module opens as soon as it is saved."),
        "saved": _("Progress saved."),
        "review": _("Review: what you do here does not change your result."),
        "superseded": _("This module is open in another tab or window, which saved newer progress. What you did here was not saved: continue there, or reload this page."),
        "failed": _("Your progress could not be saved. Please check your connection."),
        "navigating": _("Opening…"),
        "savingBeforeNavigation": _("Your progress is not saved yet: it is kept on this device. The next part opens as soon as it is saved."),
        "connectionLost": _("The connection was lost. The module goes on as soon as it returns."),
        "finishedElsewhere": _("You finished this module in another tab or on another device. Reload the page to start it again."),
        "wentOnElsewhere": _("You went on in another tab or on another device: the module goes on from there."),
        "slowLink": _("The connection is slow: your progress is kept on this device and saved in the background."),
    }


def learners_language(cookies, page=None, spoken=None):
    """What the player speaks (its pages, its commits' and files' errors): `spoken`, the
    language its page spoke (its commit URL says it), else the language of the site's
    page that opened it (`page`: /en/… is English, a path without a prefix Vietnamese),
    else the one the learner chose on the site (its cookie), else Vietnamese, as the
    site's pages without a prefix. Not the browser's: an office PC set to English shows
    the Vietnamese site."""
    spoken = _supported(spoken)
    if spoken:
        return spoken
    if page:
        return translation.get_language_from_path(page) or settings.LANGUAGE_CODE
    return _supported(cookies.get(settings.LANGUAGE_COOKIE_NAME)) or settings.LANGUAGE_CODE


def _supported(code):
    try:
        # As settings.LANGUAGES spell it: Django returns "EN" as given, and then finds no catalogue.
        return translation.get_supported_language_variant(code).lower() if code else None
    except LookupError:
        return None


def in_learners_language(view):
    # The player has no language prefix: LocaleMiddleware alone would always say Vietnamese.
    @functools.wraps(view)
    def view_in_language(request, *args, **kwargs):
        version_id = kwargs.get("version_id")
        page = _asked_back(request) or (request.session.get(_back_key(version_id)) if version_id else None)
        translation.activate(learners_language(request.COOKIES, page, spoken=request.GET.get("lang")))
        request.LANGUAGE_CODE = translation.get_language()
        return view(request, *args, **kwargs)

    return view_in_language


def _playable_version(request, version_id):
    version = get_object_or_404(PackageVersion.objects.select_related("package"), pk=version_id)
    if not can_play(request.user, version):
        raise Http404
    return version


@in_learners_language
@login_required
@require_GET
@never_cache  # each load is a launch: a copy from the cache would commit as an older page
def player(request, version_id):
    version = _playable_version(request, version_id)
    scos = list(version.scos.all())
    if not scos:
        raise Http404
    mode = "browse" if request.GET.get("mode") == "browse" else "normal"
    wanted = request.GET.get("sco")
    back_url = _back_url(request, version)
    if uses_sequencing(version, scos):
        # A choice moves the sequencer: only from a link of the learner's own contents list
        # (a page opened before the learner logged in again holds an older one).
        if wanted and not constant_time_compare(request.GET.get("choose", ""), _choice_token(request, version)):
            expired = _("That link has expired: choose the part again from the contents list.")
            return _sequenced_player(request, version, None, mode, back_url, refused=expired)
        return _sequenced_player(request, version, wanted, mode, back_url)
    toc = toc_12(learner=request.user, version=version, scos=scos) if len(scos) > 1 else []
    sco = next((s for s in scos if s.identifier == wanted), scos[0])
    refused = None
    if toc and not next(e for e in toc if e["sco"].pk == sco.pk)["available"]:
        # SCORM 1.2 prerequisites: open the first SCO that is available instead.
        refused = _("That part is not available yet: finish the earlier parts first.")
        sco = next((e["sco"] for e in toc if e["available"]), scos[0])
    launch = attempt_launch(learner=request.user, sco=sco, mode=mode, language=translation.get_language())
    if toc:
        toc = toc_12(learner=request.user, version=version, scos=scos)  # with this launch (assets complete on it)
    config = _runtime_config(request, launch, version, sco)
    position = next(i for i, s in enumerate(scos) if s.pk == sco.pk)
    previous_sco = scos[position - 1] if toc and position > 0 else None
    next_sco = scos[position + 1] if toc and position + 1 < len(scos) else None
    available = {e["sco"].pk for e in toc if e["available"]}
    if toc:
        # What the learner completes here may open the next parts: the page asks after commits.
        config["parts"] = {"statusUrl": reverse("scorm_player:navigation", args=[version.pk])}
    return TemplateResponse(request, "scorm_player/player.html", {
        "version": version,
        "sco": sco,
        "toc": toc,
        "refused": refused,
        "previous_sco": previous_sco,
        "previous_available": previous_sco is not None and previous_sco.pk in available,
        "next_sco": next_sco,
        "next_available": next_sco is not None and next_sco.pk in available,
        "config": config,
        "back_url": back_url,
        "scorm_script": "scorm-again/scorm12.min.js" if launch.version == "1.2" else "scorm-again/scorm2004.min.js",
    })


def _back_url(request, version):
    """Where "←" leads: the page that opened the player (`?back=`, a local path), kept in the
    session across the player's own page changes (another SCO, sequencing); else home."""
    key = _back_key(version.pk)
    wanted = _asked_back(request)
    if wanted:
        if request.session.get(key) != wanted:
            request.session[key] = wanted
        return wanted
    return request.session.get(key, "/")


def _asked_back(request):
    wanted = request.GET.get("back")
    if wanted and wanted.startswith("/") and url_has_allowed_host_and_scheme(wanted, allowed_hosts=None):
        return wanted
    return None


def _back_key(version_id):
    return f"scorm_player_back_{version_id}"


def _runtime_config(request, launch, version, sco):
    # The access rule was checked for this learner above: the token carries that proof.
    now = time.time()
    token = content_token(version, request.session.session_key, now=now)
    content_root = reverse("scorm_player:content", args=[version.pk, token, "-"])[:-1]
    return {
        "version": launch.version,
        "state": launch.state,
        "sequence": launch.attempt.sequence,  # what the server holds: a queued commit up to it is stored
        "sequenceBase": launch.sequence_base,
        # Its errors in the page's language (a cookie may say another, see learners_language).
        "commitUrl": reverse("scorm_player:commit", args=[launch.token]) + "?lang=" + translation.get_language(),
        "storedUrl": reverse("scorm_player:stored", args=[launch.token]) + "?lang=" + translation.get_language(),
        # Where the device's kept commit goes from the site's other pages: an address that expires.
        "keptCommitUrl": reverse("scorm_player:commit", args=[kept_commit_token(launch.attempt, launch.version)]),
        "launchUrl": content_root + sco.launch,
        # A page shown again after this loads again: the SCO's next files would be refused.
        "contentValidSeconds": int(content_token_expiry(now=now) - now),
        "review": launch.review,
        "attemptKey": _attempt_key(launch.attempt.pk),
        "closedKeys": [_attempt_key(pk) for pk in closed_attempt_ids(learner=request.user, sco=sco)],
        "messages": _player_messages(),
    }


def _attempt_key(attempt_id):
    # What the player keeps on the device for an attempt is stored under this key.
    return f"scorm-attempt-{attempt_id}"


def _choice_token(request, version):
    """Proof that a `?sco=` choice link came from this session's own player page, as the
    CSRF token proves a POST (a link cannot carry a header)."""
    return salted_hmac("scorm_player.choice", f"{request.session.session_key}-{version.pk}").hexdigest()[:20]


def _sequenced_player(request, version, wanted, mode, back_url, refused=None):
    """SCORM 2004 multi-SCO: the server's sequencer decides which SCO this page launches."""
    delivery = sequencing_launch(
        learner=request.user, version=version, choice=wanted, mode=mode, automatic=request.GET.get("ended") != "1",
        language=translation.get_language(),
    )
    view = sequencing_view(learner=request.user, version=version)
    urls = {
        "navigateUrl": reverse("scorm_player:navigate", args=[version.pk]),
        "statusUrl": reverse("scorm_player:navigation", args=[version.pk]),
        "csrfToken": get_token(request),
        "choiceToken": _choice_token(request, version),
    }
    context = {
        "version": version,
        "sco": delivery.sco,
        "sequenced": True,
        "seq": view,
        "choice_token": urls["choiceToken"],
        "refused": delivery.refused.message if delivery.refused else refused,
        "back_url": back_url,
        "scorm_script": "scorm-again/scorm2004.min.js",
    }
    if delivery.sco is None:
        context["config"] = {"sequencing": dict(urls, validity=view["validity"]), "messages": _player_messages()}
        return TemplateResponse(request, "scorm_player/player.html", context)
    config = _runtime_config(request, delivery.launch, version, delivery.sco)
    config["sequencing"] = dict(urls, validity=view["validity"], current=delivery.sco.identifier)
    context["config"] = config
    return TemplateResponse(request, "scorm_player/player.html", context)


_NAVIGATION_BODY_LIMIT = 2000


@in_learners_language
@login_required
@require_POST
def navigate(request, version_id):
    """A navigation request of the LMS's buttons or of the SCO (adl.nav.request), as JSON
    {"request": "continue", "target": "item id"}; answers where the browser goes next."""
    version = _playable_version(request, version_id)
    if len(request.body) > _NAVIGATION_BODY_LIMIT:
        return JsonResponse({"ok": False, "message": _("The request is too large.")}, status=413)
    try:
        body = json.loads(request.body)
    except (UnicodeDecodeError, ValueError, RecursionError):
        body = None
    wanted = body.get("request") if isinstance(body, dict) else None
    target = body.get("target") if isinstance(body, dict) else None
    if wanted not in NAVIGATION_REQUESTS or (target is not None and type(target) is not str):
        return JsonResponse({"ok": False, "message": _("Unknown navigation request.")}, status=400)
    if not uses_sequencing(version):
        return JsonResponse({"ok": False, "message": _("This package has no sequencing.")}, status=400)
    player_url = reverse("scorm_player:player", args=[version.pk])
    try:
        outcome = sequencing_navigate(learner=request.user, version=version, request=wanted, target=target)
    except NavigationRefused as refusal:
        return JsonResponse({"ok": False, "message": str(refusal.message), "code": refusal.code, "url": player_url}, status=409)
    if outcome.deliver is None:
        return JsonResponse({"ok": True, "ended": outcome.ended, "url": player_url + "?ended=1"})
    return JsonResponse({"ok": True, "ended": False, "deliver": outcome.deliver, "url": player_url})


@in_learners_language
@never_cache  # the learner's own statuses, changed by each commit
@login_required
@require_GET
def navigation(request, version_id):
    """The contents list's statuses and what may be opened now, refreshed after commits: the
    sequencer's valid requests, or a SCORM 1.2 package's parts its prerequisites allow."""
    version = _playable_version(request, version_id)
    scos = list(version.scos.all())
    if uses_sequencing(version, scos):
        view = sequencing_view(learner=request.user, version=version)
        return JsonResponse({
            "validity": view["validity"],
            "toc": [
                _contents_entry(entry["identifier"], entry["completion_status"], entry["success_status"], can_choose=entry["can_choose"])
                for entry in view["toc"]
            ],
            "status": view["status"],
        })
    if len(scos) < 2:
        raise Http404
    return JsonResponse({
        "toc": [
            _contents_entry(
                entry["sco"].identifier,
                entry["completion_status"], entry["success_status"], available=entry["available"],
            )
            for entry in toc_12(learner=request.user, version=version, scos=scos)
        ],
    })


def _contents_entry(identifier, completion_status, success_status, **more):
    label = render_to_string("scorm_player/_status.html", {"completion": completion_status, "success": success_status})
    return {
        "identifier": identifier, "completion_status": completion_status, "success_status": success_status,
        "label": label.strip(), **more,
    }


@require_safe  # HEAD too: media elements and proxies ask with it
def content(request, version_id, token, path):
    """A package file; the token in the path is the player page's proof of access, bound to
    the session cookie, and checked again at most once a minute (`scorm_player.middleware`
    serves this view without the rest of the middleware stack)."""
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    prefix = content_token_read(token, version_id, session_key)
    if prefix is None or not session_still_may_play(session_key, version_id):
        raise Http404
    # The importer stored NFC names; browsers may send NFD (macOS) spellings.
    path = unicodedata.normalize("NFC", path)
    # A backslash is a folder separator to some storages (SeaweedFS): "..\\" could leave the package.
    if not path or ".." in path.split("/") or path.startswith("/") or "\x00" in path or "\\" in path:
        raise Http404
    try:
        return content_response(request, default_storage, prefix + path, etag=f'"{prefix[6:22]}-{zlib.crc32(path.encode()):x}"')
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise Http404 from None
    except StorageUnavailable as error:
        logger.error("Object storage unavailable for %s: %r", path, error.__cause__)
        message = _("The course files cannot be reached just now. Please try again in a minute.")
        response = HttpResponse("" if request.method == "HEAD" else message, status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = "30"
        return response


def commit_json(payload):
    """The answer's bytes. Messages are lazy translations, rendered in the language active now."""
    return orjson.dumps(payload, default=str)


def commit_answer(*, token, body):
    """(HTTP status, JSON payload) for a commit's body: the service's outcome, or what was
    wrong with the body in words a learner can read. Shared by the view and the bare WSGI
    route that serves commits in production (`scorm_player.wsgi`)."""
    if len(body) > settings.SCORM_MAX_COMMIT_BYTES:
        return commit_too_large()
    try:
        parsed, data = _commit_body(body)
        result = attempt_commit(
            token=token, sequence=parsed.get("seq"), data=data, finished=parsed.get("finished") is True,
            receipt=parsed.get("stored"), base=_int_or_none(parsed.get("base")),
        )
    except CommitRefused as refusal:
        return _refusal(refusal)
    except RecursionError:
        return _refusal(_nested_too_deeply())
    attempt = result.attempt
    answer = {
        "result": "true",
        "errorCode": 0,
        "applied": result.applied,
        "sequence": attempt.sequence,
        "completion_status": attempt.completion_status,
        "success_status": attempt.success_status,
        "closed": attempt.closed_at is not None,
    }
    if result.held:
        answer["held"] = True  # not stored, yet nothing of the learner's is lost: the page goes on
    if result.receipt is not None:
        # The browser sends it back with its next commit: {"tag": ..., "delta": [...]}, the
        # delta then turning that commit's "cmi"/"adl" into the state stored now.
        answer["stored"] = result.receipt
    return 200, answer


def _commit_body(body):
    """(the body as a dict, its "cmi" and "adl"), or CommitRefused."""
    try:
        parsed = orjson.loads(body)
    except orjson.JSONDecodeError:
        raise CommitRefused(gettext_lazy("The saved data is not valid JSON."), error_code="201") from None
    if type(parsed) is not dict:
        raise CommitRefused(gettext_lazy("The saved data must be a JSON object."), error_code="201")
    return parsed, {key: value for key, value in parsed.items() if key in ("cmi", "adl")}


def _nested_too_deeply():
    # JSON nested hundreds deep (the data model goes five deep): nothing was stored.
    return CommitRefused(gettext_lazy("The saved data is nested too deeply."), error_code="201")


def _int_or_none(value):
    return value if type(value) is int else None


def commit_too_large():
    return _refusal(CommitRefused(gettext_lazy("The saved data is too large."), status=413, error_code="351"))


def _refusal(refusal):
    return refusal.status, {
        "result": "false",
        "errorCode": int(refusal.error_code),
        "message": refusal.message,
        "errors": [{"element": e.element, "code": int(e.code), "message": e.message} for e in refusal.errors],
    }


@csrf_exempt  # authenticated by the signed per-attempt token in the URL, as commits
@in_learners_language
@require_POST
def stored(request, token):
    """What the server holds for the attempt, asked by a player page shown again: whether
    another page stored progress since (see selectors.attempt_stored_now). The body is the
    page's receipt and the state it vouches for, as a commit carries them, or {}."""
    try:
        body = request.body
        if len(body) > settings.SCORM_MAX_COMMIT_BYTES:
            raise RequestDataTooBig
        parsed, data = _commit_body(body or b"{}")
        status, payload = 200, attempt_stored_now(token=token, data=data, receipt=parsed.get("stored"))
    except RequestDataTooBig:
        status, payload = commit_too_large()
    except CommitRefused as refusal:
        status, payload = _refusal(refusal)
    except RecursionError:
        status, payload = _refusal(_nested_too_deeply())
    return HttpResponse(commit_json(payload), status=status, content_type="application/json")


@csrf_exempt  # authenticated by the signed per-attempt token in the URL (sendBeacon sends no headers)
@in_learners_language  # as the WSGI route answers
@require_POST
def commit(request, token):
    """Store a commit of the SCO's state. In production `scorm_player.wsgi` answers commits
    before Django's handler; this view serves them wherever that route is not in front
    (the test client, a body without Content-Length)."""
    try:
        status, payload = commit_answer(token=token, body=request.body)
    except RequestDataTooBig:  # above DATA_UPLOAD_MAX_MEMORY_SIZE
        status, payload = commit_too_large()
    return HttpResponse(commit_json(payload), status=status, content_type="application/json")
