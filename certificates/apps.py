from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from lms.reports.registry import register_certified_counts, register_certified_learners
        from lms.services import data_export_section_register

        from . import receivers  # noqa: F401 - connects the course_completed receiver
        from .selectors import certificates_export, certified_counts, certified_learners

        register_certified_counts(certified_counts)
        register_certified_learners(certified_learners)
        data_export_section_register("certificates", certificates_export)
