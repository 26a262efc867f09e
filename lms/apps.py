from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("Learners and progress")

    def ready(self):
        from . import receivers  # noqa: F401 - connects the progress listener
