"""A learner's own data, downloadable; erasure by an admin.

Erasure decision: the person disappears, the counts stay. The user account is
deactivated and renamed `erased-<id>`, personal fields (name, email, phone, position)
are blanked, every attempt's CMI state (names, answers, interactions, bookmarks) is
emptied, and `learner_erased` lets the layers above do the same with theirs. The rows
that reports count — attempts' status columns, module and course progress, enrolments,
the unit — stay attached to the anonymous account, so unit and course totals do not change.
"""

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models.functions import Coalesce, Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Enrolment
from scorm_player.models import Attempt

from ..models import CourseProgress, Learner, ModuleProgress, UnitManager
from ..signals import learner_erased
from .errors import LmsError

# name -> fn(user) -> JSON-serialisable data. Upper layers (certificates) add their part
# here without lms importing them.
_export_sections = {}


class ErasureRefused(LmsError):
    pass


def data_export_section_register(name, fn):
    _export_sections[name] = fn
    return fn


def _iso(value):
    return value.isoformat() if value else None


def learner_data_export(*, user) -> dict:
    """Everything the LMS keeps about this user, as JSON-ready data (the learner's download)."""
    learner = Learner.objects.filter(user=user).select_related("unit").first()
    profile = {
        "username": user.get_username(),
        "email": user.email,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
    }
    if learner:
        profile.update({
            "full_name": learner.full_name,
            "phone": learner.phone,
            "kind": learner.kind,
            "unit": {"code": learner.unit.code, "name": learner.unit.name} if learner.unit else None,
            "position": learner.position,
            "groups": list(learner.groups.values_list("name", flat=True)),
            "created_at": _iso(learner.created_at),
        })
    enrolments = [
        {"course": e.course.title, "source": e.source, "deadline": _iso(e.deadline), "created_at": _iso(e.created_at)}
        for e in Enrolment.objects.filter(learner=user).select_related("course").order_by("created_at")
    ]
    modules = [
        {"module": p.module.title, "status": p.status, "score_scaled": p.score_scaled,
         "started_at": _iso(p.started_at), "completed_at": _iso(p.completed_at)}
        for p in ModuleProgress.objects.filter(learner=user).select_related("module").order_by("pk")
    ]
    courses = [
        {"course": p.course.title, "modules_done": p.modules_done,
         "started_at": _iso(p.started_at), "completed_at": _iso(p.completed_at)}
        for p in CourseProgress.objects.filter(learner=user).select_related("course").order_by("pk")
    ]
    attempts = [
        {
            "package": a.sco.version.package.title, "version": a.sco.version.number, "sco": a.sco.title,
            "number": a.number, "started_at": _iso(a.started_at), "last_activity_at": _iso(a.last_activity_at),
            "closed_at": _iso(a.closed_at), "completion_status": a.completion_status,
            "success_status": a.success_status, "score_scaled": a.score_scaled, "score_raw": a.score_raw,
            "total_seconds": a.total_seconds, "cmi": a.state,
        }
        for a in Attempt.objects.filter(learner=user).select_related("sco__version__package").order_by("started_at", "pk")
    ]
    data = {
        "profile": profile, "enrolments": enrolments, "module_progress": modules,
        "course_progress": courses, "attempts": attempts, "certificates": [],
    }
    for name, fn in _export_sections.items():
        data[name] = fn(user)
    return data


@transaction.atomic
def learner_erase(*, learner: Learner, erased_by) -> Learner:
    """Erase a learner's personal data, keeping aggregate counts (see the module's note)."""
    learner = Learner.objects.select_for_update().select_related("user").get(pk=learner.pk)
    user = learner.user
    if user.is_staff or user.is_superuser:
        raise ErasureRefused(_("Staff accounts cannot be erased here; remove their admin rights first."))
    if user.pk == getattr(erased_by, "pk", None):
        raise ErasureRefused(_("You cannot erase your own account."))
    if learner.erased_at is not None:
        return learner
    learner_erased.send(sender=Learner, learner=learner)
    # Closed too: a page left open, or a commit kept on a device, would write the data back.
    Attempt.objects.filter(learner=user).update(state={}, closed_at=Coalesce("closed_at", Now()))
    UnitManager.objects.filter(user=user).delete()
    user.username = f"erased-{user.pk}"
    user.email = user.first_name = user.last_name = ""
    user.password = make_password(None)
    user.is_active = False
    user.save()
    learner.full_name = ""
    learner.phone = None
    learner.position = ""
    learner.must_set_password = False
    learner.erased_at = timezone.now()
    learner.save()
    return learner
