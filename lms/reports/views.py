"""Wagtail admin report pages: course report (rows = units), unit report (rows = courses),
drill-down to learners, exports. Thin: the queries live in selectors, the jobs in services."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.models import ReportExport

from . import charts, exports, selectors, services
from .access import report_scope_for, user_can_view_reports
from .forms import ReportFilterForm


def reports_access_required(view):
    """Reports need `lms.view_reports` or a UnitManager row (Wagtail already asked for a login)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not user_can_view_reports(user=request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _filters(request, data, *, require_course=False):
    """(scope, form, filters, courses); a unit outside the viewer's scope is refused outright."""
    scope = report_scope_for(user=request.user)
    courses = selectors.report_courses()
    units = [] if scope.is_empty else selectors.units_in(selectors.filters_unit_paths(scope=scope, unit=None))
    if require_course and courses and not data.get("course"):
        # The page shows the first course: the select says so too.
        data = data.copy()
        data["course"] = str(courses[0].pk)
    form = ReportFilterForm(
        data, courses=courses, units=units,
        all_units_label=_("All units") if scope.all_units else _("All my units"),
    )
    form.is_valid()
    if form.has_error("unit") and data.get("unit"):
        raise PermissionDenied
    filters = form.filters(default_course=courses[0].pk if courses and require_course else None)
    return scope, form, filters, courses


def _query_string(filters, **overrides):
    params = {key: value for key, value in filters.as_params().items() if value not in (None, "")}
    params["unit"] = params.pop("unit_id", None)
    params["course"] = params.pop("course_id", None)
    params.update(overrides)
    return urlencode({key: value for key, value in params.items() if value not in (None, "")})


@reports_access_required
def course_report_view(request):
    scope, form, filters, courses = _filters(request, request.GET, require_course=True)
    report = selectors.course_report(scope=scope, filters=filters) if filters.course_id else None
    return TemplateResponse(request, "lms/reports/course_report.html", {
        "form": form, "filters": filters, "report": report, "scope": scope,
        "course": form.courses_by_id.get(filters.course_id),
        "chart": charts.completions_chart(report.completions, report.bucket) if report else None,
        "query_string": _query_string(filters),
    })


@reports_access_required
def unit_report_view(request):
    scope, form, filters, courses = _filters(request, request.GET)
    report = selectors.unit_report(scope=scope, filters=filters)
    return TemplateResponse(request, "lms/reports/unit_report.html", {
        "form": form, "filters": filters, "report": report, "scope": scope,
        "chart": charts.completions_chart(report.completions, report.bucket),
        "query_string": _query_string(filters),
    })


@reports_access_required
def course_learners_view(request):
    scope, form, filters, courses = _filters(request, request.GET, require_course=True)
    if not filters.course_id:
        raise Http404
    unit_paths = selectors.filters_unit_paths(scope=scope, unit=filters.unit)
    if scope.is_empty:
        raise PermissionDenied
    page, modules, rows = selectors.course_learners_page(
        course_id=filters.course_id, unit_paths=unit_paths, page_number=request.GET.get("page"))
    return TemplateResponse(request, "lms/reports/course_learners.html", {
        "form": form, "filters": filters, "page": page, "modules": modules, "rows": rows,
        "course": form.courses_by_id.get(filters.course_id),
        "query_string": _query_string(filters),
        "certified_known": bool(rows) and rows[0].certified is not None,
    })


@reports_access_required
@require_POST
def export_view(request, kind):
    if kind not in services.KINDS:
        raise Http404
    scope, form, filters, courses = _filters(request, request.POST, require_course=kind != services.KIND_UNIT_REPORT)
    if scope.is_empty:
        raise PermissionDenied
    file_format = request.POST.get("format", ReportExport.Format.CSV)
    if file_format not in ReportExport.Format.values:
        return HttpResponse(_("Unknown file format: %(format)s") % {"format": file_format}, status=400)
    params = services.export_params(filters=filters, unit_paths=selectors.filters_unit_paths(scope=scope, unit=filters.unit))
    try:
        if services.export_needs_worker(kind=kind, params=params):
            export = services.report_export_request(user=request.user, kind=kind, file_format=file_format, params=params)
            return redirect("lms_reports:export_status", export.pk)
        title, headers, chunks, _total = services.export_table(kind=kind, params=params)
    except services.ExportRejected as error:
        return HttpResponse(str(error), status=400)
    filename = f"{kind}-{timezone.localdate():%Y%m%d}.{file_format}"
    if file_format == ReportExport.Format.CSV:
        response = StreamingHttpResponse(exports.csv_stream(headers, chunks), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            exports.xlsx_bytes(headers, chunks, title),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _own_export(request, export_id):
    export = get_object_or_404(ReportExport, pk=export_id)
    # Someone else's export is "not found", not "forbidden": ids reveal nothing.
    if export.requested_by_id != request.user.pk and not request.user.is_superuser:
        raise Http404
    return export


@reports_access_required
def export_status_view(request, export_id):
    export = _own_export(request, export_id)
    download_url = (
        reverse("lms_reports:export_download", args=[export.pk]) if export.status == ReportExport.Status.SUCCEEDED else None
    )
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({
            "status": export.status, "percent": export.percent, "rows_done": export.rows_done,
            "rows_total": export.rows_total, "error": export.error, "download_url": download_url,
        })
    return TemplateResponse(request, "lms/reports/export_status.html", {"export": export, "download_url": download_url})


@reports_access_required
def export_download_view(request, export_id):
    export = _own_export(request, export_id)
    if export.status != ReportExport.Status.SUCCEEDED or not export.file:
        raise Http404
    return FileResponse(
        default_storage.open(export.file.name, "rb"), as_attachment=True,
        filename=f"{export.kind}-{export.created_at:%Y%m%d-%H%M}.{export.file_format}",
    )
