from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import CertificateTemplate
from .selectors import certificates_for_learner

admin_urlpatterns = (
    [
        path("", admin_views.certificate_index, name="index"),
        path("<int:certificate_id>/revoke/", admin_views.certificate_revoke_view, name="revoke"),
        path("<int:certificate_id>/reinstate/", admin_views.certificate_reinstate_view, name="reinstate"),
        path("<int:certificate_id>/rerender/", admin_views.certificate_rerender_view, name="rerender"),
        path("courses/<int:course_id>/rerender/", admin_views.course_rerender_view, name="course_rerender"),
        path("failures/", admin_views.failure_index, name="failures"),
        path("bulk/", admin_views.bulk_issue, name="bulk_issue"),
        path("bulk/<int:job_id>/", admin_views.bulk_status, name="bulk_status"),
        path("bulk/<int:job_id>/resume/", admin_views.bulk_resume, name="bulk_resume"),
    ],
    "certificates_admin",
)


@hooks.register("register_admin_urls")
def register_certificates_admin_urls():
    return [path("certificates/", include(admin_urlpatterns))]


class CertificatesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("certificates.change_certificate")


@hooks.register("register_admin_menu_item")
def register_certificates_menu_item():
    return CertificatesMenuItem(
        gettext_lazy("Certificates"), reverse("certificates_admin:index"), icon_name="tick-inverse", order=320,
    )


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    menu_label = gettext_lazy("Certificate templates")
    list_display = ["name", "course", "updated_at"]
    add_to_admin_menu = False


register_snippet(CertificateTemplateViewSet)


@hooks.register("my_learning_sections")
def my_learning_certificates(request):
    if not request.user.is_authenticated:
        return None
    return {
        "title": _("Certificates"),
        "template": "certificates/my_learning_section.html",
        "context": {"certificates": certificates_for_learner(learner=request.user)},
    }
