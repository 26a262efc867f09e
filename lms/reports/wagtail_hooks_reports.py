"""The Reports section of the Wagtail admin (imported by lms/wagtail_hooks.py)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views
from .access import user_can_view_reports

report_urlpatterns = (
    [
        path("", views.course_report_view, name="course"),
        path("units/", views.unit_report_view, name="unit"),
        path("learners/", views.course_learners_view, name="learners"),
        path("export/<slug:kind>/", views.export_view, name="export"),
        path("exports/<int:export_id>/", views.export_status_view, name="export_status"),
        path("exports/<int:export_id>/download/", views.export_download_view, name="export_download"),
    ],
    "lms_reports",
)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("reports/", include(report_urlpatterns))]


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_view_reports(user=request.user)


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return ReportsMenuItem(_("Progress reports"), reverse("lms_reports:course"), icon_name="table", order=400)


@hooks.register("register_permissions")
def register_report_permissions():
    """Lets admins give the report permissions to groups in Settings → Groups."""
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="lms", codename__in=["view_reports", "view_all_units_reports"])
