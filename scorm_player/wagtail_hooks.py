from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views

admin_urlpatterns = (
    [
        path("", admin_views.package_index, name="index"),
        path("upload/", admin_views.package_upload, name="upload"),
        path("imports/<int:job_id>/", admin_views.import_status, name="import_status"),
        path("versions/<int:version_id>/", admin_views.version_report, name="version"),
        path("<int:package_id>/delete/", admin_views.package_delete_view, name="delete"),
    ],
    "scorm_player_admin",
)


@hooks.register("register_admin_urls")
def register_scorm_admin_urls():
    return [path("scorm/", include(admin_urlpatterns))]


class PackagesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("scorm_player.add_package")


@hooks.register("register_admin_menu_item")
def register_scorm_menu_item():
    return PackagesMenuItem(_("SCORM packages"), reverse("scorm_player_admin:index"), icon_name="folder-open-inverse", order=300)
