"""Authorisation matrix: learners see only themselves, managers only their units and those
below, anonymous users nothing private; admin actions need admin rights."""

import json

import pytest
from django.utils.translation import gettext
from wagtail.users.models import UserProfile

from courses.models import Enrolment
from lms.selectors import learner_progress, learners_visible_to, units_visible_to
from scorm_player.attempts import attempt_commit, attempt_launch

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(units, make_learner, make_manager, admin_user, make_module, make_course):
    golf = make_module("RuntimeBasicCalls_SCORM12.zip", "golf")
    course = make_course("ai", [golf])
    a = make_learner("learner-a", unit=units["xa-a"], full_name="Nguyễn Văn An")
    a_below = make_learner("learner-a1", unit=units["to-a1"], full_name="Trần Thị Tổ")
    b = make_learner("learner-b", unit=units["xa-b"], full_name="Lê Thị Bình")
    for user in (a, b):
        Enrolment.objects.create(learner=user, course=course, source=Enrolment.Source.ASSIGNED)
        launch = attempt_launch(learner=user, sco=golf.version.scos.get())
        attempt_commit(token=launch.token, sequence=1, data={"cmi": {"core": {"lesson_location": f"bookmark-of-{user.username}"}}})
    return {
        "a": a, "a_below": a_below, "b": b, "admin": admin_user,
        "manager_x": make_manager("manager-x", units["xa-a"]),
        "manager_y": make_manager("manager-y", units["xa-b"]),
        "manager_dept": make_manager("manager-dept", units["so-kh"]),
        "manager_city": make_manager("manager-city", units["city"]),
    }


def names(queryset):
    return set(queryset.values_list("full_name", flat=True))


# --- selectors


def test_managers_see_their_units_and_the_units_below_only(people, units):
    codes = lambda user: set(units_visible_to(user).values_list("code", flat=True))  # noqa: E731

    assert codes(people["manager_x"]) == {"xa-a", "to-a1"}
    assert codes(people["manager_y"]) == {"xa-b"}
    assert codes(people["manager_dept"]) == {"so-kh"}  # the communes are not below the department
    assert codes(people["manager_city"]) == {"city", "so-kh", "xa-a", "xa-b", "to-a1"}
    assert codes(people["admin"]) == codes(people["manager_city"])
    assert codes(people["a"]) == set()


def test_managers_see_the_learners_of_their_units_only(people):
    assert names(learners_visible_to(people["manager_x"])) == {"Nguyễn Văn An", "Trần Thị Tổ"}
    assert names(learners_visible_to(people["manager_y"])) == {"Lê Thị Bình"}
    assert names(learners_visible_to(people["manager_dept"])) == set()
    assert len(names(learners_visible_to(people["admin"]))) == 3
    assert names(learners_visible_to(people["a"])) == set()


def test_learner_a_cannot_see_learner_b_progress(people):
    a, b = people["a"].learner, people["b"].learner

    assert learner_progress(viewer=people["a"], learner=b) is None
    assert learner_progress(viewer=people["a"], learner=a)["learner"] == a
    assert learner_progress(viewer=people["manager_x"], learner=b) is None
    assert learner_progress(viewer=people["manager_y"], learner=b)["courses"][0]["state"].started


def test_anonymous_users_see_no_progress(people):
    from django.contrib.auth.models import AnonymousUser

    assert learner_progress(viewer=AnonymousUser(), learner=people["a"].learner) is None
    assert not units_visible_to(AnonymousUser()).exists()
    assert not learners_visible_to(AnonymousUser()).exists()


# --- views


def test_the_data_download_holds_only_the_signed_in_learners_data(client, people):
    client.force_login(people["a"])

    body = client.get("/learner/my-data.json").content.decode()

    data = json.loads(body)
    assert data["profile"]["username"] == "learner-a"
    assert "bookmark-of-learner-a" in body
    assert "learner-b" not in body and "Lê Thị Bình" not in body and "bookmark-of-learner-b" not in body


def test_anonymous_users_are_sent_to_sign_in_everywhere(client, people):
    learner_b = people["b"].learner.pk
    for url in ["/learner/my-data.json", "/admin/learners/", f"/admin/learners/{learner_b}/", "/admin/learners/units/",
                "/admin/learners/import/", "/admin/learners/assign/", f"/admin/learners/{learner_b}/erase/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "login" in response["Location"] or "sign-in" in response["Location"], url


@pytest.mark.parametrize("url_name", ["learners", "units", "import", "assign"])
def test_learners_without_admin_rights_cannot_open_the_admin_pages(client, people, url_name):
    client.force_login(people["a"])

    response = client.get(f"/admin/learners/{'' if url_name == 'learners' else url_name + '/'}")

    assert response.status_code in (302, 403)
    assert "Nguyễn" not in response.content.decode()


def test_a_commune_manager_lists_only_their_learners(client, people):
    client.force_login(people["manager_x"])

    page = client.get("/admin/learners/").content.decode()

    assert "Nguyễn Văn An" in page and "Trần Thị Tổ" in page and "Lê Thị Bình" not in page


def test_a_commune_manager_cannot_open_another_communes_learner_or_unit(client, people, units):
    client.force_login(people["manager_x"])

    assert client.get(f"/admin/learners/{people['b'].learner.pk}/").status_code == 404
    assert client.get(f"/admin/learners/?unit={units['xa-b'].pk}").status_code == 404
    assert client.get(f"/admin/learners/{people['a_below'].learner.pk}/").status_code == 200
    units_page = client.get("/admin/learners/units/").content.decode()
    assert "Xã An Hòa" in units_page and "Xã Bình Minh" not in units_page


def test_the_other_commune_manager_sees_the_mirror_image(client, people):
    client.force_login(people["manager_y"])

    assert client.get(f"/admin/learners/{people['a'].learner.pk}/").status_code == 404
    detail = client.get(f"/admin/learners/{people['b'].learner.pk}/")
    assert detail.status_code == 200 and "Lê Thị Bình" in detail.content.decode()


@pytest.mark.parametrize("url", ["/admin/learners/import/", "/admin/learners/assign/", "/admin/learners/units/import/"])
def test_managers_cannot_import_or_assign(client, people, url):
    client.force_login(people["manager_x"])

    response = client.get(url)

    assert response.status_code == 302 and response["Location"] == "/admin/"  # Wagtail's "no permission"


def test_admins_open_every_page(client, people):
    client.force_login(people["admin"])

    for url in ["/admin/learners/", f"/admin/learners/{people['b'].learner.pk}/", "/admin/learners/units/",
                "/admin/learners/import/", "/admin/learners/assign/", "/admin/learners/units/import/",
                "/admin/snippets/lms/orgunit/", "/admin/snippets/lms/learnergroup/", "/admin/snippets/lms/unitmanager/"]:
        assert client.get(url).status_code == 200, url


def test_the_admin_import_page_shows_the_validation_report(client, people, units):
    from django.core.files.uploadedfile import SimpleUploadedFile

    profile = UserProfile.get_for_user(people["admin"])
    profile.preferred_language = "en"  # this admin reads the admin in English
    profile.save()
    client.force_login(people["admin"])
    upload = SimpleUploadedFile("people.csv", "name,email,unit\nMai Lan,lan@example.org,xa-b\nKhông đơn vị,x@example.org,nope\n".encode())

    page = client.post("/admin/learners/import/", {"file": upload, "kind": "civil_servant"}).content.decode()

    assert "1 created" in page and "nope" in page and "/learner/set-password/" in page


def test_editing_a_unit_in_the_admin_keeps_the_tree_paths_right(client, people, units):
    client.force_login(people["admin"])

    response = client.post(f"/admin/snippets/lms/orgunit/edit/{units['to-a1'].pk}/", {
        "code": "to-a1", "name": "Tổ dân phố 1", "kind": "other", "parent": units["xa-b"].pk,
    })

    assert response.status_code == 302
    moved = type(units["to-a1"]).objects.get(pk=units["to-a1"].pk)
    assert moved.path == f"{units['xa-b'].path}{moved.pk}/"
    assert names(learners_visible_to(people["manager_y"])) == {"Lê Thị Bình", "Trần Thị Tổ"}


def test_a_unit_cannot_be_moved_below_itself(client, people, units):
    client.force_login(people["admin"])

    response = client.post(f"/admin/snippets/lms/orgunit/edit/{units['xa-a'].pk}/", {
        "code": "xa-a", "name": "Xã An Hòa", "kind": "commune", "parent": units["to-a1"].pk,
    })

    assert response.status_code == 200  # the form again, with the error
    assert gettext("A unit cannot be placed below itself.") in response.content.decode()
    assert type(units["xa-a"]).objects.get(pk=units["xa-a"].pk).parent_id == units["city"].pk
