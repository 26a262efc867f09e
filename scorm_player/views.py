"""HTTP in and out of the SCORM runtime: the player page, package content, commits."""

import json
import unicodedata
import zlib

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from .access import can_play
from .attempts import CommitRefused, attempt_commit, attempt_launch
from .content import content_response
from .models import PackageVersion
from .selectors import sco_states_for_learner

# Versions this browser session may read content of, with their storage prefixes:
# checked once on the player page so that each content request costs no query.
SESSION_CONTENT_KEY = "scorm_content"


def _allow_content(request, version):
    allowed = request.session.get(SESSION_CONTENT_KEY, {})
    if allowed.get(str(version.pk)) != version.storage_prefix:
        allowed[str(version.pk)] = version.storage_prefix
        request.session[SESSION_CONTENT_KEY] = allowed


@login_required
@require_GET
def player(request, version_id):
    version = get_object_or_404(PackageVersion.objects.select_related("package"), pk=version_id)
    if not can_play(request.user, version):
        raise Http404
    scos = list(version.scos.all())
    if not scos:
        raise Http404
    wanted = request.GET.get("sco")
    sco = next((s for s in scos if s.identifier == wanted), scos[0])
    mode = "browse" if request.GET.get("mode") == "browse" else "normal"
    launch = attempt_launch(learner=request.user, sco=sco, mode=mode)
    _allow_content(request, version)
    content_root = reverse("scorm_player:content", args=[version.pk, "-"])[:-1]
    config = {
        "version": launch.version,
        "state": launch.state,
        "sequence": launch.attempt.sequence,
        "commitUrl": reverse("scorm_player:commit", args=[launch.token]),
        "launchUrl": content_root + sco.launch,
        "attemptKey": f"scorm-attempt-{launch.attempt.pk}",
        "messages": {
            "offline": _("You are offline. Your progress is kept on this device and will be saved when the connection returns."),
            "saved": _("Progress saved."),
            "failed": _("Your progress could not be saved. Please check your connection."),
        },
    }
    return TemplateResponse(request, "scorm_player/player.html", {
        "version": version,
        "sco": sco,
        "toc": sco_states_for_learner(learner=request.user, version=version) if len(scos) > 1 else [],
        "config": config,
        "scorm_script": "scorm-again/scorm12.min.js" if launch.version == "1.2" else "scorm-again/scorm2004.min.js",
    })


@require_GET
def content(request, version_id, path):
    prefix = request.session.get(SESSION_CONTENT_KEY, {}).get(str(version_id))
    if prefix is None:
        version = PackageVersion.objects.filter(pk=version_id).first()
        if version is None or not can_play(request.user, version):
            raise Http404
        prefix = version.storage_prefix
        _allow_content(request, version)
    # The importer stored NFC names; browsers may send NFD (macOS) spellings.
    path = unicodedata.normalize("NFC", path)
    if not path or ".." in path.split("/") or path.startswith("/"):
        raise Http404
    try:
        return content_response(request, default_storage, prefix + path, etag=f'"{prefix[6:22]}-{zlib.crc32(path.encode()):x}"')
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise Http404 from None


def _commit_error(refusal):
    return JsonResponse(
        {
            "result": "false",
            "errorCode": int(refusal.error_code),
            "message": str(refusal.message),
            "errors": [{"element": e.element, "code": int(e.code), "message": e.message} for e in refusal.errors],
        },
        status=refusal.status,
    )


@csrf_exempt  # authenticated by the signed per-attempt token in the URL (sendBeacon sends no headers)
@require_POST
def commit(request, token):
    if len(request.body) > settings.SCORM_MAX_COMMIT_BYTES:
        return _commit_error(CommitRefused(_("The saved data is too large."), status=413, error_code="351"))
    try:
        body = json.loads(request.body)
    except (UnicodeDecodeError, ValueError):
        return _commit_error(CommitRefused(_("The saved data is not valid JSON."), error_code="201"))
    if type(body) is not dict:
        return _commit_error(CommitRefused(_("The saved data must be a JSON object."), error_code="201"))
    data = {key: value for key, value in body.items() if key in ("cmi", "adl")}
    try:
        result = attempt_commit(token=token, sequence=body.get("seq"), data=data, finished=body.get("finished") is True)
    except CommitRefused as refusal:
        return _commit_error(refusal)
    attempt = result.attempt
    return JsonResponse({
        "result": "true",
        "errorCode": 0,
        "applied": result.applied,
        "sequence": attempt.sequence,
        "completion_status": attempt.completion_status,
        "success_status": attempt.success_status,
        "closed": attempt.closed_at is not None,
    })
