from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from scorm_player.access import register_access_rule

        from .access import learner_may_play

        register_access_rule(learner_may_play)
