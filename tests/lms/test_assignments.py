"""Assigning a course to units, groups and learners creates their enrolments with the deadline."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.translation import gettext

from courses.models import Enrolment
from lms.models import Assignment, Learner, LearnerGroup
from lms.services import AssignmentRefused, assignment_create, learner_group_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(make_module, make_course):
    return make_course("ai", [make_module("RuntimeBasicCalls_SCORM12.zip", "golf")])


def enrolled(course):
    return dict(Enrolment.objects.filter(course=course).values_list("learner__username", "deadline"))


def test_a_unit_assignment_covers_the_units_below_and_sets_the_deadline(units, make_learner, admin_user, course):
    for name, code in [("a1", "xa-a"), ("a2", "to-a1"), ("b1", "xa-b")]:
        make_learner(name, unit=units[code])
    deadline = timezone.localdate() + timedelta(days=30)

    assignment, covered = assignment_create(course=course, unit=units["xa-a"], deadline=deadline, assigned_by=admin_user)

    assert covered == 2
    assert enrolled(course) == {"a1": deadline, "a2": deadline}
    assert Enrolment.objects.filter(course=course, source="assigned", assigned_by=admin_user).count() == 2


def test_without_subunits_only_the_unit_itself_is_covered(units, make_learner, admin_user, course):
    make_learner("a1", unit=units["xa-a"])
    make_learner("a2", unit=units["to-a1"])

    assignment_create(course=course, unit=units["xa-a"], include_subunits=False, assigned_by=admin_user)

    assert set(enrolled(course)) == {"a1"}


def test_reassigning_updates_the_deadline_without_duplicates_and_turns_self_enrolment_into_assigned(units, make_learner, admin_user, course):
    user = make_learner("a1", unit=units["xa-a"])
    Enrolment.objects.create(learner=user, course=course, source=Enrolment.Source.SELF)
    later = timezone.localdate() + timedelta(days=60)

    assignment_create(course=course, unit=units["xa-a"], deadline=timezone.localdate() + timedelta(days=7), assigned_by=admin_user)
    assignment_create(course=course, learner=user.learner, deadline=later, assigned_by=admin_user)

    enrolment = Enrolment.objects.get(course=course)
    assert (enrolment.source, enrolment.deadline) == ("assigned", later)


def test_a_group_assignment_reaches_members_added_later(units, make_learner, admin_user, course):
    first = make_learner("g1", unit=units["xa-a"])
    group = LearnerGroup.objects.create(name="Lớp AI 1")
    learner_group_add(group=group, learners=[first.learner])
    assignment_create(course=course, group=group, assigned_by=admin_user)

    later = make_learner("g2", unit=units["xa-b"])
    learner_group_add(group=group, learners=[later.learner])

    assert set(enrolled(course)) == {"g1", "g2"}


def test_exactly_one_target_and_no_past_deadline(units, admin_user, course):
    with pytest.raises(AssignmentRefused):
        assignment_create(course=course, assigned_by=admin_user)
    with pytest.raises(AssignmentRefused):
        assignment_create(course=course, unit=units["xa-a"], assigned_by=admin_user, deadline=timezone.localdate() - timedelta(days=1))
    assert not Assignment.objects.exists()


def test_the_admin_form_assigns_and_reports_the_count(client, units, make_learner, admin_user, course):
    make_learner("a1", unit=units["xa-a"])
    client.force_login(admin_user)

    response = client.post("/admin/learners/assign/", {
        "course": course.pk, "target": "unit", "unit": units["city"].pk, "include_subunits": "on",
        "deadline": (timezone.localdate() + timedelta(days=10)).isoformat(),
    }, follow=True)

    assert response.status_code == 200
    assert set(enrolled(course)) == {"a1"}
    assert b"1" in response.content


def test_the_admin_form_shows_a_clear_error_for_a_missing_unit(client, admin_user, course):
    client.force_login(admin_user)

    response = client.post("/admin/learners/assign/", {"course": course.pk, "target": "unit"})

    assert response.status_code == 200
    assert gettext("Choose a unit.") in response.content.decode()  # the admin speaks Vietnamese
    assert not Learner.objects.exists() and not Enrolment.objects.exists()
