"""Editor tools for module pages: upload a new package version, preview in the player, and how
many learners started and finished each module (header buttons and a "Module activity" report)."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from .models import ModulePage
from .selectors import module_activity


def _can_see_activity(user):
    return user.has_perm("wagtailadmin.access_admin")


def module_editor_links(module, user):
    """[(label, url, icon)] of the editor tools for one module page."""
    links = []
    if user.has_perm("scorm_player.add_package"):
        upload_url = reverse("scorm_player_admin:upload")
        if module.package_id:
            upload_url += f"?package={module.package_id}"
        links.append((_("Upload a new version"), upload_url, "upload"))
    version = module.version
    if version is not None and user.has_perm("scorm_player.add_package"):
        # The player's "←" comes back to this editor page.
        back = urlencode({"back": reverse("wagtailadmin_pages:edit", args=[module.pk])})
        links.append((_("Preview in the player"), reverse("scorm_player:player", args=[version.pk]) + "?" + back, "view"))
    return links


@hooks.register("register_page_header_buttons")
def module_page_header_buttons(page, user, view_name, next_url=None):
    if not isinstance(page.specific_deferred, ModulePage):
        return
    module = page.specific_deferred
    for priority, (label, url, icon) in enumerate(module_editor_links(module, user), start=80):
        yield Button(label, url, icon_name=icon, priority=priority)
    if _can_see_activity(user):
        activity = module_activity(module=module)
        label = _("Learners: %(started)s started, %(finished)s finished") % {"started": activity.started, "finished": activity.finished}
        yield Button(label, reverse("courses_admin:module_activity") + f"#module-{module.pk}", icon_name="group", priority=90)


def module_activity_report(request):
    if not _can_see_activity(request.user):
        raise PermissionDenied
    modules = ModulePage.objects.select_related("package__current_version", "live_version").order_by("path")
    rows = [
        {"module": module, "activity": module_activity(module=module), "links": module_editor_links(module, request.user)}
        for module in modules
    ]
    return TemplateResponse(request, "courses/admin/module_activity.html", {"rows": rows})


@hooks.register("register_admin_urls")
def register_courses_admin_urls():
    from django.urls import include

    return [path("modules/", include(([path("activity/", module_activity_report, name="module_activity")], "courses_admin")))]


class ModuleActivityMenuItem(MenuItem):
    def is_shown(self, request):
        return _can_see_activity(request.user)


@hooks.register("register_reports_menu_item")
def register_module_activity_menu_item():
    return ModuleActivityMenuItem(
        gettext_lazy("Module activity"), reverse("courses_admin:module_activity"), icon_name="group", order=800,
    )
