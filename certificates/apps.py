from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from lms.reports.registry import register_certified_counts, register_certified_learners

        from . import receivers  # noqa: F401 - connects the course_completed receiver
        from .selectors import certified_counts, certified_learners

        register_certified_counts(certified_counts)
        register_certified_learners(certified_learners)
