"""Reads of the catalog: a learner's state in modules and courses, derived from the
player's attempts (the player is the authority; nothing here is stored)."""

from dataclasses import dataclass, field
from datetime import datetime

from anyascii import anyascii
from django.db.models import Count, Q
from wagtail.models import Page

from scorm_player import cmi
from scorm_player.attempts import runtime_version
from scorm_player.models import Attempt
from scorm_player.navigation import uses_sequencing
from scorm_player.selectors import package_status_for_learner

from .models import CoursePage, ModulePage, ThemePage

NOT_STARTED, IN_PROGRESS, COMPLETED, PASSED, FAILED = "not_started", "in_progress", "completed", "passed", "failed"

# SCORM 1.2 lesson_status values that mean the learner got to the end (RTE 3.4.4).
_FINISHED_12 = {"completed", "passed", "failed"}


@dataclass(frozen=True)
class ScoResult:
    """The best of a learner's attempts at one SCO (by identifier, across package versions)."""

    started: bool = False
    completed: bool = False
    passed: bool = False
    failed: bool = False
    score_scaled: float | None = None
    suspended: bool = False
    last_activity_at: datetime | None = None
    total_seconds: float = 0


@dataclass(frozen=True)
class ModuleState:
    status: str = NOT_STARTED
    completed: bool = False
    passed: bool = False
    score_scaled: float | None = None
    resumable: bool = False  # an attempt waits to be resumed (exit=suspend)
    last_activity_at: datetime | None = None
    total_seconds: float = 0  # time spent over every attempt, as the server computed it

    @property
    def started(self):
        return self.status != NOT_STARTED


@dataclass
class CourseState:
    course: CoursePage
    modules: list = field(default_factory=list)  # [(ModulePage, ModuleState)] in course order

    @property
    def total(self):
        return len(self.modules)

    @property
    def done(self):
        return sum(1 for _, state in self.modules if self._counts(state))

    @property
    def completed(self):
        return self.total > 0 and self.done == self.total

    @property
    def started(self):
        return any(state.started for _, state in self.modules)

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0

    def _counts(self, state):
        if self.course.completion_rule == CoursePage.CompletionRule.ALL_PASSED:
            return state.passed
        return state.completed


def _attempt_result(attempt, previous: ScoResult) -> ScoResult:
    completion, success = attempt.completion_status, attempt.success_status
    completed = completion == "completed" or completion in _FINISHED_12
    passed = success == "passed" or completion == "passed"
    failed = success == "failed" or completion == "failed"
    scores = [s for s in (previous.score_scaled, attempt.score_scaled) if s is not None]
    return ScoResult(
        started=True,
        completed=previous.completed or completed,
        passed=previous.passed or passed,
        failed=(previous.failed or failed) and not (previous.passed or passed),
        score_scaled=max(scores) if scores else None,
        # The same rule the player's next launch follows (exit=suspend, or 2004 suspendAll).
        suspended=previous.suspended or (
            attempt.closed_at is None
            and cmi.next_entry(runtime_version(attempt.sco.version.scorm_version), attempt.state) == cmi.RESUME
        ),
        last_activity_at=max(filter(None, (previous.last_activity_at, attempt.last_activity_at)), default=None),
        total_seconds=previous.total_seconds + (attempt.total_seconds or 0),
    )


def _module_state(results: list[ScoResult]) -> ModuleState:
    """A module is completed when every SCO is; passed when every SCO is completed, none
    failed and at least one reports passed (content-only SCOs never report success)."""
    if not results or not any(r.started for r in results):
        return ModuleState()
    completed = all(r.completed for r in results)
    passed = completed and any(r.passed for r in results) and not any(r.failed for r in results)
    failed = any(r.failed for r in results)
    if passed:
        status = PASSED
    elif failed:
        status = FAILED
    elif completed:
        status = COMPLETED
    else:
        status = IN_PROGRESS
    scores = [r.score_scaled for r in results if r.score_scaled is not None]
    return ModuleState(
        status=status,
        completed=completed,
        passed=passed,
        score_scaled=sum(scores) / len(scores) if scores else None,
        resumable=any(r.suspended for r in results),
        last_activity_at=max((r.last_activity_at for r in results if r.last_activity_at), default=None),
        total_seconds=sum(r.total_seconds for r in results),
    )


def _sequenced_module_state(learner, version, sco_results) -> ModuleState:
    """SCORM 2004 multi-SCO packages: the status is the rolled-up root activity (remediation
    content the rules skip need not be completed); time and activity still come from the SCOs."""
    root = package_status_for_learner(learner=learner, version=version)
    completed = root["completion_status"] == "completed"
    passed = root["success_status"] == "passed"
    started = any(r.started for r in sco_results)
    if passed:
        status = PASSED
    elif root["success_status"] == "failed":
        status = FAILED
    elif completed:
        status = COMPLETED
    else:
        status = IN_PROGRESS if started else NOT_STARTED
    return ModuleState(
        status=status,
        completed=completed,
        passed=passed,
        score_scaled=root["score_scaled"],
        resumable=status == IN_PROGRESS,
        last_activity_at=max((r.last_activity_at for r in sco_results if r.last_activity_at), default=None),
        total_seconds=sum(r.total_seconds for r in sco_results),
    )


def module_states(*, learner, modules) -> dict:
    """{module page id: ModuleState} for a learner, in one query over their attempts.

    Attempts count by SCO identifier across every version of the module's package, so a
    new package version keeps what the learner already completed.
    """
    modules = [m for m in modules]
    states = {m.pk: ModuleState() for m in modules}
    if not learner.is_authenticated:
        return states
    by_package = {}
    for module in modules:
        version = module.version
        if version is not None:
            by_package.setdefault(module.package_id, []).append((module, version))
    if not by_package:
        return states
    results = {}  # (package id, sco identifier) -> ScoResult
    attempts = (
        Attempt.objects.filter(learner=learner, sco__version__package_id__in=by_package)
        .select_related("sco__version")
        .order_by("started_at", "pk")
    )
    for attempt in attempts:
        key = (attempt.sco.version.package_id, attempt.sco.identifier)
        results[key] = _attempt_result(attempt, results.get(key, ScoResult()))
    for package_id, entries in by_package.items():
        for module, version in entries:
            scos = list(version.scos.all())
            sco_results = [results.get((package_id, sco.identifier), ScoResult()) for sco in scos]
            if uses_sequencing(version, scos):
                states[module.pk] = _sequenced_module_state(learner, version, sco_results)
            else:
                states[module.pk] = _module_state(sco_results)
    return states


def module_state(*, learner, module: ModulePage) -> ModuleState:
    return module_states(learner=learner, modules=[module])[module.pk]


def course_state(*, learner, course: CoursePage) -> CourseState:
    modules = course.modules()
    states = module_states(learner=learner, modules=modules)
    return CourseState(course=course, modules=[(m, states[m.pk]) for m in modules])


@dataclass(frozen=True)
class ModuleActivity:
    """How many distinct learners started and finished a module (for editors)."""

    started: int = 0
    finished: int = 0


def module_activity(*, module: ModulePage) -> ModuleActivity:
    """Distinct learners with an attempt at the module's package (any version), and those who
    completed every SCO of the version learners play now (matched by SCO identifier)."""
    version = module.version
    if version is None:
        return ModuleActivity()
    attempts = Attempt.objects.filter(sco__version__package_id=module.package_id)
    started = attempts.values("learner_id").distinct().count()
    identifiers = list(version.scos.values_list("identifier", flat=True))
    if not identifiers:
        return ModuleActivity(started=started)
    finished = (
        attempts.filter(sco__identifier__in=identifiers)
        .filter(Q(completion_status__in=_FINISHED_12) | Q(success_status="passed"))
        .values("learner_id")
        .annotate(scos_done=Count("sco__identifier", distinct=True))
        .filter(scos_done=len(identifiers))
        .count()
    )
    return ModuleActivity(started=started, finished=finished)


def fold(text: str) -> str:
    """Lower-case ASCII spelling ("Tiếng Việt" -> "tieng viet"): learners often type without diacritics."""
    return anyascii(text or "").lower()


def catalog_search(*, query: str, limit=50) -> list:
    """Live themes, modules and courses matching the query, best first.

    Wagtail's search backend ranks matches over every indexed field; it compares words as
    typed, so a second pass matches the query without diacritics against titles and
    summaries spelled without them (the catalog is tens of pages, read in three queries).
    """
    query = " ".join(query.split())
    if not query:
        return []
    page_types = (ThemePage, ModulePage, CoursePage)
    found = {}
    ranked = Page.objects.live().type(*page_types).search(query)[:limit]
    for page in ranked:
        found.setdefault(page.pk, None)
    terms = fold(query).split()
    for model in page_types:
        for page in model.objects.live().only("id", "title", "summary"):
            if all(term in fold(f"{page.title} {page.summary}") for term in terms):
                found.setdefault(page.pk, None)
    ids = list(found)[:limit]
    pages = Page.objects.filter(pk__in=ids).specific().in_bulk()
    return [pages[pk] for pk in ids if pk in pages]
