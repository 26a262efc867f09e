from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from scorm_player.access import register_access_rule, register_version_in_use

        from .access import learner_may_play, version_in_use

        register_access_rule(learner_may_play)
        register_version_in_use(version_in_use)
