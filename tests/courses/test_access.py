"""Who may play a module's package version: the catalog's access rule as the player applies it."""

import re

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

import scorm_player.access
from courses.access import learner_may_play
from courses.models import CoursePage, Enrolment, ModulePage
from scorm_player.access import can_play
from scorm_player.models import Attempt
from scorm_player.services import package_import
from tests.courses.catalog import (
    GOLF_12,
    SINGLE_SCO_12,
    SINGLE_SCO_2004,
    VALID,
    course_create,
    module_create,
    theme_create,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme(local_storage):
    return theme_create()


@pytest.fixture
def lan(django_user_model):
    return django_user_model.objects.create_user("lan", password="x-strong-password-1")


@pytest.fixture
def minh(django_user_model):
    return django_user_model.objects.create_user("minh", password="x-strong-password-1")


def test_any_signed_in_learner_may_play_an_open_module(theme, lan):
    module = module_create(theme, open_to_all=True)

    assert can_play(lan, module.version)


def test_nobody_anonymous_may_play_even_an_open_module(theme):
    module = module_create(theme, open_to_all=True)

    assert not can_play(AnonymousUser(), module.version)


def test_a_closed_module_is_only_for_learners_enrolled_in_a_live_course_containing_it(theme, lan, minh):
    module = module_create(theme, open_to_all=False)
    course = course_create([module], enrolment=CoursePage.Enrolment.ASSIGNED)
    Enrolment.objects.create(learner=lan, course=course, source=Enrolment.Source.ASSIGNED)

    assert can_play(lan, module.version)
    assert not can_play(minh, module.version)


def test_enrolment_in_an_unpublished_course_grants_nothing(theme, lan):
    module = module_create(theme, open_to_all=False)
    course = course_create([module])
    Enrolment.objects.create(learner=lan, course=course)
    course.unpublish()

    assert not can_play(lan, module.version)


def test_an_unpublished_module_cannot_be_played(theme, lan):
    module = module_create(theme, open_to_all=True)
    module.unpublish()

    assert not can_play(lan, module.version)


def test_a_version_no_module_uses_cannot_be_played(theme, lan):
    module_create(theme, open_to_all=True)
    orphan = package_import(file=VALID / SINGLE_SCO_2004)

    assert not can_play(lan, orphan)


def test_only_the_version_learners_play_is_open_not_older_or_unpinned_ones(theme, lan):
    module = module_create(theme, zip_name=GOLF_12, open_to_all=True)
    first = module.version
    second = package_import(file=VALID / SINGLE_SCO_2004, package=module.package)

    assert (can_play(lan, second), can_play(lan, first)) == (True, False)

    module.live_version = first
    module.save_revision().publish()

    assert (can_play(lan, first), can_play(lan, second)) == (True, False)


def test_the_rule_costs_one_query(theme, lan):
    module = module_create(theme, open_to_all=False)
    course = course_create([module])
    Enrolment.objects.create(learner=lan, course=course)
    version = module.version

    with CaptureQueriesContext(connection) as queries:
        allowed = learner_may_play(lan, version)

    assert allowed and len(queries) == 1


def test_the_player_refuses_a_learner_without_access_with_a_404(client, theme, minh):
    module = module_create(theme, open_to_all=False)
    client.force_login(minh)

    response = client.get(f"/scorm/play/{module.version.pk}/")

    assert response.status_code == 404
    assert not Attempt.objects.filter(learner=minh).exists()


def test_each_learner_plays_their_own_attempt_and_never_sees_anothers(client, theme, lan, minh):
    module = module_create(theme, open_to_all=True)
    sco = module.version.scos.get()
    Attempt.objects.create(
        learner=lan, sco=sco, state={"cmi": {"core": {"exit": "suspend", "lesson_location": "lan-secret-bookmark"}, "suspend_data": "lan-data"}},
        completion_status="incomplete", sequence=3,
    )
    client.force_login(minh)

    response = client.get(f"/scorm/play/{module.version.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "lan-secret-bookmark" not in html and "lan-data" not in html
    assert Attempt.objects.filter(learner=minh, sco=sco).count() == 1
    assert Attempt.objects.get(learner=lan).state["cmi"]["suspend_data"] == "lan-data"


def test_an_anonymous_visitor_is_sent_to_sign_in_and_back_to_the_player(client, theme):
    module = module_create(theme, open_to_all=True)

    response = client.get(f"/scorm/play/{module.version.pk}/")

    assert response.status_code == 302
    assert response.url == f"/accounts/sign-in/?next=/scorm/play/{module.version.pk}/"


def _launch_url(client, version):
    """The address of the SCO's first file, as the player page gives it to the browser."""
    page = client.get(f"/scorm/play/{version.pk}/").content.decode()
    return re.search(r'"launchUrl": "([^"]+)"', page).group(1)


def test_a_removed_enrolment_stops_the_modules_files_within_the_recheck_time(client, theme, lan, monkeypatch):
    """The player page's content URL proves access when it was made; each worker checks it
    again at most every RECHECK_SECONDS (here made 0 once the removal is done)."""
    module = module_create(theme, open_to_all=False)
    course = course_create([module], enrolment=CoursePage.Enrolment.ASSIGNED)
    enrolment = Enrolment.objects.create(learner=lan, course=course, source=Enrolment.Source.ASSIGNED)
    client.force_login(lan)
    launch_url = _launch_url(client, module.version)
    assert client.get(launch_url).status_code == 200

    enrolment.delete()
    assert client.get(launch_url).status_code == 200  # confirmed less than a minute ago
    monkeypatch.setattr(scorm_player.access, "RECHECK_SECONDS", 0)

    assert client.get(launch_url).status_code == 404
    Enrolment.objects.create(learner=lan, course=course, source=Enrolment.Source.ASSIGNED)
    assert client.get(launch_url).status_code == 200
    lan.is_active = False  # an account switched off by an admin
    lan.save()
    assert client.get(launch_url).status_code == 404


def test_a_learner_in_a_module_goes_on_when_a_new_version_is_uploaded(client, theme, lan, monkeypatch):
    """The module now plays the new version; the page opened on the old one keeps its files
    while the learner may play the package."""
    module = module_create(theme, open_to_all=True)
    client.force_login(lan)
    launch_url = _launch_url(client, module.version)
    monkeypatch.setattr(scorm_player.access, "RECHECK_SECONDS", 0)

    newer = package_import(file=VALID / SINGLE_SCO_12, package=module.package)

    assert ModulePage.objects.get(pk=module.pk).version == newer
    assert client.get(launch_url).status_code == 200
    ModulePage.objects.filter(pk=module.pk).update(open_to_all=False)  # closed to this learner: the old version too
    assert client.get(launch_url).status_code == 404


@pytest.mark.parametrize("closed_plays", ["current", "pinned"])
def test_a_version_still_played_by_a_closed_module_is_not_opened_through_an_open_one(client, theme, lan, monkeypatch, closed_plays):
    """Two modules of one package: one open to everyone, one for enrolled learners, each on
    its own version. Going on with a replaced version is for a page opened before the upload;
    it must not let a learner whose enrolment was removed keep the closed module's files
    (for up to 12 hours) because the open module plays another version."""
    older = package_import(file=VALID / SINGLE_SCO_12)
    newer = package_import(file=VALID / GOLF_12, package=older.package)
    closed_version, open_version = (newer, older) if closed_plays == "current" else (older, newer)
    theme.add_child(instance=ModulePage(title="Mở", slug="mo", package=older.package, open_to_all=True,
                                        live_version=open_version if open_version == older else None))
    closed = theme.add_child(instance=ModulePage(title="Đóng", slug="dong", package=older.package, open_to_all=False,
                                                 live_version=closed_version if closed_version == older else None))
    course = course_create([closed], enrolment=CoursePage.Enrolment.ASSIGNED)
    enrolment = Enrolment.objects.create(learner=lan, course=course, source=Enrolment.Source.ASSIGNED)
    client.force_login(lan)
    launch_url = _launch_url(client, closed_version)
    assert client.get(launch_url).status_code == 200

    enrolment.delete()
    monkeypatch.setattr(scorm_player.access, "RECHECK_SECONDS", 0)

    assert client.get(f"/scorm/play/{closed_version.pk}/").status_code == 404
    assert client.get(launch_url).status_code == 404

def test_the_recheck_leaves_the_session_as_it_is(client, theme, lan, monkeypatch, settings):
    """Answered with a file, not a page: a renewed session's cookie would never reach the
    browser. After a change of SECRET_KEY (the old one a fallback) the learner stays logged in."""
    module = module_create(theme, open_to_all=True)
    client.force_login(lan)
    session_key = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    launch_url = _launch_url(client, module.version)
    monkeypatch.setattr(scorm_player.access, "RECHECK_SECONDS", 0)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-" + "x" * 40

    assert client.get(launch_url).status_code == 200

    assert Session.objects.filter(session_key=session_key).exists()
    assert client.get(f"/scorm/play/{module.version.pk}/").status_code == 200  # still logged in



def test_a_module_made_private_in_wagtail_is_played_only_by_whom_its_privacy_lets_see_it(theme, lan, minh):
    """Privacy set on the module's page or on its theme (Wagtail's page privacy) hides the
    page; the player, reached by the version's number, must not play it either."""
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    module = module_create(theme, open_to_all=True)
    staff = Group.objects.create(name="Cán bộ xã A")
    lan.groups.add(staff)
    restriction = PageViewRestriction.objects.create(page=theme, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(staff)
    assert (learner_may_play(lan, module.version), learner_may_play(minh, module.version)) == (True, False)

    restriction.delete()
    PageViewRestriction.objects.create(page=module, restriction_type=PageViewRestriction.LOGIN)
    assert learner_may_play(minh, module.version)

    PageViewRestriction.objects.create(page=module, restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert not learner_may_play(lan, module.version)
