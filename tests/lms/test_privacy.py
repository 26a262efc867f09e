"""A learner downloads their own data; an admin erases a learner and the counts stay."""

import json

import pytest

from courses.models import Enrolment
from lms.models import CourseProgress, Learner, ModuleProgress
from lms.services import ErasureRefused, learner_erase
from scorm_player.attempts import attempt_commit, attempt_launch
from scorm_player.models import Attempt

pytestmark = pytest.mark.django_db


@pytest.fixture
def studied(units, make_learner, make_module, make_course):
    golf = make_module("RuntimeBasicCalls_SCORM12.zip", "golf")
    course = make_course("ai", [golf])
    user = make_learner("tuyet", unit=units["xa-a"], full_name="Nguyễn Thị Ánh Tuyết", phone="+84912345678")
    Enrolment.objects.create(learner=user, course=course, source=Enrolment.Source.ASSIGNED)
    launch = attempt_launch(learner=user, sco=golf.version.scos.get())
    attempt_commit(token=launch.token, sequence=1, finished=True, data={"cmi": {"core": {
        "lesson_status": "passed", "lesson_location": "trang-4", "exit": "", "session_time": "00:04:00",
    }}})
    return user, course


def test_a_learner_downloads_their_profile_attempts_and_progress(client, studied):
    user, course = studied
    client.force_login(user)

    response = client.get("/learner/my-data.json")

    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["profile"]["full_name"] == "Nguyễn Thị Ánh Tuyết"
    assert data["profile"]["unit"]["code"] == "xa-a"
    assert data["attempts"][0]["completion_status"] == "completed"
    assert data["attempts"][0]["cmi"]["cmi"]["core"]["lesson_location"] == "trang-4"
    assert data["course_progress"][0]["completed_at"] is not None
    assert data["enrolments"][0]["course"] == "ai"
    assert "certificates" in data


def test_erasing_removes_personal_data_and_keeps_the_counts(studied, admin_user):
    user, course = studied
    counts_before = (Attempt.objects.count(), ModuleProgress.objects.count(), CourseProgress.objects.filter(completed_at__isnull=False).count())

    learner_erase(learner=user.learner, erased_by=admin_user)

    user.refresh_from_db()
    learner = Learner.objects.get(user=user)
    assert (user.username, user.email, user.first_name, user.is_active, user.has_usable_password()) == (f"erased-{user.pk}", "", "", False, False)
    assert (learner.full_name, learner.phone, learner.erased_at is not None) == ("", None, True)
    assert learner.unit.code == "xa-a"  # unit totals keep counting them
    assert list(Attempt.objects.values_list("state", flat=True)) == [{}]
    assert Attempt.objects.get().completion_status == "completed"
    counts_after = (Attempt.objects.count(), ModuleProgress.objects.count(), CourseProgress.objects.filter(completed_at__isnull=False).count())
    assert counts_after == counts_before
    assert "Nguyễn" not in json.dumps(list(Learner.objects.values()), default=str, ensure_ascii=False)


def test_an_erased_learner_can_no_longer_sign_in(client, studied, admin_user):
    user, _course = studied
    client.force_login(user)
    learner_erase(learner=user.learner, erased_by=admin_user)

    assert client.get("/learner/my-data.json").status_code == 302  # the session no longer authenticates
    from django.contrib.auth.backends import ModelBackend

    assert ModelBackend().authenticate(None, username="tuyet", password="x-strong-password-1") is None
    assert ModelBackend().authenticate(None, username=f"erased-{user.pk}", password="x-strong-password-1") is None


def test_staff_accounts_are_not_erased(admin_user, django_user_model):
    staff = django_user_model.objects.create_user("editor", is_staff=True)
    learner = Learner.objects.create(user=staff, full_name="Biên tập")

    with pytest.raises(ErasureRefused):
        learner_erase(learner=learner, erased_by=admin_user)


def test_the_admin_erase_page_needs_the_erase_permission(client, studied, units, make_manager, admin_user):
    user, _course = studied
    manager = make_manager("manager-a", units["xa-a"])
    client.force_login(manager)
    denied = client.post(f"/admin/learners/{user.learner.pk}/erase/")
    assert denied.status_code == 302 and denied["Location"] == "/admin/"  # Wagtail's "no permission" redirect
    assert Learner.objects.get(pk=user.learner.pk).erased_at is None

    client.force_login(admin_user)
    response = client.post(f"/admin/learners/{user.learner.pk}/erase/")
    assert response.status_code == 302 and response["Location"] == "/admin/learners/"
    assert Learner.objects.get(pk=user.learner.pk).erased_at is not None


def test_a_page_left_open_cannot_write_an_erased_learners_data_back(client, units, make_learner, make_module, make_course, admin_user):
    """The player's commit address and the one a device keeps for 30 days need no session."""
    golf = make_module("RuntimeBasicCalls_SCORM12.zip", "golf")
    user = make_learner("tuyet", unit=units["xa-a"])
    Enrolment.objects.create(learner=user, course=make_course("ai", [golf]), source=Enrolment.Source.ASSIGNED)
    client.force_login(user)
    config = client.get(f"/scorm/play/{golf.version.pk}/").context["config"]
    first = client.post(config["commitUrl"], json.dumps({"seq": config["sequenceBase"] + 1, "cmi": {"suspend_data": "before"}}), content_type="application/json")
    assert first.status_code == 200 and Attempt.objects.get().state["cmi"]["suspend_data"] == "before"

    learner_erase(learner=user.learner, erased_by=admin_user)
    open_page = client.post(config["commitUrl"], json.dumps({
        "seq": config["sequenceBase"] + 2, "cmi": {"suspend_data": "my phone is 0912345678"},
    }), content_type="application/json")
    kept = client.post(config["keptCommitUrl"], json.dumps({
        "seq": config["sequenceBase"] + 3, "cmi": {"suspend_data": "more"},
    }), content_type="text/plain")

    assert (open_page.status_code, kept.status_code) == (409, 409)
    assert Attempt.objects.get().state == {} and Attempt.objects.get().closed_at is not None
