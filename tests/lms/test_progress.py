"""Progress rows follow real commits; the course-completion event is recorded exactly once
(real PostgreSQL, real packages, commits through the player's own service)."""

import threading

import pytest
from django.db import connection

from courses.models import CoursePage, Enrolment
from courses.selectors import course_state
from lms.models import CourseProgress, ModuleProgress
from lms.services import progress_update_for_attempt
from lms.signals import course_completed
from scorm_player.attempts import attempt_commit, attempt_launch
from scorm_player.models import Attempt

pytestmark = pytest.mark.integration


@pytest.fixture
def events():
    received, lock = [], threading.Lock()

    def on_completed(sender, progress, **kwargs):
        with lock:
            received.append((progress.learner_id, progress.course_id, progress.completed_at))

    course_completed.connect(on_completed, dispatch_uid="test-progress-events")
    yield received
    course_completed.disconnect(dispatch_uid="test-progress-events")


@pytest.fixture
def course_of_two(make_module, make_course):
    golf = make_module("RuntimeBasicCalls_SCORM12.zip", "golf")
    single = make_module("ContentPackagingSingleSCO_SCORM12.zip", "single")
    return make_course("ai-course", [golf, single]), golf, single


@pytest.fixture
def enrolled(make_learner, course_of_two):
    user = make_learner("lan")
    Enrolment.objects.create(learner=user, course=course_of_two[0], source=Enrolment.Source.ASSIGNED)
    return user


def launch(user, module):
    return attempt_launch(learner=user, sco=module.version.scos.get())


def core(**fields):
    return {"cmi": {"core": fields}}


def finish(started, sequence=2, status="passed"):
    return attempt_commit(
        token=started.token, sequence=sequence, finished=True,
        data=core(lesson_status=status, session_time="00:03:00", exit="", score={"raw": "90", "min": "0", "max": "100"}),
    )


@pytest.mark.django_db
def test_module_progress_follows_commits_and_the_course_counts_done_modules(enrolled, course_of_two, events):
    course, golf, single = course_of_two
    started = launch(enrolled, golf)

    attempt_commit(token=started.token, sequence=1, data=core(lesson_status="incomplete", lesson_location="p2"))
    row = ModuleProgress.objects.get(learner=enrolled, module=golf)
    assert (row.status, row.started_at is not None, row.completed_at) == ("in_progress", True, None)

    finish(started)
    row.refresh_from_db()
    progress = CourseProgress.objects.get(learner=enrolled, course=course)
    assert (row.status, row.score_scaled, row.completed_at is not None) == ("passed", 0.9, True)
    assert (progress.modules_done, progress.completed_at, events) == (1, None, [])


@pytest.mark.django_db
def test_the_completion_event_fires_once_when_the_same_final_commit_arrives_twice(enrolled, course_of_two, events):
    course, golf, single = course_of_two
    finish(launch(enrolled, golf))
    last = launch(enrolled, single)
    attempt_commit(token=last.token, sequence=1, data=core(lesson_status="incomplete"))

    finish(last, sequence=2)
    repeat = finish(last, sequence=2)  # the attempt is closed: the repeat is not applied, state intact
    assert not repeat.applied and repeat.attempt.closed_at is not None
    # A repeated event (a retry task, a duplicated signal) changes nothing either.
    progress_update_for_attempt(attempt=Attempt.objects.get(sco=single.version.scos.get()))

    progress = CourseProgress.objects.get(learner=enrolled, course=course)
    assert progress.completed_at is not None and progress.modules_done == 2
    assert events == [(enrolled.pk, course.pk, progress.completed_at)]
    assert CourseProgress.objects.filter(learner=enrolled).count() == 1
    assert course_state(learner=enrolled, course=course).completed


@pytest.mark.django_db
def test_a_repeated_commit_with_the_same_sequence_is_ignored_without_a_second_event(enrolled, course_of_two, events):
    course, golf, single = course_of_two
    finish(launch(enrolled, golf))
    last = launch(enrolled, single)
    suspend = core(lesson_status="completed", exit="suspend", session_time="00:01:00")

    first = attempt_commit(token=last.token, sequence=5, data=suspend)
    again = attempt_commit(token=last.token, sequence=5, data=suspend)

    assert (first.applied, again.applied) == (True, False)
    assert len(events) == 1


@pytest.mark.django_db
def test_the_completed_at_time_never_moves(enrolled, course_of_two, events):
    course, golf, single = course_of_two
    finish(launch(enrolled, golf))
    finish(launch(enrolled, single))
    recorded = CourseProgress.objects.get(learner=enrolled, course=course).completed_at

    finish(launch(enrolled, single), status="failed")  # a later, worse attempt

    assert CourseProgress.objects.get(learner=enrolled, course=course).completed_at == recorded
    assert len(events) == 1


@pytest.mark.django_db
def test_an_all_passed_course_is_not_completed_by_modules_that_are_only_completed(make_learner, make_module, make_course, events):
    golf = make_module("RuntimeBasicCalls_SCORM12.zip", "golf")
    course = make_course("passed-only", [golf], rule=CoursePage.CompletionRule.ALL_PASSED, enrolment=CoursePage.Enrolment.OPEN)
    user = make_learner("mai")

    finish(launch(user, golf), status="completed")
    assert CourseProgress.objects.get(learner=user, course=course).completed_at is None

    finish(launch(user, golf), status="passed")
    assert CourseProgress.objects.get(learner=user, course=course).completed_at is not None
    assert len(events) == 1


@pytest.mark.django_db
def test_an_assigned_course_the_learner_is_not_enrolled_in_is_not_evaluated(make_learner, course_of_two, events):
    course, golf, single = course_of_two
    outsider = make_learner("khach")

    finish(launch(outsider, golf))

    assert ModuleProgress.objects.get(learner=outsider, module=golf).status == "passed"
    assert not CourseProgress.objects.filter(learner=outsider).exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_final_commits_of_the_two_last_modules_record_one_event(enrolled, course_of_two, events):
    course, golf, single = course_of_two
    launches = [launch(enrolled, golf), launch(enrolled, single)]
    for started in launches:
        attempt_commit(token=started.token, sequence=1, data=core(lesson_status="incomplete"))
    barrier, errors = threading.Barrier(4), []

    def final_commit(started):
        try:
            barrier.wait(timeout=10)
            finish(started)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    def recompute(started):
        try:
            barrier.wait(timeout=10)
            progress_update_for_attempt(attempt=Attempt.objects.get(pk=started.attempt.pk))
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    # Both final commits, plus two duplicate re-evaluations, at the same moment.
    threads = [threading.Thread(target=final_commit, args=(s,)) for s in launches]
    threads += [threading.Thread(target=recompute, args=(s,)) for s in launches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    progress = CourseProgress.objects.get(learner=enrolled, course=course)
    assert progress.completed_at is not None
    assert events == [(enrolled.pk, course.pk, progress.completed_at)]
    assert CourseProgress.objects.filter(learner=enrolled, course=course).count() == 1
    assert ModuleProgress.objects.filter(learner=enrolled).count() == 2


@pytest.mark.django_db
def test_a_mid_session_commit_costs_the_listener_at_most_two_queries(enrolled, course_of_two):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    course, golf, single = course_of_two
    started = launch(enrolled, golf)
    attempt_commit(token=started.token, sequence=1, data=core(lesson_status="incomplete", lesson_location="p1"))

    with CaptureQueriesContext(connection) as with_listener:
        attempt_commit(token=started.token, sequence=2, data=core(lesson_status="incomplete", lesson_location="p2"))
    progress_queries = [q["sql"] for q in with_listener.captured_queries if "lms_" in q["sql"] or "courses_" in q["sql"] or "wagtailcore" in q["sql"]]

    assert len(progress_queries) <= 2, progress_queries
    assert ModuleProgress.objects.get(learner=enrolled, module=golf).status == "in_progress"


@pytest.mark.django_db(transaction=True)
def test_the_background_recompute_runs_in_a_real_worker_and_is_idempotent(enrolled, course_of_two, celery_worker):
    from django.utils import timezone

    from lms.tasks import progress_recompute

    course, golf, single = course_of_two
    # Attempts written without the player's signal, as if the listener had failed.
    attempts = [
        Attempt.objects.create(learner=enrolled, sco=module.version.scos.get(), completion_status="completed",
                               success_status="passed", closed_at=timezone.now())
        for module in (golf, single)
    ]

    progress_recompute.apply_async(kwargs={"attempt_id": attempts[1].pk}, queue=celery_worker).get(timeout=60)
    first = CourseProgress.objects.get(learner=enrolled, course=course).completed_at
    progress_recompute.apply_async(kwargs={"attempt_id": attempts[1].pk}, queue=celery_worker).get(timeout=60)

    assert first is not None
    assert CourseProgress.objects.get(learner=enrolled, course=course).completed_at == first
    assert set(ModuleProgress.objects.filter(learner=enrolled).values_list("status", flat=True)) == {"passed"}


@pytest.mark.django_db
def test_assigning_a_course_to_someone_who_already_studied_it_completes_it(make_learner, course_of_two, admin_user, events, django_capture_on_commit_callbacks):
    from lms.services import assignment_create
    from lms.services.progress import progress_update_for_course

    course, golf, single = course_of_two
    user = make_learner("da-hoc")
    finish(launch(user, golf))
    finish(launch(user, single))
    assert not CourseProgress.objects.filter(learner=user).exists()  # not enrolled in the assigned course yet

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assignment_create(course=course, learner=user.learner, assigned_by=admin_user)
    assert len(callbacks) == 1  # the evaluation is queued for after the commit
    progress_update_for_course(course=course, user_ids=[user.pk])  # what the queued task runs

    assert CourseProgress.objects.get(learner=user, course=course).completed_at is not None
    assert len(events) == 1
