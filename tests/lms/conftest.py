"""Shared data for lms tests: a unit tree, learners, real SCORM modules and a course."""

import pytest

from courses.models import CourseModule, CoursePage, ModulePage, ThemePage
from lms.models import Learner, OrgUnit
from lms.services import unit_manager_add, unit_paths_rebuild
from scorm_player.services import package_import
from tests.courses.catalog import home
from tests.services import shared_fixtures_dir

VALID = shared_fixtures_dir() / "valid"


@pytest.fixture
def units():
    """city → department "so-kh", city → communes "xa-a" and "xa-b"; a ward below commune "xa-a"."""
    city = OrgUnit.objects.create(code="city", name="Thành phố", kind=OrgUnit.Kind.CITY, path="")
    department = OrgUnit.objects.create(code="so-kh", name="Sở Khoa học và Công nghệ", kind=OrgUnit.Kind.DEPARTMENT, parent=city, path="")
    commune_a = OrgUnit.objects.create(code="xa-a", name="Xã An Hòa", kind=OrgUnit.Kind.COMMUNE, parent=city, path="")
    commune_b = OrgUnit.objects.create(code="xa-b", name="Xã Bình Minh", kind=OrgUnit.Kind.COMMUNE, parent=city, path="")
    below_a = OrgUnit.objects.create(code="to-a1", name="Tổ dân phố 1", kind=OrgUnit.Kind.OTHER, parent=commune_a, path="")
    unit_paths_rebuild()
    return {u.code: u for u in OrgUnit.objects.all()} | {"_order": [city, department, commune_a, commune_b, below_a]}


@pytest.fixture
def make_learner(django_user_model):
    def make(username, *, unit=None, kind=Learner.Kind.CIVIL_SERVANT, full_name=None, phone=None):
        user = django_user_model.objects.create_user(username, email=f"{username}@example.org", password="x-strong-password-1")
        Learner.objects.create(user=user, kind=kind, full_name=full_name or username.title(), unit=unit, phone=phone)
        return user

    return make


@pytest.fixture
def make_manager(django_user_model):
    def make(username, unit):
        user = django_user_model.objects.create_user(username, password="x-strong-password-1")
        unit_manager_add(user=user, unit=unit)  # also lets them into the Wagtail admin
        return user

    return make


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("boss", password="x-strong-password-1")


@pytest.fixture
def theme():
    return home().add_child(instance=ThemePage(title="Nhận thức số", slug="nhan-thuc-so"))


@pytest.fixture
def make_module(theme, local_storage):
    def make(zip_name, slug):
        version = package_import(file=VALID / zip_name)
        return theme.add_child(instance=ModulePage(title=slug, slug=slug, package=version.package))

    return make


@pytest.fixture
def make_course():
    def make(slug, modules, *, rule=CoursePage.CompletionRule.ALL_COMPLETED, enrolment=CoursePage.Enrolment.ASSIGNED):
        course = CoursePage(title=slug, slug=slug, completion_rule=rule, enrolment=enrolment)
        for module in modules:
            course.course_modules.add(CourseModule(module=module))
        home().add_child(instance=course)
        return course

    return make
