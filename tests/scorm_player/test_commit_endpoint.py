"""The commit endpoint: token auth, sequence handling, server-side validation, clear 4xx errors."""

import json
import time

import pytest
from django.test import Client

from scorm_player.attempts import KEPT_TOKEN_MAX_AGE, attempt_launch, kept_commit_token
from scorm_player.models import Attempt

from .wsgi_client import WsgiClient

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


@pytest.fixture
def learner(django_user_model):
    return django_user_model.objects.create_user("an", password="x-strong-password-1", first_name="Ánh Tuyết", last_name="Nguyễn Thị")


@pytest.fixture
def wsgi():
    return WsgiClient()


def post(wsgi, launch, body, content_type="application/json"):
    """A commit as the player sends it, through the WSGI entry point gunicorn serves."""
    raw = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return wsgi.post(f"/scorm/commit/{launch.token}/", raw, content_type=content_type)


def core(**fields):
    return {"cmi": {"core": fields}}


def test_launch_seeds_who_the_learner_is_and_the_manifest_settings(learner, sco_12):
    launch = attempt_launch(learner=learner, sco=sco_12)

    seeded = launch.state["cmi"]["core"]
    assert seeded["student_id"] == str(learner.pk)
    assert seeded["student_name"] == "Ánh Tuyết Nguyễn Thị"
    assert (seeded["credit"], seeded["lesson_mode"], seeded["entry"]) == ("credit", "normal", "ab-initio")


@pytest.mark.parametrize("sco_fixture, preferences", [("sco_12", "student_preference"), ("sco_2004", "learner_preference")])
def test_the_learners_language_is_the_sco_preference_until_they_choose_one(request, wsgi, learner, sco_fixture, preferences):
    sco = request.getfixturevalue(sco_fixture)
    exit_normally = {"core": {"exit": ""}} if sco.version.scorm_version == "1.2" else {"exit": ""}

    def language(launch):
        stored = Attempt.objects.get(pk=launch.attempt.pk).state["cmi"][preferences]["language"]
        assert stored == launch.state["cmi"][preferences]["language"]
        return stored

    def finish(launch, chosen):
        post(wsgi, launch, {"seq": launch.sequence_base + 1, "finished": True, "cmi": {preferences: {"language": chosen}, **exit_normally}})

    first = attempt_launch(learner=learner, sco=sco, language="vi")
    assert language(first) == "vi"
    assert language(attempt_launch(learner=learner, sco=sco, language="en")) == "en"  # follows the site
    finish(first, "en")  # the SCO sends back what it was told: not a choice
    assert language(attempt_launch(learner=learner, sco=sco, language="vi")) == "vi"

    second = attempt_launch(learner=learner, sco=sco, language="vi")
    finish(second, "en-GB")  # chosen in the SCO; the attempt ends
    third = attempt_launch(learner=learner, sco=sco, language="vi")
    assert third.attempt.number == 3 and language(third) == "en-GB"  # a new attempt keeps the choice
    finish(third, "")  # "no preference", chosen too
    assert language(attempt_launch(learner=learner, sco=sco, language="vi")) == ""


def test_a_commit_is_validated_and_stored_with_status_columns(wsgi, learner, sco_12):
    launch = attempt_launch(learner=learner, sco=sco_12)

    response = post(wsgi, launch, {"seq": 1, **core(lesson_location="page-3", lesson_status="incomplete", score={"raw": "40"})})

    assert response.status_code == 200, response.content
    assert response.json()["result"] == "true"
    attempt = Attempt.objects.get()
    assert attempt.state["cmi"]["core"]["lesson_location"] == "page-3"
    assert (attempt.completion_status, attempt.score_raw) == ("incomplete", 40.0)


def test_the_final_commit_works_as_text_plain_without_a_session_or_csrf(wsgi, learner, sco_12):
    launch = attempt_launch(learner=learner, sco=sco_12)

    response = post(wsgi, launch, json.dumps({"seq": 1, "finished": True, **core(lesson_status="passed", session_time="00:05:10", exit="")}), "text/plain;charset=UTF-8")

    assert response.status_code == 200
    attempt = Attempt.objects.get()
    assert attempt.state["cmi"]["core"]["total_time"] == "0000:05:10"
    assert attempt.closed_at is not None and attempt.completion_status == "completed"


def test_every_committed_column_reads_back_as_the_orm_stores_it(wsgi, learner, sco_12):
    from django.utils import timezone

    launch = attempt_launch(learner=learner, sco=sco_12)
    post(wsgi, launch, {"seq": 1, **core(lesson_location="p1", score={"raw": "42.5", "min": "0", "max": "50"})})
    started = timezone.now()
    # The second commit reads the first one's row back through the prepared statement.
    post(wsgi, launch, {"seq": 2, "finished": True, **core(lesson_status="passed", session_time="00:02:03.5", exit="")})

    attempt = Attempt.objects.get()
    assert (attempt.sequence, attempt.completion_status, attempt.success_status) == (2, "completed", "passed")
    assert (attempt.score_raw, attempt.score_scaled, attempt.total_seconds) == (42.5, 0.85, 123.5)
    assert attempt.closed_at == attempt.last_activity_at and started <= attempt.closed_at <= timezone.now()
    assert attempt.state["cmi"]["core"]["lesson_location"] == "p1" and attempt.state["cmi"]["core"]["score"]["raw"] == "42.5"


def test_a_forged_token_is_refused(wsgi, learner, sco_12):
    launch = attempt_launch(learner=learner, sco=sco_12)
    launch.token = launch.token[:-2] + ("AA" if not launch.token.endswith("AA") else "BB")

    response = post(wsgi, launch, {"seq": 1, **core(lesson_location="x")})

    assert response.status_code == 403
    assert Attempt.objects.get().state["cmi"]["core"].get("lesson_location") is None


def test_another_learners_token_cannot_reach_my_attempt(wsgi, learner, sco_12, django_user_model):
    mine = attempt_launch(learner=learner, sco=sco_12)
    other = django_user_model.objects.create_user("binh", password="x-strong-password-1")
    theirs = attempt_launch(learner=other, sco=sco_12)

    post(wsgi, theirs, {"seq": 1, **core(lesson_location="theirs")})

    assert Attempt.objects.get(pk=mine.attempt.pk).state["cmi"]["core"].get("lesson_location") is None
    assert Attempt.objects.get(pk=theirs.attempt.pk).state["cmi"]["core"]["lesson_location"] == "theirs"


def test_a_token_pointed_at_another_learners_attempt_is_refused(wsgi, learner, sco_12, django_user_model):
    other = django_user_model.objects.create_user("binh", password="x-strong-password-1")
    theirs = attempt_launch(learner=other, sco=sco_12)
    mine = attempt_launch(learner=learner, sco=sco_12)
    value, signature = mine.token.rsplit(":", 1)
    assert value.startswith(f"{mine.attempt.pk}-")
    mine.token = f"{theirs.attempt.pk}-{value.split('-', 1)[1]}:{signature}"

    response = post(wsgi, mine, {"seq": 1, **core(lesson_location="not yours")})

    assert response.status_code == 403 and response.json()["result"] == "false"
    assert Attempt.objects.get(pk=theirs.attempt.pk).state["cmi"]["core"].get("lesson_location") is None


def test_the_address_of_a_commit_kept_on_the_device_opens_the_attempt_for_30_days_only(wsgi, learner, sco_12, monkeypatch):
    """Site pages send what the device kept to that address; anything of the origin can
    read it there, so it expires. The page's own address does not (a page open for days)."""
    launch = attempt_launch(learner=learner, sco=sco_12)
    page_token = launch.token
    launch.token = kept_commit_token(launch.attempt, launch.version)
    assert launch.token != page_token

    assert post(wsgi, launch, {"seq": 1, **core(lesson_location="kept")}).json()["applied"] is True
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + KEPT_TOKEN_MAX_AGE + 60)
    expired = post(wsgi, launch, {"seq": 2, **core(lesson_location="too late")})
    launch.token = page_token
    still_open = post(wsgi, launch, {"seq": 3, **core(lesson_location="from the page")})

    assert expired.status_code == 403 and expired.json()["message"]
    assert still_open.json()["applied"] is True
    assert Attempt.objects.get().state["cmi"]["core"]["lesson_location"] == "from the page"


def test_older_and_repeated_commits_never_roll_state_back(wsgi, learner, sco_12):
    launch = attempt_launch(learner=learner, sco=sco_12)
    post(wsgi, launch, {"seq": 2, **core(lesson_location="page-5")})

    stale = post(wsgi, launch, {"seq": 1, **core(lesson_location="page-1")})
    repeated = post(wsgi, launch, {"seq": 2, **core(lesson_location="page-2")})

    assert stale.status_code == repeated.status_code == 200
    assert stale.json()["applied"] is False and repeated.json()["applied"] is False
    assert Attempt.objects.get().state["cmi"]["core"]["lesson_location"] == "page-5"


@pytest.mark.parametrize(
    "submitted, element",
    [
        (core(student_id="someone-else"), "cmi.core.student_id"),
        (core(total_time="9999:00:00"), "cmi.core.total_time"),
        (core(lesson_status="brilliant"), "cmi.core.lesson_status"),
        (core(score={"raw": "150"}), "cmi.core.score.raw"),
    ],
)
def test_read_only_elements_and_invalid_values_are_refused(wsgi, learner, sco_12, submitted, element):
    launch = attempt_launch(learner=learner, sco=sco_12)

    response = post(wsgi, launch, {"seq": 1, **submitted})

    assert response.status_code == 422
    body = response.json()
    assert body["result"] == "false" and body["errorCode"] > 0
    assert [error["element"] for error in body["errors"]] == [element]
    assert Attempt.objects.get().sequence == 0


def test_learner_id_cannot_be_rewritten_in_2004(wsgi, learner, sco_2004):
    launch = attempt_launch(learner=learner, sco=sco_2004)

    response = post(wsgi, launch, {"seq": 1, "cmi": {"learner_id": "admin"}})

    assert response.status_code == 422
    assert response.json()["errors"][0]["element"] == "cmi.learner_id"


@pytest.mark.parametrize(
    "raw, status",
    [
        (b"{not json", 400),
        (b"[1, 2]", 400),
        (json.dumps({"cmi": {}}).encode(), 400),  # no sequence number
        (json.dumps({"seq": "one", "cmi": {}}).encode(), 400),
        (json.dumps({"seq": 1, "cmi": "text"}).encode(), 422),
        (b"\xff\xfe\x00", 400),
    ],
)
def test_malformed_bodies_get_a_4xx_json_error_never_a_500(wsgi, learner, sco_12, raw, status):
    launch = attempt_launch(learner=learner, sco=sco_12)

    response = post(wsgi, launch, raw)

    assert response.status_code == status
    assert response.json()["result"] == "false" and response.json()["message"]


@pytest.mark.parametrize("with_receipt", [False, True], ids=["read", "receipt"])
def test_a_body_nested_hundreds_deep_gets_a_400_not_a_500(wsgi, learner, sco_12, with_receipt):
    launch = attempt_launch(learner=learner, sco=sco_12)
    deep = '{"a": ' * 1000 + '"x"' + "}" * 1000  # orjson reads up to 1,024 levels
    receipt = f', "stored": {{"tag": "{launch.attempt.pk}.0.0:1.x", "delta": []}}' if with_receipt else ""

    response = post(wsgi, launch, f'{{"seq": 1, "cmi": {{"interactions": {{"0": {deep}}}}}{receipt}}}')

    assert response.status_code == 400 and response.json()["message"], response.content
    assert Attempt.objects.get().sequence == 0


def test_suspend_data_is_stored_up_to_the_configured_limit_and_refused_beyond(wsgi, learner, sco_2004, settings):
    settings.SCORM_MAX_SUSPEND_DATA = 70_000
    launch = attempt_launch(learner=learner, sco=sco_2004)

    stored = post(wsgi, launch, {"seq": 1, "cmi": {"suspend_data": "đ" * 70_000}})
    refused = post(wsgi, launch, {"seq": 2, "cmi": {"suspend_data": "x" * 70_001}})

    assert stored.status_code == 200 and refused.status_code == 422
    assert [error["element"] for error in refused.json()["errors"]] == ["cmi.suspend_data"]
    assert Attempt.objects.get().state["cmi"]["suspend_data"] == "đ" * 70_000  # whole, not cut


def test_an_oversized_body_is_refused_with_413(wsgi, learner, sco_12, settings):
    settings.SCORM_MAX_COMMIT_BYTES = 10_000
    launch = attempt_launch(learner=learner, sco=sco_12)

    response = post(wsgi, launch, {"seq": 1, "cmi": {"suspend_data": "x" * 20_000}})

    assert response.status_code == 413 and response.json()["errorCode"] == 351
    assert response["Connection"] == "close"  # the body is not read
    assert Attempt.objects.get().sequence == 0


def test_suspend_then_relaunch_resumes_with_entry_resume_and_all_data(wsgi, learner, sco_12):
    first = attempt_launch(learner=learner, sco=sco_12)
    post(wsgi, first, {"seq": 1, "finished": True, **core(lesson_location="page-4", exit="suspend", session_time="00:01:00"), "cmi_extra": 1})

    again = attempt_launch(learner=learner, sco=sco_12)

    assert again.attempt.pk == first.attempt.pk
    assert again.state["cmi"]["core"]["entry"] == "resume"
    assert again.state["cmi"]["core"]["lesson_location"] == "page-4"


def test_any_other_exit_closes_the_attempt_and_the_next_launch_starts_a_new_one(wsgi, learner, sco_12):
    first = attempt_launch(learner=learner, sco=sco_12)
    post(wsgi, first, {"seq": 1, "finished": True, **core(lesson_location="page-9", lesson_status="completed", exit="")})

    again = attempt_launch(learner=learner, sco=sco_12)

    assert again.attempt.pk != first.attempt.pk and again.attempt.number == 2
    assert again.state["cmi"]["core"]["entry"] == "ab-initio"
    assert "lesson_location" not in again.state["cmi"]["core"]
    assert Attempt.objects.get(pk=first.attempt.pk).completion_status == "completed"


def test_a_session_left_without_lmsfinish_goes_on_in_the_same_attempt_and_is_not_completed(wsgi, learner, sco_12):
    sco_12.settings["mastery_score"] = 80
    sco_12.save()
    first = attempt_launch(learner=learner, sco=sco_12)
    post(wsgi, first, {"seq": first.sequence_base + 1, **core(lesson_location="page-3", score={"raw": "20"}, session_time="00:01:00")})

    again = attempt_launch(learner=learner, sco=sco_12)  # the tab was closed, or the page reloaded

    assert again.attempt.pk == first.attempt.pk and Attempt.objects.count() == 1
    assert again.state["cmi"]["core"]["entry"] == ""
    assert again.state["cmi"]["core"]["lesson_location"] == "page-3"
    assert again.state["cmi"]["core"]["total_time"] == "0000:01:00"  # what the SCO reads
    attempt = Attempt.objects.get()
    assert attempt.closed_at is None
    assert (attempt.completion_status, attempt.success_status) == ("not attempted", "unknown")
    # The session's time counts once its end is known: here, the new page's first commit.
    post(wsgi, again, {"seq": again.sequence_base + 1, **core(lesson_location="page-4", session_time="00:00:05")})
    attempt = Attempt.objects.get()
    assert attempt.total_seconds == 60 and attempt.completion_status == "not attempted"


def commit(wsgi, launch, number, body):
    """The page's `number`th commit, as its player numbers it, with the stored commit it started from."""
    return post(wsgi, launch, {"seq": launch.sequence_base + number, "base": launch.attempt.sequence, **body})


def test_the_last_commit_of_a_page_left_behind_lands_after_the_next_launch(wsgi, learner, sco_2004):
    """A reload: the browser asks for the new page before the old one sends its last commit.
    That commit is stored; the new page, whose state is older, replays it from the device
    and loads again (player.js), and goes on from it."""
    first = attempt_launch(learner=learner, sco=sco_2004)
    commit(wsgi, first, 1, {"cmi": {"entry": "ab-initio", "location": "slide-2", "session_time": "PT30S"}})
    again = attempt_launch(learner=learner, sco=sco_2004)

    late = commit(wsgi, first, 2, {"finished": True, "cmi": {"entry": "ab-initio", "location": "slide-3", "exit": "suspend", "session_time": "PT40S"}})

    assert late.status_code == 200 and late.json()["applied"] is True, late.content
    attempt = Attempt.objects.get()
    assert attempt.pk == again.attempt.pk and attempt.closed_at is None
    assert attempt.state["cmi"]["entry"] == ""  # the server's, not the late page's
    assert attempt.total_seconds == 40  # the first session, counted once
    # The page launched before that commit would roll it back: it stores nothing.
    assert commit(wsgi, again, 1, {"cmi": {"location": "slide-2", "session_time": "PT5S"}}).json()["applied"] is False
    reloaded = attempt_launch(learner=learner, sco=sco_2004)
    assert (reloaded.state["cmi"]["entry"], reloaded.state["cmi"]["location"]) == ("resume", "slide-3")
    assert commit(wsgi, reloaded, 1, {"cmi": {"location": "slide-3", "session_time": "PT5S"}}).json()["applied"] is True
    commit(wsgi, reloaded, 2, {"finished": True, "cmi": {"location": "slide-4", "exit": "suspend", "session_time": "PT15S"}})
    assert Attempt.objects.get().total_seconds == 55
    resumed = attempt_launch(learner=learner, sco=sco_2004)
    assert resumed.attempt.pk == first.attempt.pk
    assert (resumed.state["cmi"]["entry"], resumed.state["cmi"]["location"]) == ("resume", "slide-4")


@pytest.mark.parametrize("late_finishes", [False, True])
def test_time_counts_once_when_the_page_left_behind_sends_its_last_commit_after_the_reload(wsgi, learner, sco_12, late_finishes):
    """Its last normal commit said 30 s, its last commit says 45 s: the session lasted 45 s."""
    first = attempt_launch(learner=learner, sco=sco_12)
    commit(wsgi, first, 1, core(lesson_location="p2", session_time="00:00:30"))
    again = attempt_launch(learner=learner, sco=sco_12)
    assert again.state["cmi"]["core"]["total_time"] == "0000:00:30"  # as known at the launch

    late = {"finished": late_finishes, **core(lesson_location="p3", exit="suspend", session_time="00:00:45")}
    assert commit(wsgi, first, 2, late).json()["applied"] is True
    reloaded = attempt_launch(learner=learner, sco=sco_12)  # after replaying that commit
    commit(wsgi, reloaded, 1, core(lesson_location="p3", session_time="00:00:10"))
    commit(wsgi, reloaded, 2, {"finished": True, **core(lesson_location="p4", exit="suspend", session_time="00:00:20")})

    attempt = Attempt.objects.get()
    assert attempt.total_seconds == 65
    assert attempt_launch(learner=learner, sco=sco_12).state["cmi"]["core"]["total_time"] == "0000:01:05"


def test_a_tab_behind_what_another_tab_stored_since_it_opened_stores_nothing(wsgi, learner, sco_12):
    """A second tab opened and left aside while the learner passes the quiz in the first:
    its state (from before the pass) would roll the pass back when it is hidden or closed."""
    working = attempt_launch(learner=learner, sco=sco_12)
    aside = attempt_launch(learner=learner, sco=sco_12)
    commit(wsgi, working, 1, core(lesson_location="p9", lesson_status="passed", score={"raw": "90"}))

    answer = commit(wsgi, aside, 1, {"finished": True, **core(lesson_location="p1", exit="suspend", session_time="00:00:03")}).json()

    assert answer["applied"] is False
    assert commit(wsgi, working, 2, core(lesson_location="p10")).json()["applied"] is True
    attempt = Attempt.objects.get()
    assert (attempt.completion_status, attempt.success_status, attempt.score_raw) == ("completed", "passed", 90)
    assert attempt.state["cmi"]["core"]["lesson_location"] == "p10"


def test_a_tab_opened_later_takes_over_once_it_stores(wsgi, learner, sco_12):
    """Its state has all that was stored: from then on the earlier tab's commits would roll
    its progress back, whatever order they arrive in."""
    earlier = attempt_launch(learner=learner, sco=sco_12)
    commit(wsgi, earlier, 1, core(lesson_location="earlier-1"))
    later = attempt_launch(learner=learner, sco=sco_12)

    assert commit(wsgi, later, 1, core(lesson_location="later-1")).json()["applied"] is True
    for number in range(2, 5):
        assert commit(wsgi, earlier, number, core(lesson_location=f"earlier-{number}")).json()["applied"] is False
    assert commit(wsgi, later, 2, core(lesson_location="later-2")).json()["applied"] is True

    attempt = Attempt.objects.get()
    assert attempt.state["cmi"]["core"]["lesson_location"] == "later-2" and attempt.sequence == later.sequence_base + 2


def test_a_sequence_of_a_launch_that_never_happened_is_refused(wsgi, learner, sco_12):
    """A number above the attempt's launches would outrank every page to come."""
    launch = attempt_launch(learner=learner, sco=sco_12)

    response = post(wsgi, launch, {"seq": launch.sequence_base + (1 << 32), **core(lesson_location="p2")})

    assert response.status_code == 400 and response.json()["errorCode"] == 201
    assert Attempt.objects.get().sequence == 0


def test_a_review_in_browse_mode_shows_the_attempt_and_changes_nothing(wsgi, learner, sco_12):
    first = attempt_launch(learner=learner, sco=sco_12)
    post(wsgi, first, {"seq": 1, "finished": True, **core(lesson_status="passed", lesson_location="p9", exit="suspend", session_time="00:01:00")})
    stored = Attempt.objects.get()

    review = attempt_launch(learner=learner, sco=sco_12, mode="browse")

    assert review.review and review.attempt.pk == first.attempt.pk
    seen = review.state["cmi"]["core"]
    assert (seen["lesson_mode"], seen["credit"], seen["entry"], seen["lesson_location"]) == ("browse", "no-credit", "resume", "p9")
    after = Attempt.objects.get()
    assert (after.state, after.last_activity_at) == (stored.state, stored.last_activity_at)
    assert (after.completion_status, after.success_status) == ("completed", "passed")
    assert not attempt_launch(learner=learner, sco=sco_12).review


def test_a_commit_to_a_closed_attempt_is_refused_with_409(wsgi, learner, sco_12):
    launch = attempt_launch(learner=learner, sco=sco_12)
    post(wsgi, launch, {"seq": 1, "finished": True, **core(lesson_status="completed")})

    response = post(wsgi, launch, {"seq": 2, **core(lesson_location="late")})

    assert response.status_code == 409


def test_a_closing_commit_sent_again_is_answered_as_stored_not_refused(wsgi, learner, sco_12):
    """The device's copy of a page's last commit may arrive after the page's own request
    closed the attempt; the page replaying it must learn the server has it (and more)."""
    launch = attempt_launch(learner=learner, sco=sco_12)
    closing = {"finished": True, **core(lesson_status="completed", exit="")}
    commit(wsgi, launch, 1, closing)

    again = commit(wsgi, launch, 1, closing)

    assert again.status_code == 200, again.content
    assert (again.json()["applied"], again.json()["closed"], again.json()["sequence"]) == (False, True, launch.sequence_base + 1)


def test_2004_success_status_is_computed_from_the_scaled_passing_score(wsgi, learner, sco_2004):
    sco_2004.settings["scaled_passing_score"] = 0.8
    sco_2004.save()
    launch = attempt_launch(learner=learner, sco=sco_2004)

    post(wsgi, launch, {"seq": 1, "finished": True, "cmi": {"score": {"scaled": "0.5"}, "success_status": "passed", "exit": "normal"}})

    attempt = Attempt.objects.get()
    assert attempt.success_status == "failed"
    assert attempt.score_scaled == 0.5


# --- The hot path: what a commit costs and what it leaves out.


def test_a_commit_answer_sets_no_cookie_and_keeps_the_security_headers(wsgi, learner, sco_12):
    launch = attempt_launch(learner=learner, sco=sco_12)

    response = post(wsgi, launch, {"seq": 1, **core(lesson_location="p1")})

    assert response.status_code == 200 and response.json()["applied"] is True
    assert response["Content-Type"] == "application/json"
    assert response["Content-Length"] == str(len(response.content))
    assert response["X-Content-Type-Options"] == "nosniff" and response["X-Frame-Options"] == "SAMEORIGIN"
    assert "Referrer-Policy" in response and "Cross-Origin-Opener-Policy" in response
    # No session is read or saved: nothing to vary on, no cookie.
    assert "Set-Cookie" not in response and "Vary" not in response


def test_behind_https_a_commit_answer_carries_hsts(wsgi, learner, sco_12, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    launch = attempt_launch(learner=learner, sco=sco_12)
    raw = json.dumps({"seq": 1, **core(lesson_location="p1")})

    over_https = wsgi.post(f"/scorm/commit/{launch.token}/", raw, headers={"X-Forwarded-Proto": "https"})
    over_http = wsgi.post(f"/scorm/commit/{launch.token}/", raw)

    assert over_https["Strict-Transport-Security"] == "max-age=3600"
    assert "Strict-Transport-Security" not in over_http


def test_errors_speak_the_learners_language_vietnamese_by_default(wsgi, learner, sco_12):
    """The language chosen on the site, as the player page: not the browser's."""
    forged = "/scorm/commit/1-1.2:forged/"
    body = json.dumps({"seq": 1, "cmi": {}})

    default = wsgi.post(forged, body)
    browser_in_english = wsgi.post(forged, body, headers={"Accept-Language": "en"})
    english_chosen = wsgi.post(forged, body, headers={"Cookie": "django_language=en"})
    vietnamese_again = wsgi.post(forged, body)

    assert default.status_code == 403
    vietnamese = "Phiên học này không hợp lệ. Hãy tải lại trang."
    assert default.json()["message"] == vietnamese_again.json()["message"] == browser_in_english.json()["message"] == vietnamese
    assert english_chosen.json()["message"] == "This learning session is not valid. Reload the page."
    # The player page puts its own language in the commit URL: it wins over the cookie.
    english_page = wsgi.post(forged + "?lang=en", body, headers={"Cookie": "django_language=vi"})
    assert english_page.json()["message"] == english_chosen.json()["message"]
    assert wsgi.post(forged + "?lang=xx", body).json()["message"] == vietnamese
    # Django's view, which answers what the WSGI route passes on (a chunked body, ASGI), alike.
    client = Client()
    client.cookies["django_language"] = "EN"  # spelled as Django's set_language would keep it
    assert client.post(forged, body, content_type="application/json").json()["message"] == english_chosen.json()["message"]
    assert client.post(forged + "?lang=vi", body, content_type="application/json").json()["message"] == vietnamese


def test_what_the_commit_route_does_not_answer_goes_to_django(wsgi, client, learner, sco_12):
    launch = attempt_launch(learner=learner, sco=sco_12)
    url = f"/scorm/commit/{launch.token}/"

    # Another method; and Django's test client, which reaches the view through the whole
    # middleware stack (as a request the route leaves to Django would).
    wrong_method = wsgi.get(url)
    through_django = client.post(url, json.dumps({"seq": 1, **core(lesson_location="p1")}), content_type="application/json")

    assert wrong_method.status_code == 405
    assert through_django.status_code == 200 and through_django.json()["sequence"] == 1
    assert Attempt.objects.get().state["cmi"]["core"]["lesson_location"] == "p1"


@pytest.mark.django_db(transaction=True)
def test_a_commit_when_the_database_connection_breaks_gets_a_500_and_the_next_one_is_stored(learner, sco_12, caplog):
    import psycopg
    from django.db import connection

    wsgi = WsgiClient(keep_test_transaction=False)  # the request's signals manage the connection, as in production
    launch = attempt_launch(learner=learner, sco=sco_12)
    assert post(wsgi, launch, {"seq": 1, **core(lesson_location="p1")}).status_code == 200
    connection.ensure_connection()
    params = connection.get_connection_params()
    with psycopg.connect(**{key: params[key] for key in ("host", "port", "user", "dbname") if params.get(key)}, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [connection.connection.info.backend_pid])

    broken = post(wsgi, launch, {"seq": 2, **core(lesson_location="p2")})
    again = post(wsgi, launch, {"seq": 2, **core(lesson_location="p2")})

    assert broken.status_code == 500 and broken.json() == {
        "result": "false", "errorCode": 391, "errors": [],
        "message": "Máy chủ chưa lưu được tiến độ học lúc này. Hệ thống sẽ thử lại.",
    }
    assert "Internal Server Error: /scorm/commit/" in caplog.text
    assert again.status_code == 200 and again.json()["applied"] is True
    assert Attempt.objects.get().state["cmi"]["core"]["lesson_location"] == "p2"


@pytest.mark.django_db(transaction=True)
def test_a_commit_closes_its_database_connection_once_obsolete_as_any_request_does(learner, sco_12):
    from django.db import connection

    wsgi = WsgiClient(keep_test_transaction=False)  # Django's own receivers only, as in production
    launch = attempt_launch(learner=learner, sco=sco_12)
    max_age = connection.settings_dict["CONN_MAX_AGE"]
    connection.settings_dict["CONN_MAX_AGE"] = 0  # obsolete as soon as its request ends
    try:
        connection.close()
        stored = post(wsgi, launch, {"seq": 1, **core(lesson_location="p1")})
        closed = connection.connection is None
    finally:
        connection.settings_dict["CONN_MAX_AGE"] = max_age

    assert stored.status_code == 200 and stored.json()["applied"] is True
    assert closed
    assert Attempt.objects.get().state["cmi"]["core"]["lesson_location"] == "p1"


@pytest.mark.django_db(transaction=True)
def test_a_receiver_of_the_request_signals_hears_every_commit(learner, sco_12):
    from django.core.signals import request_finished, request_started

    from scorm_player.wsgi import CommitRoute

    heard = []
    wsgi = WsgiClient(keep_test_transaction=False)
    launch = attempt_launch(learner=learner, sco=sco_12)
    request_started.connect(lambda sender, environ, **kwargs: heard.append(("started", sender, environ["PATH_INFO"])), dispatch_uid="test-started", weak=False)
    request_finished.connect(lambda sender, **kwargs: heard.append(("finished", sender)), dispatch_uid="test-finished", weak=False)
    try:
        stored = post(wsgi, launch, {"seq": 1, **core(lesson_location="p1")})
    finally:
        request_started.disconnect(dispatch_uid="test-started")
        request_finished.disconnect(dispatch_uid="test-finished")

    assert stored.status_code == 200
    assert heard == [("started", CommitRoute, f"/scorm/commit/{launch.token}/"), ("finished", CommitRoute)]


@pytest.mark.django_db(transaction=True)
def test_under_debug_a_commit_starts_a_new_query_log_as_any_request_does(learner, sco_12, settings):
    from django.db import connection

    settings.DEBUG = True
    wsgi = WsgiClient(keep_test_transaction=False)
    launch = attempt_launch(learner=learner, sco=sco_12)
    connection.queries_log.append({"sql": "before the commit", "time": "0"})

    stored = post(wsgi, launch, {"seq": 1, **core(lesson_location="p1")})

    logged = [query["sql"] for query in connection.queries_log]
    assert stored.status_code == 200
    assert "before the commit" not in logged and any("UPDATE" in sql for sql in logged)


def test_a_mid_session_commit_is_two_queries_and_tells_no_one(wsgi, learner, sco_12):
    from django.db import connection

    from scorm_player.signals import attempt_changed

    heard, sql = [], []

    def record(execute, query, params, many, context):
        if "SAVEPOINT" not in query:  # the test's own transaction turns atomic() into savepoints
            sql.append(query)
        return execute(query, params, many, context)

    def listener(sender, attempt, finished=False, **kwargs):
        heard.append((attempt.sequence, finished))

    attempt_changed.connect(listener, dispatch_uid="test-commit-listener")
    try:
        launch = attempt_launch(learner=learner, sco=sco_12)
        post(wsgi, launch, {"seq": 1, **core(lesson_location="p1", lesson_status="incomplete", score={"raw": "40", "min": "0", "max": "100"})})
        with connection.execute_wrapper(record):  # (each request's request_started resets queries_log)
            post(wsgi, launch, {"seq": 2, "cmi": {"core": {"lesson_location": "p2"}, "suspend_data": "abc"}})
        post(wsgi, launch, {"seq": 3, **core(lesson_status="passed")})
        post(wsgi, launch, {"seq": 4, **core(lesson_location="p3")})
        post(wsgi, launch, {"seq": 5, "finished": True, **core(exit="", session_time="00:01:00")})
    finally:
        attempt_changed.disconnect(dispatch_uid="test-commit-listener")

    # An unlocked read and an update that applies only to the row version read.
    assert len(sql) == 2 and sql[0].startswith("SELECT") and sql[1].startswith("UPDATE"), sql
    version_column = "xmin::text || ':' || ctid::text" if connection.vendor == "postgresql" else '"sequence"'
    assert f"{version_column} = %s" in sql[1].split("WHERE")[1], sql
    # The first commit (the module starts), a status change and the end of the session are told.
    assert heard == [(1, False), (3, False), (5, True)]
    assert Attempt.objects.get().state["cmi"]["suspend_data"] == "abc"


def test_a_2004_commit_that_only_changes_objectives_is_told_for_rollup(wsgi, learner, sco_2004):
    from scorm_player.signals import attempt_changed

    heard = []
    attempt_changed.connect(lambda sender, attempt, **kwargs: heard.append(attempt.sequence), dispatch_uid="test-2004-listener", weak=False)
    try:
        launch = attempt_launch(learner=learner, sco=sco_2004)
        post(wsgi, launch, {"seq": 1, "cmi": {"location": "p1"}})
        post(wsgi, launch, {"seq": 2, "cmi": {"location": "p2"}})
        post(wsgi, launch, {"seq": 3, "cmi": {"objectives": {"0": {"id": "obj-1", "success_status": "passed"}}}})
    finally:
        attempt_changed.disconnect(dispatch_uid="test-2004-listener")

    assert heard == [1, 3]


def _prepared_commit_statements(connection):
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'scorm_commit_%%' ORDER BY name")
        return cursor.fetchall()


def test_on_postgresql_the_commit_statements_are_prepared_once_per_connection(wsgi, learner, sco_12):
    from django.db import connection

    assert connection.vendor == "postgresql", "run with DATABASE_URL=postgres://... as make test does"
    launch = attempt_launch(learner=learner, sco=sco_12)
    for sequence in (1, 2, 3):
        post(wsgi, launch, {"seq": sequence, **core(lesson_location=f"p{sequence}")})

    prepared = _prepared_commit_statements(connection)
    assert [name for name, _statement in prepared] == ["scorm_commit_read", "scorm_commit_write", "scorm_commit_write_keep"]
    assert prepared[0][1].startswith('SELECT "id"') and '"scorm_player_attempt"' in prepared[0][1]
    for _name, statement in prepared[1:]:
        assert statement.startswith('UPDATE "scorm_player_attempt"') and "xmin::text || ':' || ctid::text = $" in statement
    assert '"state" = $1' in prepared[1][1] and '"state"' not in prepared[2][1]
    assert Attempt.objects.get().state["cmi"]["core"]["lesson_location"] == "p3"


def _commit_statement_runs(connection):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, generic_plans + custom_plans FROM pg_prepared_statements WHERE name LIKE 'scorm_commit_write%%'"
        )
        return dict(cursor.fetchall())


def test_a_commit_that_leaves_the_state_as_stored_writes_the_other_columns_only(wsgi, learner, sco_12):
    from django.db import connection

    assert connection.vendor == "postgresql", "run with DATABASE_URL=postgres://... as make test does"
    launch = attempt_launch(learner=learner, sco=sco_12)
    state = core(lesson_location="p1", lesson_status="incomplete")
    state["cmi"]["suspend_data"] = "x" * 3000
    first = post(wsgi, launch, {"seq": 1, **state}).json()
    runs = _commit_statement_runs(connection)
    stored_before = Attempt.objects.get()

    # The same state again, with and without the receipt: nothing in it changes.
    post(wsgi, launch, {"seq": 2, **state, "stored": first["stored"]})
    post(wsgi, launch, {"seq": 3, **state})

    after = _commit_statement_runs(connection)
    assert after["scorm_commit_write_keep"] - runs.get("scorm_commit_write_keep", 0) == 2
    assert after["scorm_commit_write"] == runs["scorm_commit_write"]
    attempt = Attempt.objects.get()
    assert attempt.sequence == 3 and attempt.last_activity_at > stored_before.last_activity_at
    assert attempt.state == stored_before.state and attempt.state["cmi"]["suspend_data"] == "x" * 3000

    # Changing one value writes the state again.
    state["cmi"]["core"]["lesson_location"] = "p2"
    post(wsgi, launch, {"seq": 4, **state})
    assert _commit_statement_runs(connection)["scorm_commit_write"] == runs["scorm_commit_write"] + 1
    assert Attempt.objects.get().state["cmi"]["core"]["lesson_location"] == "p2"


@pytest.mark.django_db(transaction=True)
def test_commits_work_with_prepared_statements_turned_off(wsgi, learner, sco_12, settings):
    from django.db import connection

    settings.SCORM_COMMIT_PREPARED_STATEMENTS = False
    connection.close()  # a new connection: nothing prepared on it yet
    launch = attempt_launch(learner=learner, sco=sco_12)

    response = post(wsgi, launch, {"seq": 1, **core(lesson_location="p1", lesson_status="incomplete")})

    assert response.status_code == 200, response.content
    assert Attempt.objects.get().state["cmi"]["core"]["lesson_location"] == "p1"
    assert connection.vendor == "postgresql", "run with DATABASE_URL=postgres://... as make test does"
    assert _prepared_commit_statements(connection) == []
