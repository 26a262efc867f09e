"""Sequencing on the server with real PostgreSQL: navigation endpoint, stored state and
global objectives per learner, the rolled-up package status, SCORM 1.2 multi-SCO."""

import json
import re

import pytest
from django.conf import settings

from scorm_player.access import register_access_rule, unregister_access_rule
from scorm_player.attempts import attempt_commit, attempt_launch
from scorm_player.models import Attempt, GlobalObjective, SequencingState
from scorm_player.navigation import (
    NavigationRefused,
    sequencing_launch,
    sequencing_navigate,
    sequencing_view,
    toc_12,
)
from scorm_player.selectors import package_status_for_learner
from scorm_player.services import package_import
from tests.packages import with_manifest, with_manifest_addition
from tests.services import shared_fixtures_dir

pytestmark = [pytest.mark.django_db, pytest.mark.integration]

FIXTURES = shared_fixtures_dir() / "valid"
FORCED = "SequencingForcedSequential_SCORM20043rdEdition.zip"
PLAYING_GLOBAL = "com.scorm.golfsamples.sequencing.forcedsequential.playing_satisfied"


@pytest.fixture
def learner(django_user_model):
    return django_user_model.objects.create_user("lan", password="x-strong-password-1")


@pytest.fixture
def other_learner(django_user_model):
    return django_user_model.objects.create_user("minh", password="x-strong-password-1")


@pytest.fixture
def only_learner_may_play(learner):
    def rule(user, version):
        return user.pk == learner.pk

    register_access_rule(rule)
    yield
    unregister_access_rule(rule)


@pytest.fixture
def forced(local_storage):
    return package_import(file=FIXTURES / FORCED)


def finish(delivery, *, success="passed", exit_value="suspend"):
    """The SCO reports completion (and success) and terminates, as the golf SCO does."""
    data = {"cmi": {"completion_status": "completed", "success_status": success, "exit": exit_value}}
    return attempt_commit(token=delivery.launch.token, sequence=1, data=data, finished=True)


def navigate(client, version, body):
    raw = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(f"/scorm/navigate/{version.pk}/", raw, content_type="application/json")


def test_the_server_sequences_rolls_up_and_stores_global_objectives_per_learner(forced, learner, other_learner):
    delivery = sequencing_launch(learner=learner, version=forced)
    assert delivery.sco.identifier == "playing_item"
    with pytest.raises(NavigationRefused):
        sequencing_navigate(learner=learner, version=forced, request="continue")
    state = SequencingState.objects.get(learner=learner, version=forced)
    assert state.current_activity == "playing_item" and state.state["activities"]["playing_item"]["active"]

    finish(delivery)
    assert sequencing_navigate(learner=learner, version=forced, request="continue").deliver == "etuqiette_item"
    stored = GlobalObjective.objects.get(learner=learner, objective_id=PLAYING_GLOBAL)
    assert stored.satisfied is True and stored.scope == f"version:{forced.pk}"  # objectivesGlobalToSystem="false"
    # Another learner's tree and objectives are their own.
    assert sequencing_launch(learner=other_learner, version=forced).sco.identifier == "playing_item"
    assert not GlobalObjective.objects.filter(learner=other_learner).exists()
    with pytest.raises(NavigationRefused):
        sequencing_navigate(learner=other_learner, version=forced, request="choice", target="etuqiette_item")


def test_package_status_is_the_rolled_up_root_computed_from_the_scos_attempts(forced, learner):
    assert package_status_for_learner(learner=learner, version=forced)["completion_status"] == "not attempted"
    for identifier in ["playing_item", "etuqiette_item", "handicapping_item", "havingfun_item"]:
        delivery = sequencing_launch(learner=learner, version=forced)
        assert delivery.sco.identifier == identifier
        finish(delivery)
        assert package_status_for_learner(learner=learner, version=forced)["completion_status"] == "incomplete"
        sequencing_navigate(learner=learner, version=forced, request="continue")
    delivery = sequencing_launch(learner=learner, version=forced)
    finish(delivery, success="failed")
    assert package_status_for_learner(learner=learner, version=forced)["success_status"] == "failed"
    # A later commit of the same attempt (the learner retakes the quiz) passes: no navigation needed.
    attempt_commit(token=delivery.launch.token, sequence=2, data={"cmi": {"success_status": "passed"}})
    status = package_status_for_learner(learner=learner, version=forced)
    assert (status["completion_status"], status["success_status"]) == ("completed", "passed")


def test_reviewing_a_finished_course_does_not_undo_its_completion(forced, learner):
    for _identifier in ["playing_item", "etuqiette_item", "handicapping_item", "havingfun_item", "assessment_item"]:
        finish(sequencing_launch(learner=learner, version=forced))
        sequencing_navigate(learner=learner, version=forced, request="continue")
    assert package_status_for_learner(learner=learner, version=forced)["completion_status"] == "completed"
    # Open again: a new attempt on the tree starts at the first SCO, ab-initio.
    delivery = sequencing_launch(learner=learner, version=forced)
    assert delivery.sco.identifier == "playing_item" and delivery.launch.state["cmi"]["entry"] == "ab-initio"
    assert package_status_for_learner(learner=learner, version=forced)["completion_status"] == "completed"


def test_navigate_endpoint_answers_where_to_go_and_refuses_clearly(client, forced, learner, only_learner_may_play):
    client.force_login(learner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # chosen on the site
    page = client.get(f"/scorm/play/{forced.pk}/")
    assert page.status_code == 200 and page.context["sco"].identifier == "playing_item"
    assert 'data-request="continue" disabled' in page.content.decode()
    assert page.context["config"]["state"]["cmi"]["learner_preference"]["language"] == "en"
    assert navigate(client, forced, {"request": "teleport"}).json()["message"] == "Unknown navigation request."
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    assert navigate(client, forced, {"request": "teleport"}).json()["message"] == "Yêu cầu chuyển phần không hợp lệ."

    refused = navigate(client, forced, {"request": "choice", "target": "havingfun_item"})
    assert refused.status_code == 409 and refused.json()["ok"] is False and refused.json()["message"]
    assert navigate(client, forced, {"request": "teleport"}).status_code == 400
    assert navigate(client, forced, {"request": "choice", "target": ["x"]}).status_code == 400
    assert navigate(client, forced, "not json").status_code == 400
    assert navigate(client, forced, {"request": "continue", "target": "x" * 5000}).status_code == 413
    assert client.get(f"/scorm/navigate/{forced.pk}/").status_code == 405

    suspended = navigate(client, forced, {"request": "suspendAll"})
    assert suspended.status_code == 200 and suspended.json()["ended"] is True
    assert suspended.json()["url"].endswith("?ended=1")
    hub = client.get(suspended.json()["url"])
    assert hub.context["sco"] is None and 'data-request="resumeAll"' in hub.content.decode()
    assert client.get(f"/scorm/play/{forced.pk}/").context["sco"].identifier == "playing_item"

    status = client.get(f"/scorm/navigation/{forced.pk}/").json()
    assert status["validity"]["choice"]["playing_item"] is True and status["validity"]["choice"]["etuqiette_item"] is False
    assert {entry["identifier"] for entry in status["toc"]} >= {"playing_item", "assessment_item"}


def test_navigation_needs_login_access_and_csrf(forced, learner, other_learner, only_learner_may_play, client):
    from django.test import Client

    assert navigate(client, forced, {"request": "start"}).status_code == 302  # to the login page
    client.force_login(other_learner)
    assert navigate(client, forced, {"request": "start"}).status_code == 404
    assert client.get(f"/scorm/navigation/{forced.pk}/").status_code == 404
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(learner)
    assert strict.post(f"/scorm/navigate/{forced.pk}/", '{"request": "start"}', content_type="application/json").status_code == 403


def _with_prerequisites(tmp_path):
    """The one-file-per-SCO package with "Par" requiring "Keeping Score" (adlcp:prerequisites)."""
    return with_manifest_addition(
        FIXTURES / "ContentPackagingOneFilePerSCO_SCORM12.zip", tmp_path / "prerequisites.zip",
        '<item identifier="playing_par_item" identifierref="playing_par_resource">',
        '<adlcp:prerequisites type="aicc_script">playing_scoring_item</adlcp:prerequisites>',
    )


def test_buttons_the_manifest_hides_are_not_shown(client, tmp_path, local_storage, learner, only_learner_may_play):
    hidden = package_import(file=with_manifest_addition(
        FIXTURES / FORCED, tmp_path / "hidden.zip",
        '<item identifier="playing_item" identifierref="playing_resource">',
        "<adlnav:presentation><adlnav:navigationInterface><adlnav:hideLMSUI>continue</adlnav:hideLMSUI>"
        "<adlnav:hideLMSUI>suspendAll</adlnav:hideLMSUI></adlnav:navigationInterface></adlnav:presentation>",
    ))
    client.force_login(learner)
    html = client.get(f"/scorm/play/{hidden.pk}/").content.decode()
    assert 'data-request="previous"' in html and 'data-request="exitAll"' in html
    assert 'data-request="continue"' not in html and 'data-request="suspendAll"' not in html


def test_scorm12_prerequisites_are_honoured_and_assets_complete_when_shown(client, tmp_path, local_storage, learner, only_learner_may_play):
    version = package_import(file=_with_prerequisites(tmp_path))
    client.force_login(learner)
    refused = client.get(f"/scorm/play/{version.pk}/?sco=playing_par_item")
    assert refused.context["sco"].identifier == "playing_playing_item" and refused.context["refused"]
    assert 'data-locked="playing_par_item"' in refused.content.decode()
    assert Attempt.objects.get(learner=learner, sco__identifier="playing_playing_item").completion_status == "completed"
    assert client.get(f"/scorm/play/{version.pk}/?sco=playing_scoring_item").context["sco"].identifier == "playing_scoring_item"
    allowed = client.get(f"/scorm/play/{version.pk}/?sco=playing_par_item")
    assert allowed.context["sco"].identifier == "playing_par_item" and not allowed.context["refused"]
    assert package_status_for_learner(learner=learner, version=version)["completion_status"] == "incomplete"
    for sco in version.scos.all():
        client.get(f"/scorm/play/{version.pk}/?sco={sco.identifier}")
    assert package_status_for_learner(learner=learner, version=version)["completion_status"] == "completed"


def _choice_links(html):
    """{item identifier: href} of the contents list's choice links."""
    return {
        match.group(2): match.group(1).replace("&amp;", "&")
        for match in re.finditer(r'<a href="(\?sco=[^"]*)" data-choice="([^"]+)"', html)
    }


def test_a_choice_link_moves_the_sequencer_only_from_the_learners_own_page(client, forced, learner, other_learner, allow_everyone):
    """A choice is a navigation request: a link another site makes the learner open
    (`?sco=`, a GET: no CSRF check) must not move where the learner is in the course."""
    finish(sequencing_launch(learner=learner, version=forced))
    sequencing_navigate(learner=learner, version=forced, request="continue")
    client.force_login(learner)
    links = _choice_links(client.get(f"/scorm/play/{forced.pk}/").content.decode())
    assert "playing_item" in links and "&choose=" in links["playing_item"]
    current = lambda: SequencingState.objects.get(learner=learner).current_activity  # noqa: E731
    assert current() == "etuqiette_item"

    forged = client.get(f"/scorm/play/{forced.pk}/?sco=playing_item")
    wrong = client.get(f"/scorm/play/{forced.pk}/?sco=playing_item&choose=0123456789abcdef0123")
    assert forged.context["sco"].identifier == wrong.context["sco"].identifier == "etuqiette_item"
    assert forged.context["refused"] == "Liên kết đã hết hạn: hãy chọn lại phần đó trong mục lục."
    assert current() == "etuqiette_item"

    # Another session's link (the same learner elsewhere, or the link's author) is no proof either.
    client.force_login(other_learner)
    others = _choice_links(client.get(f"/scorm/play/{forced.pk}/").content.decode())
    client.force_login(learner)
    assert client.get(f"/scorm/play/{forced.pk}/" + others["playing_item"]).context["sco"].identifier == "etuqiette_item"

    links = _choice_links(client.get(f"/scorm/play/{forced.pk}/").content.decode())
    chosen = client.get(f"/scorm/play/{forced.pk}/" + links["playing_item"])
    assert chosen.context["sco"].identifier == "playing_item" and current() == "playing_item"


def test_scorm12_contents_are_refreshed_with_the_parts_prerequisites_now_allow(client, tmp_path, local_storage, learner, only_learner_may_play):
    version = package_import(file=_with_prerequisites(tmp_path))
    client.force_login(learner)
    page = client.get(f"/scorm/play/{version.pk}/?sco=playing_playing_item")
    assert page.context["next_sco"].identifier == "playing_par_item" and not page.context["next_available"]
    assert re.search(r'<a class="primary" href="\?sco=playing_par_item" data-part="playing_par_item" hidden>', page.content.decode())
    url = page.context["config"]["parts"]["statusUrl"]
    before = {entry["identifier"]: entry for entry in client.get(url).json()["toc"]}
    assert before["playing_par_item"]["available"] is False

    # An asset completes as it is launched: "Keeping Score" is done (in another tab), and "Par" may open now.
    client.get(f"/scorm/play/{version.pk}/?sco=playing_scoring_item")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    answer = client.get(url)
    after = {entry["identifier"]: entry for entry in answer.json()["toc"]}
    assert "no-cache" in answer["Cache-Control"] and "private" in answer["Cache-Control"]
    assert after["playing_scoring_item"] == {
        "identifier": "playing_scoring_item", "completion_status": "completed", "success_status": "unknown",
        "label": "completed", "available": True,
    }
    assert after["playing_par_item"]["available"] is True and after["playing_par_item"]["label"] == "not started"
    assert 'data-part="playing_par_item">' in client.get(f"/scorm/play/{version.pk}/?sco=playing_playing_item").content.decode()


def test_contents_of_a_single_sco_package_are_not_found(client, local_storage, learner, only_learner_may_play):
    version = package_import(file=FIXTURES / "RuntimeBasicCalls_SCORM12.zip")
    client.force_login(learner)
    assert client.get(f"/scorm/navigation/{version.pk}/").status_code == 404


def test_scorm12_a_part_opened_again_keeps_the_next_open_and_the_package_completed(local_storage, learner, tmp_path):
    """The learner opens a passed part again (to look something up): its new attempt starts
    "not attempted", but the best of its attempts decides the prerequisites and the package."""
    version = package_import(file=with_manifest_addition(
        FIXTURES / "RuntimeBasicCalls_SCORM12.zip", tmp_path / "two_parts.zip", "</item>",
        '<item identifier="item_2" identifierref="resource_1"><title>Again</title>'
        '<adlcp:prerequisites type="aicc_script">item_1</adlcp:prerequisites></item>',
    ))
    first, second = version.scos.all()
    for sco, status in ((first, "passed"), (second, "completed")):
        launch = attempt_launch(learner=learner, sco=sco)
        attempt_commit(token=launch.token, sequence=launch.attempt.sequence + 1, finished=True,
                       data={"cmi": {"core": {"lesson_status": status, "exit": "", "score": {"raw": "90"}}}})
    assert package_status_for_learner(learner=learner, version=version)["completion_status"] == "completed"

    attempt_launch(learner=learner, sco=first)
    assert Attempt.objects.filter(sco=first).count() == 2

    toc = {entry["sco"].identifier: entry for entry in toc_12(learner=learner, version=version)}
    assert toc["item_2"]["available"] is True
    assert (toc["item_1"]["completion_status"], toc["item_1"]["success_status"]) == ("completed", "passed")
    status = package_status_for_learner(learner=learner, version=version)
    assert (status["completion_status"], status["success_status"]) == ("completed", "passed")


def _toc_status(learner, version, identifier):
    entry = next(e for e in sequencing_view(learner=learner, version=version)["toc"] if e["identifier"] == identifier)
    return entry["completion_status"], entry["success_status"]


def test_reopening_after_a_sco_ended_its_session_keeps_what_it_reported_and_offers_where_to_go(forced, learner):
    """The SCO reports completed and passed and Terminates with cmi.exit "normal" and no
    navigation request; the learner closes the tab and comes back. Launched again in the
    attempt it closed, the SCO would start with nothing, and the tree would forget it."""
    finish(sequencing_launch(learner=learner, version=forced), exit_value="normal")
    assert _toc_status(learner, forced, "playing_item") == ("completed", "passed")

    again = sequencing_launch(learner=learner, version=forced)

    assert again.sco is None and again.refused is None  # the page offers where to go
    view = sequencing_view(learner=learner, version=forced)
    assert _toc_status(learner, forced, "playing_item") == ("completed", "passed")
    assert view["validity"]["continue"] is True and view["can_reopen"] is True
    assert Attempt.objects.filter(learner=learner).count() == 1
    assert sequencing_navigate(learner=learner, version=forced, request="continue").deliver == "etuqiette_item"


def test_the_part_a_sco_ended_opens_again_in_a_new_attempt_from_the_page_or_its_link(forced, learner, client, allow_everyone):
    finish(sequencing_launch(learner=learner, version=forced), exit_value="normal")
    client.force_login(learner)
    hub = client.get(f"/scorm/play/{forced.pk}/")
    assert hub.context["sco"] is None
    assert 'data-request="choice" data-target="playing_item"' in hub.content.decode()

    reopened = client.get(f"/scorm/play/{forced.pk}/" + _choice_links(hub.content.decode())["playing_item"])

    assert reopened.context["sco"].identifier == "playing_item"
    assert reopened.context["config"]["state"]["cmi"]["entry"] == "ab-initio"
    assert Attempt.objects.filter(learner=learner, sco__identifier="playing_item").count() == 2


def test_the_rules_of_a_sco_that_ended_its_session_still_apply_after_the_page_is_reopened(local_storage, learner):
    """Simple remediation: the last test ends (exit "normal") with a quiz failed; its post
    condition (exitParent) and the wrapper's retry send the learner back to the content.
    Closing the tab in between must not skip them."""
    version = package_import(file=FIXTURES / "SequencingSimpleRemediation_SCORM20043rdEdition.zip")
    for identifier in ["playing_item", "etuqiette_item", "handicapping_item", "havingfun_item", "test_1", "test_2", "test_3"]:
        delivery = sequencing_launch(learner=learner, version=version)
        assert delivery.sco.identifier == identifier
        finish(delivery, success="failed" if identifier == "test_1" else "passed")
        sequencing_navigate(learner=learner, version=version, request="continue")
    finish(sequencing_launch(learner=learner, version=version), exit_value="normal")

    assert sequencing_launch(learner=learner, version=version).sco is None
    assert sequencing_navigate(learner=learner, version=version, request="continue").deliver == "playing_item"


def test_reopening_a_course_finished_by_its_last_sco_keeps_it_completed(forced, learner):
    for _identifier in ["playing_item", "etuqiette_item", "handicapping_item", "havingfun_item"]:
        finish(sequencing_launch(learner=learner, version=forced))
        sequencing_navigate(learner=learner, version=forced, request="continue")
    last = sequencing_launch(learner=learner, version=forced)
    assert last.sco.identifier == "assessment_item"
    finish(last, exit_value="normal")

    again = sequencing_launch(learner=learner, version=forced)

    assert again.sco is None
    status = package_status_for_learner(learner=learner, version=forced)
    assert (status["completion_status"], status["success_status"]) == ("completed", "passed")
    assert SequencingState.objects.get(learner=learner).completion_status == "completed"


def _without_sequencing(tmp_path):
    """RuntimeBasicCalls 2004 with a second part and no sequencing declared."""

    def edit(text):
        assert '<imsss:controlMode choice="true" flow="true"/>' in text
        text = text.replace('<imsss:controlMode choice="true" flow="true"/>', "")
        return text.replace("</item>", '</item><item identifier="item_2" identifierref="resource_1"><title>Again</title></item>', 1)

    return package_import(file=with_manifest(FIXTURES / "RuntimeBasicCalls_SCORM20043rdEdition.zip", tmp_path / "no_sequencing.zip", edit))


def test_a_2004_package_of_several_parts_without_sequencing_opens_its_first_part(local_storage, learner, tmp_path):
    """Most such packages declare no sequencing: IMS SS's defaults then allow choice but no
    flow, so a start is refused (SB.2.2-1). The learner, on a phone with the contents folded
    away, would meet "not allowed here" and nothing to study."""
    version = _without_sequencing(tmp_path)
    assert version.activity_tree["sequencing"]["control_mode"]["flow"] is False

    delivery = sequencing_launch(learner=learner, version=version)

    assert delivery.refused is None and delivery.sco.identifier == "item_1"
    assert sequencing_view(learner=learner, version=version)["validity"]["choice"]["item_2"] is True



def test_a_part_of_a_package_without_sequencing_that_ended_opens_again(local_storage, learner, tmp_path):
    """No flow: no Continue. The page offers the part again (and the contents list)."""
    version = _without_sequencing(tmp_path)
    finish(sequencing_launch(learner=learner, version=version), exit_value="normal")
    assert sequencing_launch(learner=learner, version=version).sco is None
    assert sequencing_view(learner=learner, version=version)["can_reopen"] is True
    assert sequencing_navigate(learner=learner, version=version, request="choice", target="item_1").deliver == "item_1"


def test_a_part_that_ended_not_passed_can_be_taken_again_from_the_page(forced, learner):
    """Forced order: the next part waits for this one to be passed, so Continue is not
    offered; the learner takes this part again (before, the hub offered Start: the first part)."""
    for _identifier in ["playing_item", "etuqiette_item"]:
        finish(sequencing_launch(learner=learner, version=forced))
        sequencing_navigate(learner=learner, version=forced, request="continue")
    third = sequencing_launch(learner=learner, version=forced)
    finish(third, success="failed", exit_value="normal")

    assert sequencing_launch(learner=learner, version=forced).sco is None
    view = sequencing_view(learner=learner, version=forced)
    assert view["validity"]["continue"] is False and view["can_reopen"] is True
    assert sequencing_navigate(learner=learner, version=forced, request="choice", target="handicapping_item").deliver == "handicapping_item"


def test_scorm12_a_part_failed_then_completed_opens_the_next(local_storage, learner, tmp_path):
    version = package_import(file=with_manifest_addition(
        FIXTURES / "RuntimeBasicCalls_SCORM12.zip", tmp_path / "two_parts.zip", "</item>",
        '<item identifier="item_2" identifierref="resource_1"><title>Again</title>'
        '<adlcp:prerequisites type="aicc_script">item_1</adlcp:prerequisites></item>',
    ))
    first = version.scos.get(identifier="item_1")
    for status in ("failed", "completed", "incomplete"):
        launch = attempt_launch(learner=learner, sco=first)
        attempt_commit(token=launch.token, sequence=launch.attempt.sequence + 1, finished=True,
                       data={"cmi": {"core": {"lesson_status": status, "exit": ""}}})
    toc = {entry["sco"].identifier: entry for entry in toc_12(learner=learner, version=version)}
    assert toc["item_1"]["lesson_status"] == "completed" and toc["item_2"]["available"] is True
