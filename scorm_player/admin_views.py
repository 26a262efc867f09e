"""Wagtail admin pages of the SCORM packages section: list, upload with progress, report, delete."""

from django.contrib.auth.decorators import permission_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages

from .forms import PackageUploadForm
from .models import Package, PackageImport, PackageVersion
from .selectors import package_list, package_version_report
from .services import package_delete, package_import_job_create

can_manage_packages = permission_required("scorm_player.add_package", raise_exception=True)


@can_manage_packages
def package_index(request):
    return TemplateResponse(
        request, "scorm_player/admin/index.html",
        {"packages": package_list(), "recent_imports": PackageImport.objects.select_related("version")[:10]},
    )


@can_manage_packages
@require_http_methods(["GET", "POST"])
def package_upload(request):
    form = PackageUploadForm(request.POST or None, request.FILES or None, initial={"package": request.GET.get("package")})
    if request.method == "POST":
        if form.is_valid():
            job = package_import_job_create(
                uploaded_file=form.cleaned_data["file"], title=form.cleaned_data["title"],
                package=form.cleaned_data["package"], uploaded_by=request.user,
            )
            status_url = reverse("scorm_player_admin:import_status", args=[job.pk])
            if request.headers.get("Accept") == "application/json":
                return JsonResponse({"status_url": status_url}, status=202)
            return redirect(status_url)
        if request.headers.get("Accept") == "application/json":
            return JsonResponse({"errors": {field: [str(e) for e in errors] for field, errors in form.errors.items()}}, status=400)
    return TemplateResponse(request, "scorm_player/admin/upload.html", {"form": form})


@can_manage_packages
def import_status(request, job_id):
    job = get_object_or_404(PackageImport.objects.select_related("version"), pk=job_id)
    report_url = reverse("scorm_player_admin:version", args=[job.version_id]) if job.version_id else None
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({
            "status": job.status, "status_label": job.get_status_display(), "percent": job.percent,
            "files_done": job.files_done, "files_total": job.files_total,
            "error": job.error_message, "report_url": report_url,
        })
    if job.status == PackageImport.Status.SUCCEEDED:
        return redirect(report_url)
    return TemplateResponse(request, "scorm_player/admin/import_status.html", {"job": job})


@can_manage_packages
def version_report(request, version_id):
    version = get_object_or_404(PackageVersion.objects.select_related("package"), pk=version_id)
    return TemplateResponse(
        request, "scorm_player/admin/version.html",
        {"version": version, "report": package_version_report(version=version), "versions": version.package.versions.all()},
    )


@permission_required("scorm_player.delete_package", raise_exception=True)
@require_http_methods(["GET", "POST"])
def package_delete_view(request, package_id):
    package = get_object_or_404(Package, pk=package_id)
    if request.method == "POST":
        package_delete(package=package)
        messages.success(request, _("Package '%(title)s' and its files were deleted.") % {"title": package.title})
        return redirect("scorm_player_admin:index")
    return TemplateResponse(request, "scorm_player/admin/confirm_delete.html", {"package": package})
