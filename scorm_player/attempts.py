"""Writes of the SCORM runtime: launching a SCO and saving what the browser commits.

The server is the authority: every commit is re-validated against the SCORM data
model, statuses and total time are computed here, and commits carry a sequence
number so that a repeated or late commit never rolls the state back.
"""

import base64
import functools
import hashlib
import hmac
from dataclasses import dataclass

import orjson
from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import cmi
from .commit_store import COMMITTED_FIELDS, commit_session
from .models import Attempt, Sco, SequencingState
from .signals import attempt_changed

TOKEN_SALT = "scorm_player.commit"

# A page numbers its commits from its launch's number shifted by this many bits: a commit's
# sequence says which launch it comes from, and a newer page's commits outrank an older's.
LAUNCH_BITS = 32


def _launch_of(sequence):
    return sequence >> LAUNCH_BITS


def runtime_version(scorm_version):
    """The data model a package version speaks: "1.2" or "2004"."""
    return cmi.SCORM_12 if scorm_version == "1.2" else cmi.SCORM_2004


class CommitRefused(Exception):
    """A commit the server will not store; `status` is the HTTP status to answer with."""

    def __init__(self, message, *, status=400, error_code="101", errors=()):
        super().__init__(str(message))
        self.message = message
        self.status = status
        self.error_code = error_code
        self.errors = errors


# --- Tokens: the last commit of a page (sendBeacon, keepalive fetch) cannot carry a CSRF header.


def commit_token(attempt, version):
    return signing.Signer(salt=TOKEN_SALT).sign(f"{attempt.pk}-{version}")


# The address a commit kept on the device goes to from the site's other pages
# (deliver_pending.js): any script of the origin can read the device's storage, a SCO's
# too, on a shared computer another learner's. Its token opens the attempt for so long only.
KEPT_TOKEN_SALT = "scorm_player.kept-commit"
KEPT_TOKEN_MAX_AGE = 30 * 24 * 3600


def kept_commit_token(attempt, version):
    return signing.TimestampSigner(salt=KEPT_TOKEN_SALT).sign(f"{attempt.pk}-{version}")


def commit_token_read(token):
    """(attempt_id, version) from a token (a page's, or a kept commit's not expired), or CommitRefused."""
    try:
        return _verified_token(token, settings.SECRET_KEY)
    except (signing.BadSignature, ValueError):
        pass
    try:
        attempt_id, version = (
            signing.TimestampSigner(salt=KEPT_TOKEN_SALT).unsign(token, max_age=KEPT_TOKEN_MAX_AGE).split("-")
        )
        return int(attempt_id), version
    except (signing.BadSignature, ValueError):  # an expired signature is a bad one
        raise CommitRefused(_("This learning session is not valid. Reload the page."), status=403) from None


@functools.lru_cache(maxsize=4096)
def _verified_token(token, secret_key):
    # A learner's page commits with the same token every few seconds: its signature is
    # checked once per worker (and again if the key changes). Refused tokens are not kept.
    attempt_id, version = signing.Signer(key=secret_key, salt=TOKEN_SALT).unsign(token).split("-")
    return int(attempt_id), version


# --- Receipts: the answer to a commit tells the browser how what it sent differs from what
# was stored (a delta), with a tag that names the row version written and signs that state.
# The browser's next commit brings them back, the delta now taken from its new state. While
# the row is still at that version the server rebuilds the stored state from them and saves
# with one statement instead of reading the row first (PostgreSQL, see commit_store).
# Whatever does not check out is read from the database as before: a receipt can cost a
# wasted rebuild, never a wrong state. A tag reads <attempt>.<sequence>.<row version>.<MAC>;
# a row version could come back only after some four billion transactions (xmin wraps).
# A receipt also proves what a page last stored, for _take_back. (On SQLite, whose rows
# have no versions, the sequence stands for one and there is no one-statement save.)


@dataclass
class StoredState:
    """What a receipt vouches for: the attempt's state at `row_version` (also as state_json()
    encodes it), its sequence, and the receipt's delta from the submitted state to it."""

    state: dict
    state_json: bytes
    state_digest: bytes
    sequence: int
    row_version: str
    delta: list


def commit_receipt(*, attempt_id, row_version, sequence, state, state_json, submitted, delta=None, state_digest=None):
    """The receipt of a stored commit (`state_json`: the state as state_json() encodes it;
    `state_digest`: its _state_digest(), if known). Its delta is taken from the submitted
    state with scorm-again's index-keyed arrays read as lists, as the browser reads them
    too, unless given."""
    head = f"{attempt_id}.{sequence}.{row_version}"
    if delta is None:
        delta = cmi.state_delta(submitted, state)
    return {"tag": f"{head}.{_receipt_signature(head, state_digest or _state_digest(state_json))}", "delta": delta}


def commit_receipt_read(*, attempt_id, receipt, submitted):
    """The StoredState a receipt from the browser vouches for, or None. `submitted` is not modified."""
    if type(receipt) is not dict or type(receipt.get("tag")) is not str:
        return None
    parts = receipt["tag"].split(".")
    if len(parts) != 4 or parts[0] != str(attempt_id) or not parts[1].isdigit():
        return None
    try:
        state = cmi.state_with_delta(cmi.indexed_as_lists(submitted), receipt.get("delta"))
        encoded = state_json(state)
    except (ValueError, orjson.JSONEncodeError):
        return None
    digest = _state_digest(encoded)
    if not hmac.compare_digest(_receipt_signature(".".join(parts[:3]), digest), parts[3]):
        return None
    return StoredState(
        state=state, state_json=encoded, state_digest=digest, sequence=int(parts[1]), row_version=parts[2],
        delta=receipt["delta"],
    )


def state_json(state):
    """A state as a commit stores and signs it. Keys sorted: equal states encode alike,
    however the browser ordered them."""
    return orjson.dumps(state, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)


def _state_digest(encoded_state):
    # A commit that keeps the state verifies one tag and signs another over the same state:
    # each tag signs this digest, taken once, rather than the state itself.
    return hashlib.sha256(encoded_state).digest()


def _receipt_signature(head, state_digest):
    mac = hashlib.blake2b(head.encode() + b"\0" + state_digest, key=_receipt_key(settings.SECRET_KEY), digest_size=18)
    return base64.urlsafe_b64encode(mac.digest()).decode()


@functools.lru_cache(maxsize=4)
def _receipt_key(secret_key):
    return hashlib.blake2b(secret_key.encode(), person=b"scorm-receipt", digest_size=32).digest()


# --- Launch


def _learner_name(user):
    # SCORM 1.2 suggests "family, given"; we show the name as the learner gave it.
    full_name = user.get_full_name().strip()
    return full_name or user.get_username()


def _seeded_state(version, sco, user, mode):
    """What the LMS sets before the SCO starts: who the learner is and the manifest's settings."""
    manifest = sco.settings
    credit = "no-credit" if mode == "browse" else "credit"
    if version == cmi.SCORM_12:
        core = {"student_id": str(user.pk), "student_name": _learner_name(user), "credit": credit, "lesson_mode": mode}
        student_data = {
            key: str(manifest[key])
            for key in ("mastery_score", "max_time_allowed", "time_limit_action")
            if manifest.get(key) is not None
        }
        seeded = {"cmi": {"core": core, "launch_data": manifest.get("launch_data", "")}}
        if student_data:
            seeded["cmi"]["student_data"] = student_data
        return seeded
    seeded = {
        "learner_id": str(user.pk),
        "learner_name": _learner_name(user),
        "credit": credit,
        "mode": mode,
        "launch_data": manifest.get("launch_data", ""),
    }
    for key in ("completion_threshold", "scaled_passing_score", "max_time_allowed", "time_limit_action"):
        if manifest.get(key) is not None:
            seeded[key] = str(manifest[key])
    return {"cmi": seeded}


def _merge_seed(state, seed):
    """Learner and manifest data always come from the LMS, over whatever the attempt held."""
    merged = cmi.copy_state(state)
    for key, value in seed["cmi"].items():
        if isinstance(value, dict):
            merged.setdefault("cmi", {}).setdefault(key, {}).update(value)
        else:
            merged.setdefault("cmi", {})[key] = value
    return merged


@dataclass
class Launch:
    attempt: Attempt
    version: str  # "1.2" | "2004"
    state: dict  # what the browser's API starts with
    token: str
    review: bool = False  # browse mode over the learner's attempt: the player stores nothing

    @property
    def sequence_base(self):
        """The page numbers its commits from here on (see LAUNCH_BITS)."""
        return self.attempt.launches << LAUNCH_BITS


@transaction.atomic
def attempt_launch(*, learner, sco: Sco, mode="normal", new_attempt=False, language=None) -> Launch:
    """Open (or resume) the learner's attempt at a SCO and give the state the SCO starts with.

    After `exit=suspend` the open attempt resumes with entry "resume" and all its data;
    after a session left without Terminate it goes on with entry "" and all its data. A
    Terminate with any other exit closed the attempt: a new one starts "ab-initio", keeping
    only what belongs to the learner (preferences) from the previous one.
    `new_attempt`: sequencing began a new attempt on the activity; the open one is closed.
    In browse mode an open attempt with progress is only shown (`Launch.review`).
    An asset never talks to the API: launching it completes it.
    `language`: the learner's language in the LMS ("vi"), the SCO's learner preference
    until the learner chooses one in a SCO.

    The time of a session left without Terminate is counted when its end is known, not
    here: the page left behind may still send its last commit, with a longer session_time
    (see _commit_onto). The browser is shown the total with it counted.
    """
    version = runtime_version(sco.version.scorm_version)
    attempt = Attempt.objects.select_for_update().filter(learner=learner, sco=sco, closed_at__isnull=True).first()
    if attempt is not None and attempt.sequence and new_attempt:
        _close(attempt, version)
        attempt = None
    if attempt is None:
        previous = Attempt.objects.filter(learner=learner, sco=sco).order_by("-number").first()
        attempt = Attempt.objects.create(
            learner=learner, sco=sco, number=previous.number + 1 if previous else 1,
            seeded_language=previous.seeded_language if previous else "",  # with the preferences it seeded
        )
        base_state = previous.state if previous else {}
        if new_attempt:
            base_state = _without_suspend(base_state)
        next_state = cmi.next_launch_state(version, base_state)
    else:
        # An open attempt with commits was left without Terminate (a Terminate with any
        # exit but suspend closes it): the learner goes on with it. The page left behind
        # may still be sending its last commit, which must find the attempt open.
        next_state = cmi.next_launch_state(version, attempt.state, unfinished=attempt.sequence > 0, count_session=False)
    stored_state = _merge_seed(next_state, _seeded_state(version, sco, learner, mode))
    if language:
        _prefer_language(attempt, stored_state, version, language)
    launch_state = cmi.abandon_session(version, stored_state)
    token = commit_token(attempt, version)
    if mode == "browse" and attempt.sequence:
        # Looking again at an attempt with progress ("Review") must not change the learner's
        # result: the SCO sees it in browse mode, and nothing of it is stored.
        return Launch(attempt=attempt, version=version, state=launch_state, token=token, review=True)
    # The server's copy is what the browser starts from: read-only values must match it.
    attempt.state = stored_state
    attempt.launches += 1
    if sco.settings.get("scorm_type") == "asset" and attempt.completion_status != "completed":
        _complete_asset(attempt, version)
    else:
        attempt.save(update_fields=["state", "launches", "seeded_language", "last_activity_at"])
    return Launch(attempt=attempt, version=version, state=launch_state, token=token)


def _prefer_language(attempt, state, version, language):
    """The learner's language in the LMS as the SCO's language preference, unless the learner
    chose another in a SCO (even ""): the preference is theirs, kept across attempts."""
    data = state.setdefault("cmi", {})
    preferences = data.setdefault("student_preference" if version == cmi.SCORM_12 else "learner_preference", {})
    if preferences.get("language", "") == attempt.seeded_language:
        preferences["language"] = attempt.seeded_language = language


def _without_suspend(state):
    """The state as if the SCO had not asked to be resumed: the next launch starts ab-initio."""
    state = cmi.copy_state(state)
    state.pop("adl", None)
    data = state.get("cmi") or {}
    data.pop("exit", None)
    (data.get("core") or {}).pop("exit", None)
    return state


def _complete_asset(attempt, version):
    # SCORM CAM: an asset cannot report; the LMS counts it completed once delivered.
    state = cmi.copy_state(attempt.state)
    if version == cmi.SCORM_12:
        state.setdefault("cmi", {}).setdefault("core", {})["lesson_status"] = "completed"
    else:
        state.setdefault("cmi", {})["completion_status"] = "completed"
    attempt.state = state
    _apply_summary(attempt, version, state)
    attempt.save()
    if attempt_changed.has_listeners(Attempt):
        transaction.on_commit(lambda: attempt_changed.send(sender=Attempt, attempt=attempt, finished=True))


def _close(attempt, version):
    # Sequencing starts a new attempt on an activity: the open one was suspended or left
    # without Terminate (a Terminate with another exit closed it already).
    abandoned = cmi.abandon_session(version, attempt.state)
    _apply_summary(attempt, version, abandoned)
    attempt.state = abandoned
    attempt.closed_at = timezone.now()
    attempt.save()


_SUMMARY_FIELDS = ("completion_status", "success_status", "score_scaled", "score_raw", "total_seconds")


def _apply_summary(attempt, version, state, summary=None):
    """The attempt's status columns from its state (`summary`: the state's, if known)."""
    if summary is None:
        summary = cmi.attempt_summary(version, state)
    attempt.completion_status = summary.completion_status
    attempt.success_status = summary.success_status
    attempt.score_scaled = summary.score_scaled
    attempt.score_raw = summary.score_raw
    attempt.total_seconds = summary.total_seconds


# --- Commit


@dataclass
class CommitResult:
    attempt: Attempt
    applied: bool  # False when the commit was older than what is stored
    held: bool = False  # not stored, but what it brings of the learner's is what is stored (_take_back)
    receipt: dict | None = None  # for the browser's next commit (see commit_receipt)


def attempt_commit(*, token, sequence, data, finished=False, receipt=None, base=None) -> CommitResult:
    """Validate and store a commit from the browser.

    `data` is the commit body's state ({"cmi": {...}}, maybe only what changed);
    `finished` marks the SCO's Terminate/LMSFinish, after which the session's time is
    added to the total and the statuses are evaluated; an exit other than suspend then
    closes the attempt. `receipt` is the one the previous commit's answer gave, if any.
    `base`: the stored sequence the page started from (its launch's), if it says.
    Raises CommitRefused with what was wrong.

    Which page's commits are stored: a page's commits are numbered above those of every
    page launched before it (LAUNCH_BITS), so an older page's are not stored once a newer
    one's are. A page whose state is older than what another page stored after its
    launch (a second tab left aside while the first goes on) stores nothing: its state
    would roll that progress back. A reload starts from the old page's last commit: the
    new page replays it from the device and loads again (player.js). An older page takes
    the attempt back if the newer pages stored nothing of the learner's (_take_back).

    The hot path of the runtime. With a valid receipt it is one round trip to the
    database: an update that applies only if the row is still the version the receipt
    names. Otherwise two: an unlocked read and that update (see commit_store). A concurrent
    write to the attempt (another commit, a launch, an erasure) makes the update miss; the
    commit is then read and validated again on top of what was stored.
    """
    attempt_id, version = commit_token_read(token)
    if type(sequence) is not int or sequence < 1:
        raise CommitRefused(_("The commit has no valid sequence number."), error_code="201")
    with commit_session() as statements:
        outcome = None
        if receipt is not None and statements.has_row_versions:
            outcome = _commit_on_receipt(statements, attempt_id, version, sequence, data, finished, receipt)
        if outcome is None:
            outcome = _commit_with_retries(statements, attempt_id, version, sequence, data, finished, base, receipt)
    attempt, written = outcome
    if written is None or written is _HELD:
        return CommitResult(attempt=attempt, applied=False, held=written is _HELD)
    if _progress_may_change(attempt, version, written, finished) and attempt_changed.has_listeners(Attempt):
        attempt_changed.send(sender=Attempt, attempt=attempt, finished=finished)
    if attempt.closed_at is not None:
        return CommitResult(attempt=attempt, applied=True)
    receipt = commit_receipt(
        attempt_id=attempt.pk, row_version=written.row_version, sequence=attempt.sequence, state=attempt.state,
        state_json=written.state_json, submitted=data, delta=written.delta, state_digest=written.state_digest,
    )
    return CommitResult(attempt=attempt, applied=True, receipt=receipt)


@dataclass
class _Written:
    """A stored commit: the attempt's (sequence, statuses) and 2004 rollup inputs before it,
    the state as state_json() encodes it, and the row's new version."""

    before: tuple
    rollup_before: bytes | None
    state_json: bytes
    row_version: str
    delta: list | None = None  # from the submitted state to the stored one, when known
    state_digest: bytes | None = None  # _state_digest(state_json), when known


def _commit_on_receipt(statements, attempt_id, version, sequence, data, finished, receipt):
    """(the attempt as stored, _Written) without reading the row, or None to read it."""
    stored = commit_receipt_read(attempt_id=attempt_id, receipt=receipt, submitted=data)
    if stored is None or sequence <= stored.sequence or _launch_of(sequence) != _launch_of(stored.sequence):
        return None  # the read checks the sequence against the attempt's launches
    summary = cmi.attempt_summary(version, stored.state)
    # What the read would give (the row's columns are the summary of its state, written with
    # it), built as the read builds it; the other columns are loaded if anything asks.
    attempt = Attempt.from_db(
        statements.db.alias, _ON_RECEIPT,
        [attempt_id, stored.state, stored.sequence, summary.completion_status, summary.success_status, summary.score_scaled, None],
    )
    written = _commit_onto(
        statements, attempt, stored.row_version, version, sequence, data, finished,
        stored_json=stored.state_json, stored_summary=summary, refuse=False,
    )
    if written is None:
        return None
    if written.state_json == stored.state_json:
        # The browser's delta, checked above, still turns its state into the one stored.
        written.delta, written.state_digest = stored.delta, stored.state_digest
    return attempt, written


# An open attempt's columns that a receipt vouches for, in the model's field order.
_ON_RECEIPT = ["id", "state", "sequence", "completion_status", "success_status", "score_scaled", "closed_at"]


def _commit_with_retries(statements, attempt_id, version, sequence, data, finished, base, receipt):
    """(the attempt as stored, _Written), or (the attempt, None) when the commit is older
    than what is stored or comes from a page that has not seen it."""
    for _try in range(_COMMIT_TRIES):
        attempt, row_version = statements.read(attempt_id)
        if attempt is None:
            raise CommitRefused(_("This attempt no longer exists."), status=404)
        if _launch_of(sequence) > attempt.launches:
            raise CommitRefused(_("The commit has no valid sequence number."), error_code="201")
        if sequence <= attempt.sequence:
            # A newer page has committed, or this commit was stored already.
            if receipt is not None and attempt.closed_at is None and _launch_of(sequence) < _launch_of(attempt.sequence):
                taken = _take_back(statements, attempt_id, version, sequence, data, finished, receipt)
                if taken is not None:
                    return taken
            return attempt, None
        if attempt.closed_at is not None:
            raise CommitRefused(_("This attempt is finished; reopen the module to continue."), status=409)
        if base is not None and base < attempt.sequence and _launch_of(sequence) > _launch_of(attempt.sequence):
            return attempt, None  # an older page stored progress after this page's launch
        written = _commit_onto(statements, attempt, row_version, version, sequence, data, finished)
        if written is not None:
            return attempt, written
    raise CommitRefused(_("The server is busy saving this attempt. Try again."), status=503, error_code="391")


# _take_back's answer for a commit that brings nothing of the learner's that is not stored.
_HELD = object()


def _take_back(statements, attempt_id, version, sequence, data, finished, receipt):
    """A page outranked by pages opened after it takes its attempt back if they stored
    nothing of the learner's (a second tab opened, looked at and closed) and this commit
    brings something of the learner's: the learner went on here, and what they did would
    otherwise be lost. (A commit that brings nothing, a SCO's timer or the page being
    hidden, may come while the learner works in the other page.) Its receipt proves what
    the page last stored. (the attempt as stored, _Written), or None; (the attempt, _HELD)
    when this commit brings nothing of the learner's that is not stored already. From now on
    its commits outrank theirs: the answer's sequence is the page's new numbering (player.js).

    In a package the server sequences, only while the sequencer has the learner on this
    page's activity: a newer page may have moved them on, which this page would not know."""
    own = commit_receipt_read(attempt_id=attempt_id, receipt=receipt, submitted=data)
    if own is None or sequence <= own.sequence or _launch_of(own.sequence) != _launch_of(sequence):
        return None
    with transaction.atomic():
        # The sequencer's row is locked first, as navigation locks it before the attempts:
        # a navigation by the other page waits, or has moved the learner on already.
        identity = Attempt.objects.filter(pk=attempt_id).only("learner_id", "sco_id").first()
        if identity is None or not attempt_on_current_activity(version, identity, lock=True):
            return None
        attempt = Attempt.objects.select_for_update().filter(pk=attempt_id, closed_at__isnull=True).first()
        if (
            attempt is None
            or _launch_of(attempt.sequence) <= _launch_of(sequence)
            or not cmi.same_learner_data(version, own.state, attempt.state)
        ):
            return None
        before = (attempt.sequence, attempt.completion_status, attempt.success_status, attempt.score_scaled)
        rollup_before = _rollup_inputs(version, attempt.state)
        state = _validated_state(version, cmi.taken_back_state(version, own.state, attempt.state), data, finished)
        if cmi.same_learner_data(version, own.state, state):
            return attempt, _HELD  # nothing to take back for: what the learner did here is stored
        attempt.launches += 1
        attempt.sequence = (attempt.launches << LAUNCH_BITS) + 1
        _store_commit(attempt, version, state, finished)
        attempt.save(update_fields=["state", "launches", *COMMITTED_FIELDS])
        row_version = statements.read(attempt_id)[1]  # for the receipt
    return attempt, _Written(before=before, rollup_before=rollup_before, state_json=state_json(state), row_version=row_version)


def attempt_on_current_activity(version, attempt, lock=False) -> bool:
    """In a package the server sequences (SCORM 2004, several SCOs), whether the sequencer has
    the learner on this attempt's activity still; in any other package, True. `lock`: the
    sequencer's row stays locked until the transaction ends."""
    if version != cmi.SCORM_2004:
        return True
    sco = Sco.objects.only("identifier", "version_id").get(pk=attempt.sco_id)
    if Sco.objects.filter(version_id=sco.version_id).count() <= 1:
        return True
    rows = SequencingState.objects.filter(learner_id=attempt.learner_id, version_id=sco.version_id)
    if lock:
        rows = rows.select_for_update()
    return rows.values_list("current_activity", flat=True).first() == sco.identifier


def _validated_state(version, state, data, finished, refuse=True):
    """The state once the commit is applied to `state` (changed in place), or CommitRefused
    (None when not `refuse`)."""
    validation = cmi.validate_commit(
        version, state, data, in_place=True, max_suspend_data=settings.SCORM_MAX_SUSPEND_DATA,
    )
    if not validation.ok:
        if not refuse:
            return None
        raise CommitRefused(
            _("Some values were not saved because they are not allowed."),
            status=422, error_code=validation.errors[0].code, errors=validation.errors,
        )
    return cmi.finish_session(version, validation.state) if finished else validation.state


def _store_commit(attempt, version, state, finished, summary=None):
    """The attempt's fields once the commit's `state` is stored (`summary`: its summary, if known)."""
    attempt.state = state
    _apply_summary(attempt, version, state, summary)
    attempt.last_activity_at = timezone.now()
    if finished and cmi.next_entry(version, state) != cmi.RESUME:
        attempt.closed_at = attempt.last_activity_at


def _commit_onto(
    statements, attempt, row_version, version, sequence, data, finished,
    stored_json=None, stored_summary=None, refuse=True,
):
    """Validate the commit on top of the attempt's state and store it if the row is still at
    `row_version`: _Written, or None on a miss (or on refused values when not `refuse`).
    `stored_json` and `stored_summary`: the attempt's state as state_json() encodes it and
    its summary, if known."""
    before = (attempt.sequence, attempt.completion_status, attempt.success_status, attempt.score_scaled)
    rollup_before = _rollup_inputs(version, attempt.state)
    if stored_json is None:
        stored_json = state_json(attempt.state)
    if _launch_of(sequence) > _launch_of(attempt.sequence):
        # The first commit of a newer page: the session stored before it is over. Counted
        # only now, its time includes what the page left behind sent after the launch.
        attempt.state = cmi.abandon_session(version, attempt.state)
    # The state is the caller's own copy: validation may build the new one in it.
    state = _validated_state(version, attempt.state, data, finished, refuse)
    if state is None:
        return None
    encoded = state_json(state)
    unchanged = encoded == stored_json
    attempt.sequence = sequence
    _store_commit(attempt, version, state, finished, stored_summary if unchanged else None)
    # A state as stored is not written again (see commit_store).
    row = statements.write(attempt, row_version, None if unchanged else encoded)
    if row is None:
        return None
    attempt.learner_id, attempt.sco_id, attempt.number, new_version = row
    return _Written(before=before, rollup_before=rollup_before, state_json=encoded, row_version=new_version)


# Each miss means another write to the attempt landed meanwhile: a few tries are enough
# unless one attempt is flooded.
_COMMIT_TRIES = 8


def _rollup_inputs(version, state):
    """Besides the attempt's status columns, SCORM 2004 rollup reads objectives and progress
    measure: a snapshot of them (serialised, so that changing the state leaves it as it was)."""
    if version != cmi.SCORM_2004:
        return None
    data = state.get("cmi") or {}
    return orjson.dumps((data.get("objectives"), data.get("progress_measure")))


def _progress_may_change(attempt, version, written, finished):
    """Whether the layers above need to hear of this commit. Most commits of a session only
    move the location, suspend data and interactions: what the learner's progress is derived
    from (the first commit starting the module, the statuses, the score, the end of the
    session, 2004 rollup inputs) is unchanged, so sending the signal would only cost queries."""
    if finished or written.before[0] == 0 or attempt.closed_at is not None:
        return True
    if written.before[1:] != (attempt.completion_status, attempt.success_status, attempt.score_scaled):
        return True
    return written.rollup_before != _rollup_inputs(version, attempt.state)
