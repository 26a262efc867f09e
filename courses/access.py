"""The player's access rule for catalog content (registered in CoursesConfig.ready())."""

from django.db.models import Q

from .models import CourseModule, ModulePage


def module_pages_playing(version):
    """Live module pages whose learners play this package version (pinned or the package's current one)."""
    return ModulePage.objects.live().filter(
        Q(live_version_id=version.pk) | Q(live_version__isnull=True, package__current_version_id=version.pk)
    )


def version_in_use(version) -> bool:
    """A live module plays the version (registered in CoursesConfig.ready())."""
    return module_pages_playing(version).exists()


def learner_may_play(user, version) -> bool:
    """A live module uses the version, and it is open to everyone or the user is enrolled
    in a live course that contains it. One query (the enrolment check is a subquery)."""
    enrolled_modules = CourseModule.objects.filter(course__live=True, course__enrolments__learner=user).values("module_id")
    return module_pages_playing(version).filter(Q(open_to_all=True) | Q(pk__in=enrolled_modules)).exists()
