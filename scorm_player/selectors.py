"""Reads of the SCORM player, for views, commands and the layers above."""

from . import cmi
from .attempts import attempt_on_current_activity, commit_receipt_read, commit_token_read
from .errors import PackageWarning
from .models import Attempt, Package, PackageVersion


def package_version_report(*, version: PackageVersion) -> dict:
    """The import report: what the manifest holds, in the shape `import_scorm --json` prints."""
    manifest = version.manifest
    return {
        "id": version.package_id,
        "version": version.number,
        "title": version.package.title,
        "scorm_version": version.scorm_version,
        "organizations": manifest["organizations"],
        "scos": [{"identifier": sco.identifier, "launch": sco.launch} for sco in version.scos.all()],
        "warnings": [PackageWarning(w["code"], w["params"]).message for w in version.warnings],
    }


def package_list():
    return Package.objects.select_related("current_version").order_by("title", "pk")


def package_status_for_learner(*, learner, version: PackageVersion) -> dict:
    """A learner's status for a whole package version: {"completion_status", "success_status",
    "score_scaled"}. SCORM 2004: the rolled-up root activity of its sequencing tree; SCORM
    1.2: all of its SCOs. See `navigation.package_status_for_learner`."""
    from .navigation import package_status_for_learner as status  # navigation imports the runtime

    return status(learner=learner, version=version)


def closed_attempt_ids(*, learner, sco, limit=20) -> list:
    """The learner's latest closed attempts at a SCO: the player forgets what it kept on the
    device for them (a closing page's last commit, whose answer came too late to clear it)."""
    closed = Attempt.objects.filter(learner=learner, sco=sco, closed_at__isnull=False).order_by("-number")
    return list(closed.values_list("pk", flat=True)[:limit])


def attempt_stored_now(*, token, data=None, receipt=None) -> dict:
    """What the server holds for the attempt of a commit token, for a player page shown again
    (player.js): {"sequence", "closed", "same_learner_data", "current"}. If another page
    stored progress since, the page loads again from it rather than go on from its older
    state. With the page's receipt (`receipt` with `data`, as a commit sends them: what it
    last stored), "same_learner_data" says whether what is stored holds the same learner
    data; else None. "current": whether the sequencer still has the learner on the
    attempt's activity (always, in a package it does not sequence). With both, the page may
    go on: its next commit takes the attempt back. Raises CommitRefused for an invalid token."""
    attempt_id, version = commit_token_read(token)
    attempt = Attempt.objects.filter(pk=attempt_id).only("sequence", "closed_at", "state", "learner_id", "sco_id").first()
    if attempt is None:
        return {"sequence": 0, "closed": True, "same_learner_data": None, "current": False}  # erased
    own = commit_receipt_read(attempt_id=attempt_id, receipt=receipt, submitted=data or {}) if receipt else None
    return {
        "sequence": attempt.sequence,
        "closed": attempt.closed_at is not None,
        "same_learner_data": cmi.same_learner_data(version, own.state, attempt.state) if own else None,
        "current": attempt_on_current_activity(version, attempt),
    }
