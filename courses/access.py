"""The player's access rule for catalog content (registered in CoursesConfig.ready())."""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import PageViewRestriction

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
    """A live module uses the version, it is open to everyone or the user is enrolled in a
    live course that contains it, and its page's privacy (Wagtail's, set on it or on a page
    above it) lets the user see it. One query (the other checks are subqueries)."""
    enrolled_modules = CourseModule.objects.filter(course__live=True, course__enrolments__learner=user).values("module_id")
    playable = module_pages_playing(version).filter(Q(open_to_all=True) | Q(pk__in=enrolled_modules))
    if not user.is_superuser:
        playable = playable.exclude(Exists(_restrictions_refusing(user)))
    return playable.exists()


def _restrictions_refusing(user):
    """View restrictions on the module's page or a page above it that refuse the user: a group
    they are not in, or a shared password (the player has no way to ask for it)."""
    allowed = PageViewRestriction.groups.through.objects.filter(group__user=user).values("pageviewrestriction_id")
    return (
        PageViewRestriction.objects.annotate(depth_chars=Length("page__path"))
        .filter(page__path=Substr(OuterRef("path"), 1, "depth_chars"))
        .filter(Q(restriction_type=PageViewRestriction.PASSWORD) | (Q(restriction_type=PageViewRestriction.GROUPS) & ~Q(pk__in=allowed)))
    )
