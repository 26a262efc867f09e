"""CSV and XLSX writers for every report table, fed by row generators that read in chunks
(a course with 300,000 learners never sits in memory)."""

import csv
import io
import os

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from lms.models import ModuleProgress

from . import selectors

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


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def learner_export_headers(modules, certified_known):
    headers = [_("Unit code"), _("Unit"), _("Full name"), _("Phone number"), _("Position"), _("Enrolment"),
               _("Enrolled at"), _("Deadline"), _("Started at"), _("Completed at"), _("Overdue")]
    if certified_known:
        headers.append(_("Certified"))
    return headers + [module.title for module in modules]


def learner_export_chunks(*, course_id, unit_paths, chunk_size=None):
    """Yield lists of rows (learners by id, keyset-paginated): four queries per chunk."""
    modules = selectors.course_modules(course_id=course_id)
    learners = selectors.course_learners(course_id=course_id, unit_paths=unit_paths).select_related("unit").order_by("id")
    chunk_size = chunk_size or EXPORT_CHUNK_SIZE
    status_labels = dict(ModuleProgress.Status.choices)
    yes, no = _("Yes"), _("No")
    last_id = 0
    while True:
        chunk = list(learners.filter(id__gt=last_id)[:chunk_size])
        if not chunk:
            return
        last_id = chunk[-1].id
        rows = []
        for row in selectors.learner_rows(course_id=course_id, learners=chunk, modules=modules):
            learner = row.learner
            cells = [
                learner.unit.code if learner.unit else "", learner.unit.name if learner.unit else "",
                learner.full_name, learner.phone or "", learner.position,
                {"assigned": _("Assigned"), "self": _("Self")}.get(row.enrolment_source, ""),
                _local(row.enrolled_at), row.deadline.isoformat() if row.deadline else "",
                _local(row.started_at), _local(row.completed_at), yes if row.overdue else no,
            ]
            if row.certified is not None:
                cells.append(yes if row.certified else no)
            rows.append(cells + [str(status_labels.get(status, status)) for status in row.module_statuses])
        yield rows


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
