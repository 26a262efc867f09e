"""Writes of the catalog: enrolling learners in courses."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from .models import CoursePage, Enrolment


class EnrolmentRefused(Exception):
    """A learner may not enrol in this course; `message` says why in the active language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def enrolment_create(*, learner, course: CoursePage, source=Enrolment.Source.SELF, deadline=None, assigned_by=None) -> Enrolment:
    """Enrol a learner in a course; enrolling again returns the existing enrolment.

    Learners enrol themselves only in live, open courses. An assignment of a learner who
    had enrolled themselves turns it into an assignment (with the deadline); a
    self-enrolment never downgrades an assignment.
    """
    if source == Enrolment.Source.SELF:
        if not course.live:
            raise EnrolmentRefused(_("This course is not available."))
        if not course.is_open:
            raise EnrolmentRefused(_("This course is only for assigned learners. Please contact your unit to be assigned."))
    try:
        with transaction.atomic():
            enrolment, created = Enrolment.objects.select_for_update().get_or_create(
                learner=learner, course=course,
                defaults={"source": source, "deadline": deadline, "assigned_by": assigned_by},
            )
    except IntegrityError:
        # A concurrent request created it first (unique learner + course).
        enrolment, created = Enrolment.objects.get(learner=learner, course=course), False
    if not created and source == Enrolment.Source.ASSIGNED and (
        enrolment.source != source or enrolment.deadline != deadline or enrolment.assigned_by_id != getattr(assigned_by, "pk", None)
    ):
        enrolment.source, enrolment.deadline, enrolment.assigned_by = source, deadline, assigned_by
        enrolment.save(update_fields=["source", "deadline", "assigned_by"])
    return enrolment
