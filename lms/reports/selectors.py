"""The report queries. Each page is a fixed number of grouped aggregate queries: the count
of queries does not grow with the number of units, courses or learners shown.

Counts per (course, learner) pair, where a pair exists when the learner is enrolled in the
course or has progress in it:
- enrolled: an enrolment row (self or assigned); assigned: an assigned one;
- started / completed: from CourseProgress (`completed_at` is the completion event);
- overdue: assigned, deadline passed (before today) and not completed;
- certified: from whatever the certificates app registers (see registry.py).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import TruncDate
from django.utils import timezone

from courses.models import CourseModule, CoursePage, Enrolment
from lms.models import CourseProgress, Learner, ModuleProgress, OrgUnit

from . import registry
from .access import ReportScope

DATE_BASIS_ENROLMENT = "enrolment"
DATE_BASIS_COMPLETION = "completion"
LEARNERS_PER_PAGE = 50


@dataclass(frozen=True)
class ReportFilters:
    """What the viewer asked for, already checked against their scope (see `filters_unit_paths`)."""

    course_id: int | None = None
    unit: OrgUnit | None = None  # the root of a subtree, or None for every unit in scope
    date_basis: str = DATE_BASIS_COMPLETION
    date_from: date | None = None
    date_to: date | None = None  # inclusive

    def as_params(self):
        return {
            "course_id": self.course_id,
            "unit_id": self.unit.pk if self.unit else None,
            "date_basis": self.date_basis,
            "date_from": self.date_from.isoformat() if self.date_from else None,
            "date_to": self.date_to.isoformat() if self.date_to else None,
        }


@dataclass
class Counts:
    learners: int = 0
    enrolled: int = 0
    assigned: int = 0
    started: int = 0
    completed: int = 0
    overdue: int = 0
    certified: int | None = None  # None: no certificate provider registered

    @property
    def percent_completed(self):
        return round(100 * self.completed / self.learners) if self.learners else 0

    def add(self, other):
        for name in ("learners", "enrolled", "assigned", "started", "completed", "overdue"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        if other.certified is not None:
            self.certified = (self.certified or 0) + other.certified


@dataclass
class ReportRow:
    key: object  # an OrgUnit (course report) or a CoursePage (unit report); None = learners without a unit
    counts: Counts


@dataclass
class Report:
    rows: list
    total: Counts
    certified_known: bool
    completions: list = field(default_factory=list)  # [(bucket start date, n)]
    bucket: str = "day"


def filters_unit_paths(*, scope: ReportScope, unit: OrgUnit | None):
    """The path prefixes to report on, or None for every unit (and learners without one)."""
    if unit is not None:
        return (unit.path,)
    if scope.all_units:
        return None
    return scope.unit_paths


def _date_range(filters):
    """[start, end) as aware datetimes in the site's time zone, either end open."""
    zone = timezone.get_current_timezone()
    start = datetime.combine(filters.date_from, time.min, tzinfo=zone) if filters.date_from else None
    end = datetime.combine(filters.date_to + timedelta(days=1), time.min, tzinfo=zone) if filters.date_to else None
    return start, end


def _pairs_from_sql(*, course_ids, unit_paths, conditions=(), condition_params=()):
    """FROM/WHERE of the (learner, course) pairs: enrolments FULL JOIN course progress, with the
    learner (l) and unit (u). Aliases e, cp, l, u. Returns (sql, params).

    With some units only, both sides are first narrowed to those units' learners (a semi-join
    probing the (learner, course) unique indexes), so a commune's report does not read the whole
    city's rows."""
    course_placeholders = ", ".join(["%s"] * len(course_ids))
    scope_sql, scope_params = "", []
    where, where_params = list(conditions), list(condition_params)
    if unit_paths is not None:
        path_condition = " OR ".join(["su.path LIKE %s"] * len(unit_paths)) or "1 = 0"
        scope_sql = (
            f" AND learner_id IN (SELECT sl.user_id FROM {Learner._meta.db_table} sl"
            f" JOIN {OrgUnit._meta.db_table} su ON su.id = sl.unit_id WHERE {path_condition})"
        )
        scope_params = [f"{path}%" for path in unit_paths]
        where.append("(" + (" OR ".join(["u.path LIKE %s"] * len(unit_paths)) or "1 = 0") + ")")
        where_params.extend(scope_params)
    sql = f"""
        FROM (SELECT learner_id, course_id, source, deadline, created_at FROM {Enrolment._meta.db_table}
              WHERE course_id IN ({course_placeholders}){scope_sql}) e
        FULL JOIN (SELECT learner_id, course_id, started_at, completed_at FROM {CourseProgress._meta.db_table}
                   WHERE course_id IN ({course_placeholders}){scope_sql}) cp
               ON cp.learner_id = e.learner_id AND cp.course_id = e.course_id
        JOIN {Learner._meta.db_table} l ON l.user_id = COALESCE(e.learner_id, cp.learner_id)
        LEFT JOIN {OrgUnit._meta.db_table} u ON u.id = l.unit_id
        {"WHERE " + " AND ".join(where) if where else ""}
    """
    params = [*course_ids, *scope_params, *course_ids, *scope_params, *where_params]
    return sql, params


def _progress_counts(*, group_by, course_ids, unit_paths, filters):
    """{key: Counts} with key = unit id (group_by="unit") or course id (group_by="course"), one query."""
    if not course_ids or unit_paths == ():
        return {}
    group_column = "l.unit_id" if group_by == "unit" else "COALESCE(e.course_id, cp.course_id)"
    start, end = _date_range(filters)
    completed_condition, completed_params = "cp.completed_at IS NOT NULL", []
    extra_where, extra_params = [], []
    if filters.date_basis == DATE_BASIS_COMPLETION:
        if start:
            completed_condition += " AND cp.completed_at >= %s"
            completed_params.append(start)
        if end:
            completed_condition += " AND cp.completed_at < %s"
            completed_params.append(end)
    else:
        # Enrolment basis: the population is the learners enrolled within the range.
        if start:
            extra_where.append("e.created_at >= %s")
            extra_params.append(start)
        if end:
            extra_where.append("e.created_at < %s")
            extra_params.append(end)
    from_sql, from_params = _pairs_from_sql(
        course_ids=course_ids, unit_paths=unit_paths, conditions=extra_where, condition_params=extra_params)
    # COUNT(column) counts the pairs where that side exists (the FULL JOIN leaves the other NULL).
    sql = f"""
        SELECT {group_column} AS group_key,
               COUNT(*) AS learners,
               COUNT(e.learner_id) AS enrolled,
               COUNT(e.learner_id) FILTER (WHERE e.source = %s) AS assigned,
               COUNT(cp.learner_id) FILTER (WHERE cp.started_at IS NOT NULL OR cp.completed_at IS NOT NULL) AS started,
               COUNT(cp.learner_id) FILTER (WHERE {completed_condition}) AS completed,
               COUNT(e.learner_id) FILTER (WHERE e.source = %s AND e.deadline < %s AND cp.completed_at IS NULL) AS overdue
        {from_sql}
        GROUP BY group_key
    """
    params = [
        Enrolment.Source.ASSIGNED, *completed_params, Enrolment.Source.ASSIGNED, timezone.localdate(),
        *from_params,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {key: Counts(*values) for key, *values in cursor.fetchall()}


def _learners_in(unit_paths):
    """Learners in the subtrees (None: everyone; an empty tuple: no one)."""
    learners = Learner.objects.all()
    if unit_paths == ():
        return learners.none()
    if unit_paths is not None:
        condition = Q()
        for path in unit_paths:
            condition |= Q(unit__path__startswith=path)
        learners = learners.filter(condition)
    return learners


def _certified(*, course_ids, unit_paths):
    return registry.certified_counts(course_ids=course_ids, learners=_learners_in(unit_paths))


def units_in(unit_paths):
    """The units of the subtrees, in tree order (None: every unit; an empty tuple: none)."""
    units = OrgUnit.objects.order_by("path")
    if unit_paths == ():
        return []
    if unit_paths is not None:
        condition = Q()
        for path in unit_paths:
            condition |= Q(path__startswith=path)
        units = units.filter(condition)
    return list(units)


def report_courses():
    """Every course, for the filters and the unit report's rows."""
    return list(CoursePage.objects.order_by("path").only("id", "title", "path", "live"))


def course_report(*, scope: ReportScope, filters: ReportFilters) -> Report:
    """Rows = units (every unit in scope, in tree order) for one course."""
    unit_paths = filters_unit_paths(scope=scope, unit=filters.unit)
    course_ids = [filters.course_id] if filters.course_id else []
    counts = _progress_counts(group_by="unit", course_ids=course_ids, unit_paths=unit_paths, filters=filters)
    certified = _certified(course_ids=course_ids, unit_paths=unit_paths)
    rows = [ReportRow(unit, counts.get(unit.pk) or Counts()) for unit in units_in(unit_paths)]
    if None in counts:
        rows.append(ReportRow(None, counts[None]))
    if certified is not None:
        for row in rows:
            row.counts.certified = certified.get((filters.course_id, row.key.pk if row.key else None), 0)
    total = Counts(certified=0 if certified is not None else None)
    for row in rows:
        total.add(row.counts)
    completions, bucket = completions_over_time(course_ids=course_ids, unit_paths=unit_paths, filters=filters)
    return Report(rows=rows, total=total, certified_known=certified is not None, completions=completions, bucket=bucket)


def unit_report(*, scope: ReportScope, filters: ReportFilters) -> Report:
    """Rows = courses, for one unit subtree (or every unit in scope)."""
    unit_paths = filters_unit_paths(scope=scope, unit=filters.unit)
    courses = report_courses()
    course_ids = [course.pk for course in courses]
    counts = _progress_counts(group_by="course", course_ids=course_ids, unit_paths=unit_paths, filters=filters)
    certified = _certified(course_ids=course_ids, unit_paths=unit_paths)
    certified_by_course = defaultdict(int)
    for (course_id, _unit_id), n in (certified or {}).items():
        certified_by_course[course_id] += n
    rows = []
    for course in courses:
        row = ReportRow(course, counts.get(course.pk) or Counts())
        if certified is not None:
            row.counts.certified = certified_by_course[course.pk]
        rows.append(row)
    total = Counts(certified=0 if certified is not None else None)
    for row in rows:
        total.add(row.counts)
    completions, bucket = completions_over_time(course_ids=course_ids, unit_paths=unit_paths, filters=filters)
    return Report(rows=rows, total=total, certified_known=certified is not None, completions=completions, bucket=bucket)


def completions_over_time(*, course_ids, unit_paths, filters):
    """Completions per day, or per week/month over longer spans: ([(date, n)], "day"|"week"|"month").

    Counted by `CourseProgress.completed_at` within the date range (or all time), one query.
    """
    if not course_ids or unit_paths == ():
        return [], "day"
    progress = CourseProgress.objects.filter(course_id__in=course_ids, completed_at__isnull=False)
    if unit_paths is not None:
        condition = Q()
        for path in unit_paths:
            condition |= Q(learner__learner__unit__path__startswith=path)
        progress = progress.filter(condition)
    start, end = _date_range(filters)
    if start:
        progress = progress.filter(completed_at__gte=start)
    if end:
        progress = progress.filter(completed_at__lt=end)
    per_day = list(
        progress.annotate(day=TruncDate("completed_at", tzinfo=timezone.get_current_timezone()))
        .values_list("day").annotate(n=Count("id")).order_by("day")
    )
    if not per_day:
        return [], "day"
    first = filters.date_from or per_day[0][0]
    last = filters.date_to or per_day[-1][0]
    span = (last - first).days
    if span <= 62:
        bucket, bucket_start = "day", (lambda day: day)
    elif span <= 2 * 366:
        bucket, bucket_start = "week", (lambda day: day - timedelta(days=day.weekday()))
    else:
        bucket, bucket_start = "month", (lambda day: day.replace(day=1))
    totals = defaultdict(int)
    for day, n in per_day:
        totals[bucket_start(day)] += n
    # Fill the empty buckets so the chart's x axis is time, not just the days with data.
    filled, cursor = [], bucket_start(first)
    while cursor <= last:
        filled.append((cursor, totals.get(cursor, 0)))
        if bucket == "day":
            cursor += timedelta(days=1)
        elif bucket == "week":
            cursor += timedelta(days=7)
        else:
            cursor = (cursor.replace(day=28) + timedelta(days=4)).replace(day=1)
    return filled, bucket


# --- Learners of a course (drill-down and exports)


@dataclass
class LearnerRow:
    learner: Learner
    enrolment_source: str | None
    deadline: date | None
    enrolled_at: datetime | None
    started_at: datetime | None
    completed_at: datetime | None
    overdue: bool
    certified: bool | None
    module_statuses: list  # one status per course module, in course order


def course_modules(*, course_id):
    """The course's modules in order, one query."""
    return [
        link.module
        for link in CourseModule.objects.filter(course_id=course_id).select_related("module").order_by("sort_order")
    ]


def course_learners(*, course_id, unit_paths):
    """Learners (in the given units) enrolled in the course or with progress in it, as a queryset."""
    learners = _learners_in(unit_paths)
    if unit_paths is None:
        # Every unit: hashed subplans over the course's enrolled and progressing learners.
        enrolled = Enrolment.objects.filter(course_id=course_id).values("learner_id")
        progressed = CourseProgress.objects.filter(course_id=course_id).values("learner_id")
        return learners.filter(Q(user_id__in=enrolled) | Q(user_id__in=progressed))
    # Some units: the pairs narrowed to those units' learners first (see _pairs_from_sql), so a
    # commune's list does not hash every enrolment of the course.
    from_sql, params = course_learners_sql(course_id=course_id, unit_paths=unit_paths)
    return learners.filter(id__in=RawSQL(f"SELECT l.id {from_sql}", params))


def course_learners_sql(*, course_id, unit_paths):
    """The FROM/WHERE of "learners enrolled in or progressing in the course" for raw, streamed reads
    (aliases: e enrolment, cp course progress, l learner, u unit), with its parameters."""
    return _pairs_from_sql(course_ids=[course_id], unit_paths=unit_paths)


def learner_rows(*, course_id, learners, modules):
    """LearnerRow for each learner given (a list): three queries whatever their number."""
    user_ids = [learner.user_id for learner in learners]
    enrolments = {
        row["learner_id"]: row
        for row in Enrolment.objects.filter(course_id=course_id, learner_id__in=user_ids).values(
            "learner_id", "source", "deadline", "created_at")
    }
    progress = {
        row["learner_id"]: row
        for row in CourseProgress.objects.filter(course_id=course_id, learner_id__in=user_ids).values(
            "learner_id", "started_at", "completed_at")
    }
    statuses = {
        (learner_id, module_id): status
        for learner_id, module_id, status in ModuleProgress.objects.filter(
            learner_id__in=user_ids, module_id__in=[module.pk for module in modules]
        ).values_list("learner_id", "module_id", "status")
    }
    certified = registry.certified_learners(course_id=course_id, user_ids=user_ids)
    today = timezone.localdate()
    rows = []
    for learner in learners:
        enrolment = enrolments.get(learner.user_id) or {}
        course_progress = progress.get(learner.user_id) or {}
        completed_at = course_progress.get("completed_at")
        deadline = enrolment.get("deadline")
        rows.append(LearnerRow(
            learner=learner,
            enrolment_source=enrolment.get("source"),
            deadline=deadline,
            enrolled_at=enrolment.get("created_at"),
            started_at=course_progress.get("started_at"),
            completed_at=completed_at,
            overdue=bool(enrolment.get("source") == Enrolment.Source.ASSIGNED and deadline and deadline < today
                         and completed_at is None),
            certified=None if certified is None else learner.user_id in certified,
            module_statuses=[statuses.get((learner.user_id, module.pk), ModuleProgress.Status.NOT_STARTED)
                             for module in modules],
        ))
    return rows


def course_learners_page(*, course_id, unit_paths, page_number):
    """One page (50) of the drill-down: (page, modules, rows); five queries whatever the page size."""
    modules = course_modules(course_id=course_id)
    learners = course_learners(course_id=course_id, unit_paths=unit_paths).select_related("unit").order_by(
        "unit__path", "full_name", "id")
    page = Paginator(learners, LEARNERS_PER_PAGE).get_page(page_number)
    rows = learner_rows(course_id=course_id, learners=list(page.object_list), modules=modules)
    return page, modules, rows
