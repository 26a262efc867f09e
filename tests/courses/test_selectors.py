"""A learner's state in modules and courses is derived from their attempts (real PostgreSQL)."""

import pytest
from django.utils import timezone

from courses.models import CourseModule, CoursePage, ModulePage, ThemePage
from courses.selectors import (
    COMPLETED,
    FAILED,
    IN_PROGRESS,
    NOT_STARTED,
    PASSED,
    course_state,
    module_state,
)
from scorm_player.models import Attempt
from scorm_player.services import package_import
from tests.courses.catalog import home
from tests.services import shared_fixtures_dir

pytestmark = pytest.mark.django_db

VALID = shared_fixtures_dir() / "valid"


@pytest.fixture
def learner(django_user_model):
    return django_user_model.objects.create_user("lan", password="x-strong-password-1")


@pytest.fixture
def theme():
    home_page = home()
    return home_page.add_child(instance=ThemePage(title="Nhận thức số", slug="nhan-thuc-so"))


def module_for(theme, zip_name, slug):
    version = package_import(file=VALID / zip_name)
    return theme.add_child(instance=ModulePage(title=slug, slug=slug, package=version.package))


@pytest.fixture
def golf(theme, local_storage):
    return module_for(theme, "RuntimeBasicCalls_SCORM12.zip", "golf")


@pytest.fixture
def multi_sco(theme, local_storage):
    return module_for(theme, "ContentPackagingOneFilePerSCO_SCORM12.zip", "multi")


def attempt(learner, sco, *, completion="incomplete", success="unknown", score=None, closed=True, exit_value="", number=None):
    number = number or Attempt.objects.filter(learner=learner, sco=sco).count() + 1
    return Attempt.objects.create(
        learner=learner, sco=sco, number=number, completion_status=completion, success_status=success,
        score_scaled=score, state={"cmi": {"core": {"exit": exit_value}}}, closed_at=timezone.now() if closed else None,
    )


def test_a_module_without_attempts_is_not_started(learner, golf):
    state = module_state(learner=learner, module=golf)

    assert (state.status, state.started, state.completed) == (NOT_STARTED, False, False)


def test_a_suspended_attempt_is_in_progress_and_resumable(learner, golf):
    attempt(learner, golf.version.scos.get(), closed=False, exit_value="suspend")

    state = module_state(learner=learner, module=golf)

    assert (state.status, state.resumable, state.completed) == (IN_PROGRESS, True, False)


def test_scorm_12_passed_counts_as_completed_and_passed(learner, golf):
    attempt(learner, golf.version.scos.get(), completion="passed", score=0.9)

    state = module_state(learner=learner, module=golf)

    assert (state.status, state.completed, state.passed, state.score_scaled) == (PASSED, True, True, 0.9)


def test_completed_without_a_success_status_is_completed_but_not_passed(learner, golf):
    attempt(learner, golf.version.scos.get(), completion="completed")

    state = module_state(learner=learner, module=golf)

    assert (state.status, state.completed, state.passed) == (COMPLETED, True, False)


def test_a_failed_attempt_then_a_passed_one_is_passed_and_a_later_review_does_not_undo_it(learner, golf):
    sco = golf.version.scos.get()
    attempt(learner, sco, completion="failed", score=0.4)
    assert module_state(learner=learner, module=golf).status == FAILED

    attempt(learner, sco, completion="passed", score=0.8)
    attempt(learner, sco, completion="incomplete", closed=False)

    state = module_state(learner=learner, module=golf)
    assert (state.status, state.passed, state.score_scaled) == (PASSED, True, 0.8)


def test_a_new_package_version_keeps_what_the_learner_completed(learner, golf):
    attempt(learner, golf.version.scos.get(), completion="passed")

    package_import(file=VALID / "RuntimeBasicCalls_SCORM12.zip", package=golf.package)
    golf.package.refresh_from_db()
    golf = ModulePage.objects.get(pk=golf.pk)

    assert golf.version.number == 2
    assert module_state(learner=learner, module=golf).status == PASSED


def test_a_multi_sco_module_is_completed_only_when_every_sco_is(learner, multi_sco):
    scos = list(multi_sco.version.scos.all())
    assert len(scos) > 1
    attempt(learner, scos[0], completion="completed")
    assert module_state(learner=learner, module=multi_sco).status == IN_PROGRESS

    for sco in scos[1:]:
        attempt(learner, sco, completion="completed")

    assert module_state(learner=learner, module=multi_sco).status == COMPLETED


def test_another_learners_attempts_do_not_count(learner, golf, django_user_model):
    other = django_user_model.objects.create_user("binh", password="x-strong-password-1")
    attempt(other, golf.version.scos.get(), completion="passed")

    assert module_state(learner=learner, module=golf).status == NOT_STARTED


@pytest.mark.parametrize(("rule", "done_when_completed_only"), [
    (CoursePage.CompletionRule.ALL_COMPLETED, 2),
    (CoursePage.CompletionRule.ALL_PASSED, 1),
])
def test_a_course_counts_modules_by_its_rule(learner, golf, multi_sco, rule, done_when_completed_only):
    course = home().add_child(instance=CoursePage(title="Chuyển đổi số", slug="cds", completion_rule=rule))
    CourseModule.objects.create(course=course, module=golf, sort_order=0)
    CourseModule.objects.create(course=course, module=multi_sco, sort_order=1)
    attempt(learner, golf.version.scos.get(), completion="passed")
    for sco in multi_sco.version.scos.all():
        attempt(learner, sco, completion="completed")

    state = course_state(learner=learner, course=course)

    assert [module.pk for module, _ in state.modules] == [golf.pk, multi_sco.pk]
    assert (state.done, state.total, state.started) == (done_when_completed_only, 2, True)
    assert state.completed == (done_when_completed_only == 2)
    assert state.percent == 50 * done_when_completed_only


def test_a_sequenced_2004_module_takes_its_status_from_the_rolled_up_root(learner, theme, local_storage):
    module = module_for(theme, "SequencingForcedSequential_SCORM20043rdEdition.zip", "forced")
    scos = list(module.version.scos.all())
    attempt(learner, scos[0], completion="completed", success="passed", score=0.9)
    assert module_state(learner=learner, module=module).status == IN_PROGRESS

    for sco in scos[1:]:
        attempt(learner, sco, completion="completed", success="passed", score=0.9)

    state = module_state(learner=learner, module=module)
    assert (state.status, state.completed) == (PASSED, True)
