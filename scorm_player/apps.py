from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScormPlayerConfig(AppConfig):
    name = "scorm_player"
    verbose_name = _("SCORM player")
