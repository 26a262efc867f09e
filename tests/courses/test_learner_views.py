"""Learner views outside the page tree: enrolling, My learning, search; and the enrolment service."""

import datetime

import pytest
from django.utils import timezone, translation
from wagtail import hooks

from courses.models import CoursePage, Enrolment
from courses.services import EnrolmentRefused, enrolment_create
from courses.views import MY_LEARNING_SECTIONS_HOOK
from scorm_player.models import Attempt
from tests.courses.catalog import course_create, module_create, theme_create, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def lan(django_user_model):
    return django_user_model.objects.create_user("lan", password="x-strong-password-1")


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("admin", password="x-strong-password-1")


@pytest.fixture
def module(local_storage):
    return module_create(theme_create(), summary="Mật khẩu mạnh và xác thực hai lớp")


@pytest.fixture
def open_course(module):
    return course_create([module])


@pytest.fixture
def assigned_course(module):
    return course_create([module], title="Khoá bắt buộc", slug="bat-buoc", enrolment=CoursePage.Enrolment.ASSIGNED)


# --- enrolment_create


def test_a_learner_enrols_in_an_open_course_once_however_often_they_ask(lan, open_course):
    first = enrolment_create(learner=lan, course=open_course)
    again = enrolment_create(learner=lan, course=open_course)

    assert first.pk == again.pk and first.source == Enrolment.Source.SELF
    assert Enrolment.objects.filter(learner=lan, course=open_course).count() == 1


def test_self_enrolment_in_an_assigned_course_is_refused_with_a_clear_message(lan, assigned_course):
    with pytest.raises(EnrolmentRefused) as refusal, translation.override("en"):
        enrolment_create(learner=lan, course=assigned_course)

    with translation.override("en"):
        assert "only for assigned learners" in str(refusal.value.message)
    assert not Enrolment.objects.exists()


def test_an_assignment_turns_a_self_enrolment_into_an_assignment_with_its_deadline(lan, admin_user, open_course):
    enrolment_create(learner=lan, course=open_course)
    deadline = datetime.date(2030, 6, 30)

    enrolment = enrolment_create(learner=lan, course=open_course, source=Enrolment.Source.ASSIGNED, deadline=deadline, assigned_by=admin_user)

    assert (enrolment.source, enrolment.deadline, enrolment.assigned_by) == (Enrolment.Source.ASSIGNED, deadline, admin_user)
    assert Enrolment.objects.count() == 1


def test_a_self_enrolment_never_downgrades_an_assignment(lan, admin_user, open_course):
    enrolment_create(learner=lan, course=open_course, source=Enrolment.Source.ASSIGNED, deadline=datetime.date(2030, 1, 1), assigned_by=admin_user)

    enrolment = enrolment_create(learner=lan, course=open_course)

    assert (enrolment.source, enrolment.deadline) == (Enrolment.Source.ASSIGNED, datetime.date(2030, 1, 1))


# --- enrol view


def test_the_enrol_button_enrols_and_returns_to_the_course(client, lan, open_course):
    client.force_login(lan)

    response = client.post(f"/enrol/{open_course.pk}/")

    assert (response.status_code, response.url) == (302, url(open_course))
    assert Enrolment.objects.filter(learner=lan, course=open_course, source=Enrolment.Source.SELF).exists()


def test_enrolling_in_an_assigned_course_shows_the_reason_and_changes_nothing(client, lan, assigned_course):
    client.force_login(lan)

    response = client.post(f"/en/enrol/{assigned_course.pk}/", follow=True)

    assert response.status_code == 200
    assert "only for assigned learners" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_enrolling_needs_a_post_and_a_signed_in_learner(client, lan, open_course):
    anonymous = client.post(f"/enrol/{open_course.pk}/")
    client.force_login(lan)
    by_get = client.get(f"/enrol/{open_course.pk}/")

    assert anonymous.status_code == 302 and anonymous.url.startswith("/accounts/sign-in/")
    assert by_get.status_code == 405
    assert not Enrolment.objects.exists()


def test_enrolling_in_an_unknown_course_is_a_404(client, lan):
    client.force_login(lan)

    assert client.post("/enrol/999999/").status_code == 404


# --- My learning


def test_my_learning_needs_a_signed_in_learner(client):
    response = client.get("/my-learning/")

    assert response.status_code == 302 and response.url == "/accounts/sign-in/?next=/my-learning/"


def test_my_learning_lists_assigned_courses_first_with_overdue_deadlines_highlighted(client, lan, module, open_course, assigned_course):
    Enrolment.objects.create(learner=lan, course=assigned_course, source=Enrolment.Source.ASSIGNED, deadline=timezone.localdate() - datetime.timedelta(days=1))
    Enrolment.objects.create(learner=lan, course=open_course)
    client.force_login(lan)

    html = client.get("/en/my-learning/").content.decode()

    assert html.index("Assigned to you") < html.index(assigned_course.title) < html.index("In progress") < html.index(open_course.title)
    assert 'class="overdue"' in html
    assert html.count("<h1") == 1


def test_my_learning_moves_finished_courses_and_modules_to_completed(client, lan, module, open_course):
    Enrolment.objects.create(learner=lan, course=open_course)
    Attempt.objects.create(learner=lan, sco=module.version.scos.get(), completion_status="completed", closed_at=timezone.now())
    client.force_login(lan)

    html = client.get("/en/my-learning/").content.decode()

    completed = html[html.index('id="completed-heading"'):]
    assert open_course.title in completed and module.title in completed
    assert "Nothing in progress" in html


def test_my_learning_shows_an_empty_certificates_section_when_no_app_adds_one(client, lan, monkeypatch):
    monkeypatch.setattr("courses.views.hooks.get_hooks", lambda name: [])
    client.force_login(lan)

    html = client.get("/en/my-learning/").content.decode()

    assert 'id="certificates-heading"' in html and "No certificates yet" in html


def test_higher_layers_add_their_sections_to_my_learning_through_the_hook(client, lan):
    def badges_section(request):
        return {"title": "Badges of honour", "template": "courses/search.html", "context": {"query": ""}} if request.user == lan else None

    def rendered_section(request):
        return "<p id='rendered-by-hook'>ok</p>"

    client.force_login(lan)
    with hooks.register_temporarily(MY_LEARNING_SECTIONS_HOOK, badges_section), hooks.register_temporarily(MY_LEARNING_SECTIONS_HOOK, rendered_section):
        html = client.get("/en/my-learning/").content.decode()

    assert "<h2>Badges of honour</h2>" in html
    assert "<p id='rendered-by-hook'>ok</p>" in html
    assert 'id="certificates-heading"' not in html  # the fallback shows only when no section is added


# --- search


def test_search_finds_live_modules_by_words_with_diacritics(client, module):
    html = client.get("/en/search/", {"q": "Mật khẩu"}).content.decode()

    assert module.title in html


def test_search_finds_them_without_diacritics_too(client, module):
    html = client.get("/en/search/", {"q": "mat khau"}).content.decode()

    assert module.title in html and "Results: 1" in html


def test_search_skips_unpublished_pages(client, module):
    module.unpublish()

    html = client.get("/en/search/", {"q": "mat khau"}).content.decode()

    assert module.title not in html and "Results: 0" in html


def test_an_empty_or_very_long_search_is_harmless(client, module):
    empty = client.get("/search/", {"q": ""})
    long = client.get("/search/", {"q": "a" * 5000})

    assert (empty.status_code, long.status_code) == (200, 200)


def test_search_reaches_words_in_a_modules_description_through_wagtail_search(client, local_storage):
    module = module_create(theme_create(), title="Bài học", slug="bai-hoc", body="<p>Cách bật xác thực hai lớp cho Zalo</p>")

    html = client.get("/en/search/", {"q": "Zalo"}).content.decode()

    assert module.title in html
