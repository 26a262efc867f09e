"""Navigation in multi-SCO packages, for one learner.

SCORM 2004: the server keeps the activity tree's tracking state and the learner's global
objectives (`SequencingState`, `GlobalObjective`), runs each navigation request through
`sequencing_engine`, and the player launches the SCO it names. Statuses of the SCOs
come from their attempts as the server validated them; everything else is rolled up here.

SCORM 1.2: the table of contents, per-SCO status and the `adlcp:prerequisites` of items.
"""

import re
from copy import deepcopy
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .attempts import attempt_launch
from .models import Attempt, GlobalObjective, PackageVersion, Sco, SequencingState
from .sequencing_engine import LeafRuntime, Outcome, Sequencer, SequencingError, navigation_validity
from .signals import package_status_changed



class NavigationRefused(Exception):
    """A navigation request the package's sequencing rules do not allow now."""

    def __init__(self, message, code=""):
        super().__init__(str(message))
        self.message = message
        self.code = code


_REFUSALS = {
    "SB.2.2-2": _("That part is not available yet: finish the earlier parts first."),
    "SB.2.9-6": _("That part is not available yet: finish the earlier parts first."),
    "DB.1.1-3": _("That part is not available yet: finish the earlier parts first."),
    "SB.2.9-4": _("This course must be followed in order; the contents list cannot be used to jump."),
    "SB.2.9-3": _("This part cannot be opened from the contents list."),
    "SB.2.9-5": _("This course only goes forward."),
    "SB.2.9-7": _("Finish the current part before leaving it."),
    "NB.2.1-4": _("This course cannot be continued from here; use the contents list."),
    "NB.2.1-5": _("You cannot go back from here."),
    "SB.2.1-3": _("This is the first part."),
    "SB.2.5-3": _("There is nothing left to study in this course."),
}


def _refusal(error):
    return NavigationRefused(_REFUSALS.get(error.code, _("This navigation is not allowed here.")), error.code)


def uses_sequencing(version, scos=None) -> bool:
    """SCORM 2004 packages with more than one SCO are run by the sequencer."""
    if version.scorm_version == "1.2":
        return False
    return len(scos) > 1 if scos is not None else version.scos.count() > 1


# --- Loading and saving what the engine works on


def _scope(version):
    return "" if version.activity_tree.get("objectives_global_to_system", True) is not False else f"version:{version.pk}"


def _target_objective_ids(node):
    sequencing = node.get("sequencing") or {}
    objectives = sequencing.get("objectives") or {}
    for objective in [objectives.get("primary"), *(objectives.get("others") or [])]:
        for mapping in (objective or {}).get("map_info") or []:
            yield mapping["target_objective_id"]
    for child in node.get("children") or []:
        yield from _target_objective_ids(child)


def _load_globals(learner, version):
    ids = set(_target_objective_ids(version.activity_tree))
    if not ids:
        return {}
    rows = GlobalObjective.objects.filter(learner=learner, scope=_scope(version), objective_id__in=ids)
    return {row.objective_id: {"satisfied": row.satisfied, "measure": row.normalized_measure} for row in rows}


def _save_globals(learner, version, before, after):
    scope = _scope(version)
    for objective_id, values in after.items():
        if values != before.get(objective_id):
            measure = values.get("measure")
            GlobalObjective.objects.update_or_create(
                learner=learner, scope=scope, objective_id=objective_id,
                defaults={"satisfied": values.get("satisfied"), "normalized_measure": None if measure is None else max(-1.0, min(1.0, measure))},
            )


def _objectives_of(attempt_state):
    objectives = ((attempt_state or {}).get("cmi") or {}).get("objectives") or []
    if isinstance(objectives, dict):
        objectives = objectives.get("childArray") or list(objectives.values())
    reported = {}
    for objective in objectives:
        if isinstance(objective, dict) and objective.get("id"):
            score = objective.get("score") or {}
            try:
                scaled = float(score.get("scaled")) if score.get("scaled") not in (None, "") else None
            except (TypeError, ValueError):
                scaled = None
            reported[objective["id"]] = {
                "success_status": objective.get("success_status"),
                "completion_status": objective.get("completion_status"),
                "score_scaled": scaled,
            }
    return reported


def _leaves_with_other_objectives(node, found=None):
    found = set() if found is None else found
    objectives = (node.get("sequencing") or {}).get("objectives") or {}
    if not node.get("children") and objectives.get("others"):
        found.add(node.get("identifier"))
    for child in node.get("children") or []:
        _leaves_with_other_objectives(child, found)
    return found


def _runtime(learner, version, state):
    """Each leaf's runtime data: the attempt sequencing delivered, else the latest one."""
    activities = state.get("activities") or {}
    chosen = {}
    rows = (
        Attempt.objects.filter(learner=learner, sco__version=version)
        .defer("state").select_related("sco").order_by("sco_id", "number")
    )
    for attempt in rows:
        identifier = attempt.sco.identifier
        data = activities.get(identifier) or {}
        if data.get("fresh"):
            continue
        if data.get("cmi_attempt"):
            if attempt.pk == data["cmi_attempt"]:
                chosen[identifier] = attempt
        else:
            chosen[identifier] = attempt
    with_objectives = _leaves_with_other_objectives(version.activity_tree)
    states = {}
    wanted = [a.pk for i, a in chosen.items() if i in with_objectives]
    if wanted:
        states = dict(Attempt.objects.filter(pk__in=wanted).values_list("pk", "state"))
    return {
        identifier: LeafRuntime(
            completion_status=attempt.completion_status,
            success_status=attempt.success_status,
            score_scaled=attempt.score_scaled,
            objectives=_objectives_of(states.get(attempt.pk)),
        )
        for identifier, attempt in chosen.items()
    }


def _row(learner, version, lock):
    row, _created = SequencingState.objects.get_or_create(learner=learner, version=version)
    if lock:
        row = SequencingState.objects.select_for_update().get(pk=row.pk)
    return row


_BETTER_COMPLETION = {"not attempted": 0, "unknown": 0, "incomplete": 1, "completed": 2}


def _save(row, engine, global_before):
    status = engine.root_status()
    changed = False
    # The rolled-up status kept for the layers above never goes back: reviewing a
    # finished course (a new attempt on its activities) does not undo its completion.
    if _BETTER_COMPLETION[status["completion_status"]] > _BETTER_COMPLETION.get(row.completion_status, 0):
        row.completion_status, changed = status["completion_status"], True
    if status["success_status"] != "unknown" and row.success_status != "passed" and status["success_status"] != row.success_status:
        row.success_status, changed = status["success_status"], True
    if status["score_scaled"] is not None and status["score_scaled"] != row.score_scaled:
        row.score_scaled, changed = status["score_scaled"], True
    row.state = engine.state
    row.current_activity = engine.state.get("current") or ""
    row.suspended_activity = engine.state.get("suspended_activity") or ""
    row.save()
    _save_globals(row.learner, row.version, global_before, engine.globals)
    if changed and package_status_changed.has_listeners():
        learner, version = row.learner, row.version
        transaction.on_commit(lambda: package_status_changed.send(sender=SequencingState, learner=learner, version=version))


def _engine(learner, version, row):
    state = deepcopy(row.state)
    global_objectives = _load_globals(learner, version)
    return Sequencer(version.activity_tree, state, deepcopy(global_objectives), _runtime(learner, version, state)), global_objectives


# --- Services


@transaction.atomic
def sequencing_navigate(*, learner, version: PackageVersion, request: str, target: str | None = None) -> Outcome:
    """Run a navigation request (from the LMS's buttons or the SCO's adl.nav.request).

    The SCO named in the outcome becomes the current activity; the player page launches
    it. A refused request changes nothing and raises NavigationRefused."""
    row = _row(learner, version, lock=True)
    engine, global_before = _engine(learner, version, row)
    try:
        outcome = engine.navigate(request, target)
    except SequencingError as error:
        raise _refusal(error) from None
    _save(row, engine, global_before)
    return outcome


@dataclass
class Delivery:
    sco: Sco | None
    launch: object | None  # attempts.Launch
    refused: NavigationRefused | None = None


@transaction.atomic
def sequencing_launch(
    *, learner, version: PackageVersion, choice: str | None = None, mode="normal", automatic=True, language=None,
) -> Delivery:
    """What the player page launches: the current activity (also after the tab was closed
    without Suspend All), else the suspended one (resumeAll), else a new start.
    `choice`: a SCO picked from the contents list without script. `automatic=False`: only
    re-launch an active activity (the page after an exit or a suspend). An activity whose
    SCO ended its session (an exit other than suspend) with no navigation request after it
    is not launched again in the attempt it closed: the page offers where to go, and that
    request ends the activity's attempt by the package's rules. `language`: as
    attempt_launch's."""
    row = _row(learner, version, lock=True)
    engine, global_before = _engine(learner, version, row)
    refused = None
    current = engine.current
    session_ended = current is not None and engine.st(current)["active"] and _session_ended(engine.st(current))
    if choice and (choice != engine.state.get("current") or session_ended):
        try:
            engine.navigate("choice", choice)
            session_ended = False
        except SequencingError as error:
            refused = _refusal(error)
            engine, global_before = _engine(learner, version, row)
    if session_ended:
        engine.sync()  # what the ended session reported rolls up into the status kept
        _save(row, engine, global_before)
        return Delivery(sco=None, launch=None, refused=refused)
    current = engine.current
    if current is None or not engine.st(current)["active"]:
        request = None
        if automatic and engine.state.get("suspended_activity"):
            request = "resumeAll"
        elif automatic and current is None:
            request = "start"
        if request:
            try:
                engine.navigate(request)
            except SequencingError as error:
                if error.code == "SB.2.2-1" and request == "start":
                    # The root allows no flow (IMS SS's default, for a package that declares
                    # no sequencing): the learner chooses; the first part they may is opened.
                    _start_by_choice(engine)
                else:
                    refused = refused or _refusal(error)
    current = engine.current
    if current is None or not engine.st(current)["active"]:
        _save(row, engine, global_before)
        return Delivery(sco=None, launch=None, refused=refused)
    sco = version.scos.filter(identifier=current.id).first()
    if sco is None:  # the tree names an item the import found nothing to launch for
        return Delivery(sco=None, launch=None, refused=NavigationRefused(_REFUSALS["SB.2.9-3"], "DB.1.1-1"))
    data = engine.st(current)
    launch = attempt_launch(learner=learner, sco=sco, mode=mode, new_attempt=data["fresh"], language=language)
    data["fresh"] = False
    data["cmi_attempt"] = launch.attempt.pk
    engine.runtime = _runtime(learner, version, engine.state)
    engine.sync()
    _save(row, engine, global_before)
    return Delivery(sco=sco, launch=launch, refused=refused)


def _start_by_choice(engine):
    for leaf in engine.leaves():
        try:
            engine.navigate("choice", leaf.id)
            return
        except SequencingError:
            continue


def _session_ended(activity_data):
    """Whether the runtime attempt an active activity was delivered in is closed (Terminate
    with an exit other than suspend)."""
    attempt_id = activity_data.get("cmi_attempt")
    return bool(attempt_id) and not activity_data.get("fresh") and Attempt.objects.filter(pk=attempt_id, closed_at__isnull=False).exists()


# --- Selectors


def _toc(engine, validity):
    entries = []

    def visit(activity, depth):
        for child in activity.children:
            shown = child.is_visible
            if shown:
                status = engine.activity_status(child)
                entries.append({
                    "identifier": child.id,
                    "title": child.title,
                    "depth": depth,
                    "is_leaf": child.is_leaf,
                    "current": child.id == engine.state.get("current"),
                    "can_choose": validity["choice"].get(child.id, False),
                    "completion_status": status["completion_status"],
                    "success_status": status["success_status"],
                })
            visit(child, depth + 1 if shown else depth)

    visit(engine.root, 0)
    return entries


def sequencing_view(*, learner, version: PackageVersion) -> dict:
    """What the player shows around the SCO: valid requests, contents list with statuses,
    the buttons the manifest hides (hideLMSUI) and the rolled-up course status."""
    row = SequencingState.objects.filter(learner=learner, version=version).first()
    state = deepcopy(row.state) if row else {}
    global_objectives = _load_globals(learner, version)
    runtime = _runtime(learner, version, state)
    engine = Sequencer(version.activity_tree, state, global_objectives, runtime)
    engine.sync()
    validity = navigation_validity(version.activity_tree, engine.state, global_objectives, runtime)
    current = engine.current
    hidden = set(current.hide_lms_ui) if current is not None else set()
    for ancestor in (current.path()[:-1] if current is not None else []):
        hidden |= set(ancestor.hide_lms_ui)
    return {
        "validity": validity,
        "toc": _toc(engine, validity),
        "hide_lms_ui": sorted(hidden),
        "current": engine.state.get("current"),
        "active": current is not None and engine.st(current)["active"],
        # The hub after the current SCO ended its session: it may be opened again.
        "can_reopen": current is not None and current.is_leaf and bool(validity["choice"].get(current.id)),
        "suspended": engine.state.get("suspended_activity"),
        "status": engine.root_status(),
    }


def package_status_for_learner(*, learner, version: PackageVersion) -> dict:
    """The learner's status for a whole package version, as the layers above should use it:
    {"completion_status": "not attempted"|"incomplete"|"completed",
     "success_status": "unknown"|"passed"|"failed", "score_scaled": float | None}.

    SCORM 2004: the rolled-up root activity of the sequencing tree (live from the SCOs'
    attempts; once completed or passed it stays so). SCORM 1.2: all SCOs together.
    """
    if version.scorm_version == "1.2":
        return _status_12(learner, version)
    row = SequencingState.objects.filter(learner=learner, version=version).first()
    state = deepcopy(row.state) if row else {}
    engine = Sequencer(version.activity_tree, state, _load_globals(learner, version), _runtime(learner, version, state))
    engine.sync()
    status = engine.root_status()
    if row is not None:
        if _BETTER_COMPLETION.get(row.completion_status, 0) > _BETTER_COMPLETION[status["completion_status"]]:
            status["completion_status"] = row.completion_status
        if row.success_status == "passed":
            status["success_status"] = "passed"
    return status


# --- SCORM 1.2 multi-SCO packages


# SCORM 1.2 lesson statuses, best last: a part failed, then completed on another attempt, is done.
_LESSON_STATUS_RANK = {"not attempted": 0, "unknown": 0, "browsed": 1, "incomplete": 2, "failed": 3, "completed": 4, "passed": 5}


@dataclass
class _ScoResult:
    """The best of a learner's attempts at one SCO: a part opened again (to look something
    up) starts a new attempt, which must not lock the parts after it or undo the package."""

    completion_status: str = "not attempted"
    success_status: str = "unknown"
    score_scaled: float | None = None

    def add(self, attempt):
        if _LESSON_STATUS_RANK.get(_lesson_status(attempt), 0) > _LESSON_STATUS_RANK.get(self.lesson_status, 0):
            self.completion_status, self.success_status = attempt.completion_status, attempt.success_status
        if attempt.score_scaled is not None and (self.score_scaled is None or attempt.score_scaled > self.score_scaled):
            self.score_scaled = attempt.score_scaled

    @property
    def lesson_status(self):
        return _lesson_status(self)


def _lesson_status(result):
    return result.success_status if result.success_status in ("passed", "failed") else result.completion_status


def _sco_results(learner, version):
    """{SCO identifier: _ScoResult} of the SCOs the learner has attempted."""
    results = {}
    attempts = Attempt.objects.filter(learner=learner, sco__version=version).select_related("sco")
    for attempt in attempts.only("completion_status", "success_status", "score_scaled", "sco__identifier"):
        results.setdefault(attempt.sco.identifier, _ScoResult()).add(attempt)
    return results


def _status_12(learner, version):
    scos = list(version.scos.all())
    results = _sco_results(learner, version)
    done = [s.identifier in results and results[s.identifier].completion_status == "completed" for s in scos]
    successes = [results[s.identifier].success_status for s in scos if s.identifier in results]
    scores = [results[s.identifier].score_scaled for s in scos if s.identifier in results and results[s.identifier].score_scaled is not None]
    if scos and all(done):
        completion = "completed"
    elif results:
        completion = "incomplete"
    else:
        completion = "not attempted"
    if "failed" in successes:
        success = "failed"
    elif completion == "completed" and "passed" in successes:
        success = "passed"
    else:
        success = "unknown"
    return {"completion_status": completion, "success_status": success, "score_scaled": sum(scores) / len(scores) if scores else None}


_TOKEN = re.compile(r"\s*(?:(\d+)\s*\*\s*\{|([&|~(){},=])|(<>)|([A-Za-z0-9_.:\-]+))")
_STATUS_WORDS = {
    "passed": "passed", "p": "passed", "completed": "completed", "c": "completed", "failed": "failed", "f": "failed",
    "incomplete": "incomplete", "i": "incomplete", "browsed": "browsed", "b": "browsed", "not attempted": "not attempted", "n": "not attempted",
}


class _Prerequisites:
    """SCORM 1.2 CAM 2.3.2.5 (AICC script): identifiers combined with & | ~ ( ), n*{a,b}
    sets and `id=status` / `id<>status`. An identifier alone is true when its status is
    passed or completed. A malformed expression does not lock the learner out."""

    def __init__(self, expression, status_of):
        self.tokens = []
        position = 0
        while position < len(expression):
            match = _TOKEN.match(expression, position)
            if match is None:
                if expression[position:].strip():
                    raise ValueError(expression)
                break
            count, symbol, not_equal, word = match.groups()
            self.tokens.append(("set", int(count)) if count else (symbol or not_equal or word))
            position = match.end()
        self.position = 0
        self.status_of = status_of

    def peek(self):
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self, expected=None):
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            raise ValueError(expected)
        self.position += 1
        return token

    def parse(self):
        value = self.expression()
        if self.peek() is not None:
            raise ValueError("trailing")
        return value

    def expression(self):
        value = self.term()
        while self.peek() == "|":
            self.take()
            right = self.term()
            value = value or right
        return value

    def term(self):
        value = self.factor()
        while self.peek() == "&":
            self.take()
            right = self.factor()
            value = value and right
        return value

    def factor(self):
        token = self.take()
        if token == "~":
            return not self.factor()
        if token == "(":
            value = self.expression()
            self.take(")")
            return value
        if isinstance(token, tuple):
            needed, hits = token[1], 0
            while True:
                hits += self.factor()
                if self.peek() == ",":
                    self.take()
                    continue
                self.take("}")
                return hits >= needed
        status = self.status_of(token)
        if self.peek() in ("=", "<>"):
            operator = self.take()
            word = str(self.take()).lower()
            if word == "not" and str(self.peek()).lower() == "attempted":
                word += " " + self.take().lower()  # the AICC status word with its space: two tokens
            wanted = _STATUS_WORDS.get(word)
            return (status == wanted) if operator == "=" else (status != wanted)
        return status in ("passed", "completed")


def prerequisites_met(expression, lesson_statuses) -> bool:
    """Whether an item's 1.2 prerequisites hold, given {item identifier: lesson status}."""
    if not expression or not expression.strip():
        return True
    try:
        return bool(_Prerequisites(expression, lambda identifier: lesson_statuses.get(identifier, "not attempted")).parse())
    except (ValueError, IndexError):
        return True


def toc_12(*, learner, version: PackageVersion, scos=None) -> list[dict]:
    """Each SCO of a 1.2 package with its status and whether its prerequisites allow it now."""
    scos = list(version.scos.all()) if scos is None else scos
    results = _sco_results(learner, version)
    statuses = {identifier: result.lesson_status for identifier, result in results.items()}
    # Items that are only containers are "completed" when all their SCOs are.
    _add_container_statuses(version.activity_tree, statuses)
    entries = []
    for sco in scos:
        result = results.get(sco.identifier, _ScoResult())
        entries.append({
            "sco": sco,
            "completion_status": result.completion_status,
            "success_status": result.success_status,
            "lesson_status": result.lesson_status,
            "available": prerequisites_met(sco.settings.get("prerequisites"), statuses),
        })
    return entries


def _add_container_statuses(node, statuses):
    children = node.get("children") or []
    for child in children:
        _add_container_statuses(child, statuses)
    if children and node.get("identifier"):
        child_statuses = [statuses.get(child.get("identifier"), "not attempted") for child in children]
        statuses.setdefault(node["identifier"], "completed" if all(s in ("passed", "completed") for s in child_statuses) else "incomplete")
