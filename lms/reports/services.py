"""Report exports: request one (small ones are written at once by the view, long ones here, in
Celery), and write it in chunks with progress."""

import logging
import os
import tempfile
from datetime import date

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.models import ReportExport

from . import exports, registry, selectors
from .access import ReportScope

logger = logging.getLogger(__name__)

KIND_COURSE_REPORT = "course_report"
KIND_UNIT_REPORT = "unit_report"
KIND_LEARNERS = "learners"
KINDS = (KIND_COURSE_REPORT, KIND_UNIT_REPORT, KIND_LEARNERS)


class ExportRejected(Exception):
    pass


def export_params(*, filters: selectors.ReportFilters, unit_paths):
    """What a job needs to rebuild the table later: the filters and the units, fixed at request time."""
    return {**filters.as_params(), "unit_paths": list(unit_paths) if unit_paths is not None else None}


def _filters_and_scope(params):
    unit_paths = tuple(params["unit_paths"]) if params.get("unit_paths") is not None else None
    scope = ReportScope(all_units=unit_paths is None, unit_paths=unit_paths or ())
    filters = selectors.ReportFilters(
        course_id=params.get("course_id"),
        date_basis=params.get("date_basis") or selectors.DATE_BASIS_COMPLETION,
        date_from=date.fromisoformat(params["date_from"]) if params.get("date_from") else None,
        date_to=date.fromisoformat(params["date_to"]) if params.get("date_to") else None,
    )
    return filters, scope, unit_paths


def export_table(*, kind, params):
    """(title, headers, row chunks, total rows) of the table an export writes."""
    filters, scope, unit_paths = _filters_and_scope(params)
    if kind == KIND_COURSE_REPORT:
        headers, rows = exports.course_report_table(selectors.course_report(scope=scope, filters=filters))
        return _("Course report"), headers, [rows], len(rows)
    if kind == KIND_UNIT_REPORT:
        headers, rows = exports.unit_report_table(selectors.unit_report(scope=scope, filters=filters))
        return _("Unit report"), headers, [rows], len(rows)
    if kind == KIND_LEARNERS:
        if not filters.course_id:
            raise ExportRejected(_("Choose a course to export its learners."))
        modules = selectors.course_modules(course_id=filters.course_id)
        certified_known = registry.certified_learners_known()
        total, chunks = exports.learner_export_rows(course_id=filters.course_id, unit_paths=unit_paths)
        return _("Learners"), exports.learner_export_headers(modules, certified_known), chunks, total
    raise ExportRejected(_("Unknown report: %(kind)s") % {"kind": kind})


def export_needs_worker(*, kind, params):
    """Learner lists above SYNC_EXPORT_MAX_ROWS go to Celery; unit and course tables are always small."""
    if kind != KIND_LEARNERS:
        return False
    _filters, _scope, unit_paths = _filters_and_scope(params)
    total = selectors.course_learners(course_id=params.get("course_id"), unit_paths=unit_paths).count()
    return total > exports.SYNC_EXPORT_MAX_ROWS


def report_export_request(*, user, kind, file_format, params) -> ReportExport:
    """Record the job and hand it to a worker once the row is committed."""
    if kind not in KINDS:
        raise ExportRejected(_("Unknown report: %(kind)s") % {"kind": kind})
    if file_format not in ReportExport.Format.values:
        raise ExportRejected(_("Unknown file format: %(format)s") % {"format": file_format})
    from .tasks import report_export_run_task

    export = ReportExport.objects.create(requested_by=user, kind=kind, file_format=file_format, params=params)
    report_export_run_task.delay_on_commit(export.pk)
    return export


def report_export_run(*, export_id):
    """Write the export file in chunks, updating progress. Idempotent: a finished job is left
    alone; a job interrupted by a dying worker (acks_late redelivers it) starts over."""
    with transaction.atomic():
        export = ReportExport.objects.select_for_update().filter(pk=export_id).first()
        if export is None or export.status == ReportExport.Status.SUCCEEDED:
            return export
        export.status = ReportExport.Status.RUNNING
        export.rows_done = 0
        export.error = ""
        export.save(update_fields=["status", "rows_done", "error"])
    try:
        title, headers, chunks, total = export_table(kind=export.kind, params=export.params)
        ReportExport.objects.filter(pk=export.pk).update(rows_total=total)
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, f"export.{export.file_format}")
            done = _write_file(path=path, export=export, title=title, headers=headers, chunks=chunks, total=total)
            stale_name = export.file.name
            with open(path, "rb") as handle:
                stored_name = default_storage.save(
                    f"report-exports/{export.pk}-{export.kind}-{timezone.now():%Y%m%d-%H%M%S}.{export.file_format}",
                    File(handle),
                )
        if stale_name and stale_name != stored_name:
            default_storage.delete(stale_name)
        ReportExport.objects.filter(pk=export.pk).update(
            status=ReportExport.Status.SUCCEEDED, file=stored_name, rows_done=done, rows_total=done,
            finished_at=timezone.now(),
        )
    except Exception as error:  # noqa: BLE001 - the job records why it failed; the page shows it
        logger.exception("report export %s failed", export_id)
        message = str(error) if isinstance(error, ExportRejected) else _("The export failed. Please try again.")
        ReportExport.objects.filter(pk=export.pk).update(
            status=ReportExport.Status.FAILED, error=message, finished_at=timezone.now())
    export.refresh_from_db()
    return export


def _write_file(*, path, export, title, headers, chunks, total):
    done = 0
    if export.file_format == ReportExport.Format.CSV:
        handle = open(path, "w", encoding="utf-8", newline="")
        writer = exports.CsvTableWriter(handle)
    else:
        handle = None
        writer = exports.XlsxTableWriter(path, title)
    try:
        writer.write_rows([headers])
        for rows in chunks:
            writer.write_rows(rows)
            done += len(rows)
            # Rows may have been added since the count: the bar never passes the total.
            ReportExport.objects.filter(pk=export.pk).update(rows_done=min(done, total))
        writer.close()
    finally:
        if handle:
            handle.close()
    return done
