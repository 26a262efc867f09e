"""CSV and XLSX writers for every report table, fed by row generators that read in chunks
(a course with 300,000 learners never sits in memory)."""

import csv
import io
import os

from datetime import date
from datetime import timezone as dt_timezone

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from openpyxl import Workbook

from lms.models import ModuleProgress

from . import registry, selectors

# Rows per read (and per progress update) of a learner export; an environment variable so that
# tests can make a worker process write small chunks.
EXPORT_CHUNK_SIZE = int(os.environ.get("LMS_REPORT_EXPORT_CHUNK_SIZE", 2000))
# Learner exports above this many rows run in Celery; smaller ones stream straight back.
SYNC_EXPORT_MAX_ROWS = 5000


def _count_headers(certified_known):
    headers = [_("Learners"), _("Enrolled"), _("Assigned"), _("Started"), _("Completed"), _("Completion rate (percent)"), _("Overdue")]
    if certified_known:
        headers.append(_("Certified"))
    return headers


def _count_cells(counts, certified_known):
    cells = [counts.learners, counts.enrolled, counts.assigned, counts.started, counts.completed,
             counts.percent_completed, counts.overdue]
    if certified_known:
        cells.append(counts.certified)
    return cells


def course_report_table(report):
    """(headers, rows) of the course report: one row per unit, then the total."""
    headers = [_("Unit code"), _("Unit")] + _count_headers(report.certified_known)
    rows = [
        [row.key.code if row.key else "", row.key.name if row.key else _("No unit")]
        + _count_cells(row.counts, report.certified_known)
        for row in report.rows
    ]
    rows.append(["", _("Total")] + _count_cells(report.total, report.certified_known))
    return headers, rows


def unit_report_table(report):
    """(headers, rows) of the unit report: one row per course, then the total."""
    headers = [_("Course")] + _count_headers(report.certified_known)
    rows = [[row.key.title] + _count_cells(row.counts, report.certified_known) for row in report.rows]
    rows.append([_("Total")] + _count_cells(report.total, report.certified_known))
    return headers, rows


def learner_export_headers(modules, certified_known):
    headers = [_("Unit code"), _("Unit"), _("Full name"), _("Phone number"), _("Position"), _("Enrolment"),
               _("Enrolled at"), _("Deadline"), _("Started at"), _("Completed at"), _("Overdue")]
    if certified_known:
        headers.append(_("Certified"))
    return headers + [module.title for module in modules]


def _moment_text(value, zone):
    """Local "YYYY-MM-DD HH:MM" of a datetime from the raw cursor (SQLite hands back text; naive = UTC)."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt_timezone.utc)
    return value.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def learner_export_rows(*, course_id, unit_paths, chunk_size=None):
    """(number of rows, generator of row lists). One count, then one query streamed through a
    server-side cursor (no per-chunk re-filtering, no model instances), plus one certificate
    lookup per chunk when the certificates app is there."""
    chunk_size = chunk_size or EXPORT_CHUNK_SIZE
    modules = selectors.course_modules(course_id=course_id)
    from_sql, params = selectors.course_learners_sql(course_id=course_id, unit_paths=unit_paths)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) {from_sql}", params)
        (total,) = cursor.fetchone()
    module_columns = ", ".join(
        f"(SELECT mp.status FROM {ModuleProgress._meta.db_table} mp WHERE mp.learner_id = l.user_id AND mp.module_id = %s)"
        for _module in modules
    )
    sql = (
        "SELECT l.user_id, u.code, u.name, l.full_name, l.phone, l.position, e.source, e.created_at, e.deadline,"
        f" cp.started_at, cp.completed_at{', ' + module_columns if module_columns else ''} {from_sql} ORDER BY l.id"
    )
    sql_params = [module.pk for module in modules] + params
    status_labels = {value: str(label) for value, label in ModuleProgress.Status.choices}
    not_started = status_labels[ModuleProgress.Status.NOT_STARTED]
    sources = {"assigned": _("Assigned"), "self": _("Self")}
    yes, no = _("Yes"), _("No")
    today = timezone.localdate()
    zone = timezone.get_current_timezone()

    def chunks():
        with connection.chunked_cursor() as cursor:
            cursor.execute(sql, sql_params)
            while True:
                fetched = cursor.fetchmany(chunk_size)
                if not fetched:
                    return
                certified = registry.certified_learners(course_id=course_id, user_ids=[row[0] for row in fetched])
                rows = []
                for (user_id, unit_code, unit_name, full_name, phone, position, source, enrolled_at, deadline,
                     started_at, completed_at, *statuses) in fetched:
                    if isinstance(deadline, str):
                        deadline = date.fromisoformat(deadline)
                    overdue = source == "assigned" and deadline is not None and deadline < today and completed_at is None
                    cells = [
                        unit_code or "", unit_name or "", full_name, phone or "", position or "", sources.get(source, ""),
                        _moment_text(enrolled_at, zone), deadline.isoformat() if deadline else "",
                        _moment_text(started_at, zone), _moment_text(completed_at, zone), yes if overdue else no,
                    ]
                    if certified is not None:
                        cells.append(yes if user_id in certified else no)
                    rows.append(cells + [status_labels.get(status, not_started) for status in statuses])
                yield rows

    return total, chunks()


def _csv_safe(value):
    """Spreadsheet apps run cells that start with = + - @ as formulas (CSV injection): quote them."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


class CsvTableWriter:
    """UTF-8 with a BOM so that Excel shows Vietnamese names right."""

    def __init__(self, stream):
        self.stream = stream
        self.stream.write("\ufeff")
        self.writer = csv.writer(stream)

    def write_rows(self, rows):
        self.writer.writerows([[_csv_safe(value) for value in row] for row in rows])

    def close(self):
        pass


class XlsxTableWriter:
    """openpyxl's write-only mode: rows go to a temporary file, not into memory."""

    def __init__(self, path_or_stream, title):
        self.target = path_or_stream
        self.workbook = Workbook(write_only=True)
        self.sheet = self.workbook.create_sheet(title=title[:31])

    def write_rows(self, rows):
        for row in rows:
            self.sheet.append([_csv_safe(value) for value in row])

    def close(self):
        self.workbook.save(self.target)


class _Echo:
    def write(self, value):
        return value


def csv_stream(headers, row_chunks):
    """Lines of CSV for a StreamingHttpResponse."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(headers)
    for rows in row_chunks:
        yield "".join(writer.writerow([_csv_safe(value) for value in row]) for row in rows)


def xlsx_bytes(headers, row_chunks, title):
    buffer = io.BytesIO()
    writer = XlsxTableWriter(buffer, title)
    writer.write_rows([headers])
    for rows in row_chunks:
        writer.write_rows(rows)
    writer.close()
    return buffer.getvalue()
