"""Two pages on one attempt: a page outranked by a page opened after it takes the attempt
back when that page stored nothing of the learner's (a second tab opened, looked at and
closed), so what the learner does in it is kept; its time counts once. A page that stored
progress keeps the attempt."""

import json
import threading

import psycopg
import pytest
from django.db import connection

from scorm_player.attempts import attempt_launch
from scorm_player.cmi import indexed_as_lists, state_delta, state_with_delta
from scorm_player.models import Attempt, SequencingState
from scorm_player.services import package_import
from tests.services import shared_fixtures_dir

from .wsgi_client import WsgiClient

pytestmark = [pytest.mark.django_db, pytest.mark.integration]

FIXTURES = shared_fixtures_dir() / "valid"


@pytest.fixture
def learner(django_user_model):
    return django_user_model.objects.create_user("tabs", first_name="Hoa")


class Page:
    """What one player page does: number its commits from its launch, send each with the
    receipt of the last one saved, and number on from the server's sequence when the
    answer gives a higher one (player.js)."""

    def __init__(self, learner, sco):
        self.launch = attempt_launch(learner=learner, sco=sco)
        self.sequence = self.launch.sequence_base
        self.base = self.launch.attempt.sequence
        self.receipt = None  # (tag, the state stored)
        self.client = WsgiClient()

    def commit(self, cmi, *, finished=False, receipt=True):
        self.sequence += 1
        body = {"seq": self.sequence, "base": self.base, "finished": finished, "cmi": cmi}
        if receipt and self.receipt:
            tag, stored = self.receipt
            body["stored"] = {"tag": tag, "delta": state_delta(indexed_as_lists({"cmi": cmi}), stored)}
        response = self.client.post(f"/scorm/commit/{self.launch.token}/", json.dumps(body))
        answer = response.json()
        if response.status_code == 200 and answer["applied"]:
            self.receipt = None
            if "stored" in answer:
                self.receipt = (answer["stored"]["tag"], state_with_delta(indexed_as_lists({"cmi": cmi}), answer["stored"]["delta"]))
            if answer["sequence"] > self.sequence:
                self.sequence = self.base = answer["sequence"]
        return response


def core(**fields):
    return {"core": fields}


def test_a_tab_opened_and_closed_without_changes_gives_the_attempt_back(learner, sco_12):
    first = Page(learner, sco_12)
    assert first.commit(core(lesson_location="p1", lesson_status="incomplete", session_time="00:00:30")).json()["applied"]
    assert first.commit(core(lesson_location="p2", lesson_status="incomplete", session_time="00:01:00")).json()["applied"]
    # A second tab: it resumes at p2, its SCO commits as it starts and as it is closed.
    second = Page(learner, sco_12)
    assert second.launch.state["cmi"]["core"]["lesson_location"] == "p2"
    assert second.commit(core(lesson_location="p2", lesson_status="incomplete", session_time="00:00:10")).json()["applied"]
    closing = core(lesson_location="p2", lesson_status="incomplete", exit="suspend", session_time="00:00:20")
    assert second.commit(closing, finished=True).json()["applied"]

    # The learner goes on in the first tab.
    answer = first.commit(core(lesson_location="p3", lesson_status="incomplete", session_time="00:01:30")).json()

    assert answer["applied"] is True
    assert answer["sequence"] > second.sequence  # its commits outrank the second tab's now
    attempt = Attempt.objects.get()
    assert attempt.state["cmi"]["core"]["lesson_location"] == "p3"
    assert attempt.state["cmi"]["core"]["entry"] == first.launch.state["cmi"]["core"]["entry"]
    # The second tab's 20 s are counted; the first tab's session is counted when it ends.
    assert attempt.state["cmi"]["core"]["total_time"] == "0000:00:20"
    assert first.commit(core(lesson_location="p4", lesson_status="passed", exit="suspend", session_time="00:02:00"), finished=True).json()["applied"]
    assert second.commit(core(lesson_location="p1", session_time="00:00:25")).json()["applied"] is False
    attempt = Attempt.objects.get()
    assert (attempt.state["cmi"]["core"]["lesson_location"], attempt.completion_status, attempt.success_status) == ("p4", "completed", "passed")
    assert attempt.total_seconds == 140  # 120 s in the first tab, 20 s in the second, each once
    resumed = attempt_launch(learner=learner, sco=sco_12)
    assert resumed.state["cmi"]["core"]["lesson_location"] == "p4"
    assert resumed.state["cmi"]["core"]["total_time"] == "0000:02:20"


def test_a_last_commit_takes_the_attempt_back_and_the_answer_carries_a_receipt(learner, sco_12):
    """A SCO that commits only as it terminates, or a page hidden and shown again: its
    last commit, with the receipt, takes the attempt back like any other."""
    first = Page(learner, sco_12)
    first.commit(core(lesson_location="p1", lesson_status="incomplete", session_time="00:00:30"))
    second = Page(learner, sco_12)
    second.commit(core(lesson_location="p1", lesson_status="incomplete", exit="suspend", session_time="00:00:10"), finished=True)

    answer = first.commit(core(lesson_location="p3", lesson_status="incomplete", exit="suspend", session_time="00:01:00"), finished=True).json()

    assert answer["applied"] is True and answer["stored"]["tag"].split(".")[1] == str(answer["sequence"])
    assert first.commit(core(lesson_location="p4", lesson_status="incomplete", session_time="00:00:05")).json()["applied"]
    attempt = Attempt.objects.get()
    assert attempt.state["cmi"]["core"]["lesson_location"] == "p4"
    assert attempt.total_seconds == 70  # 60 s here, 10 s in the second tab


def test_a_commit_that_brings_nothing_of_the_learners_does_not_take_the_attempt_back(learner, sco_12):
    """A SCO's timer, or the page being hidden, while the learner works in the other tab:
    what that tab has not sent yet must still be stored when it is."""
    first = Page(learner, sco_12)
    first.commit(core(lesson_location="p1", lesson_status="incomplete", session_time="00:00:30"))
    first.commit(core(lesson_location="p2", lesson_status="incomplete", session_time="00:01:00"))
    second = Page(learner, sco_12)
    second.commit(core(lesson_location="p2", lesson_status="incomplete", session_time="00:00:05"))

    nothing_new = first.commit(core(lesson_location="p2", lesson_status="incomplete", session_time="00:01:30")).json()
    assert nothing_new["applied"] is False
    assert nothing_new["held"] is True  # nothing of the learner's lost: the page is not told it was superseded
    closing = core(lesson_location="p5", lesson_status="passed", exit="suspend", session_time="00:05:00")
    assert second.commit(closing, finished=True, receipt=False).json()["applied"]
    # The first tab still holds its receipt: once the learner goes on there, it is refused,
    # the second tab having stored progress.
    refused = first.commit(core(lesson_location="p3", lesson_status="incomplete", session_time="00:02:00")).json()
    assert refused["applied"] is False and "held" not in refused
    assert "held" not in first.commit(core(lesson_location="p5", lesson_status="passed", session_time="00:02:10")).json()
    attempt = Attempt.objects.get()
    assert (attempt.state["cmi"]["core"]["lesson_location"], attempt.success_status) == ("p5", "passed")


def test_the_first_tab_keeps_saving_after_taking_the_attempt_back_while_the_second_stays_open(learner, sco_2004):
    first = Page(learner, sco_2004)
    first.commit({"location": "s1", "session_time": "PT30S"})
    first.commit({"location": "s2", "session_time": "PT40S"})
    second = Page(learner, sco_2004)
    assert second.commit({"location": "s2", "session_time": "PT5S"}).json()["applied"]

    for number, seconds in ((3, 50), (4, 60), (5, 70)):
        assert first.commit({"location": f"s{number}", "session_time": f"PT{seconds}S"}).json()["applied"], number
    assert second.commit({"location": "s2", "session_time": "PT9S"}).json()["applied"] is False

    attempt = Attempt.objects.get()
    assert attempt.state["cmi"]["location"] == "s5" and attempt.state["cmi"]["session_time"] == "PT70S"
    assert attempt.state["cmi"]["total_time"] == "PT0H0M5S"  # the second tab's session; the first's is still going
    first.commit({"location": "s6", "exit": "suspend", "session_time": "PT80S"}, finished=True)
    assert Attempt.objects.get().total_seconds == 85


def test_a_tab_that_stored_the_learners_progress_keeps_the_attempt(learner, sco_12):
    first = Page(learner, sco_12)
    first.commit(core(lesson_location="p1", session_time="00:00:30"))
    first.commit(core(lesson_location="p2", session_time="00:01:00"))
    second = Page(learner, sco_12)
    assert second.commit(core(lesson_location="p5", session_time="00:00:10")).json()["applied"]

    assert first.commit(core(lesson_location="p3", session_time="00:01:30")).json()["applied"] is False
    assert second.commit(core(lesson_location="p6", session_time="00:00:20")).json()["applied"]
    attempt = Attempt.objects.get()
    assert attempt.state["cmi"]["core"]["lesson_location"] == "p6"
    assert attempt.total_seconds == 60  # the first tab's session up to its last stored commit


def test_a_page_without_a_receipt_takes_nothing_back(learner, sco_12):
    """The receipt proves what the page last stored: without one (its first commit, a commit
    replayed from the device) its state is not known to hold what is stored."""
    first = Page(learner, sco_12)
    first.commit(core(lesson_location="p1", session_time="00:00:30"))
    second = Page(learner, sco_12)
    second.commit(core(lesson_location="p1", session_time="00:00:10"))

    assert first.commit(core(lesson_location="p2", session_time="00:00:40"), receipt=False).json()["applied"] is False
    assert Attempt.objects.get().state["cmi"]["core"]["lesson_location"] == "p1"


def test_a_commit_refused_while_taking_back_changes_nothing(learner, sco_12):
    first = Page(learner, sco_12)
    first.commit(core(lesson_location="p1", session_time="00:00:30"))
    first.commit(core(lesson_location="p2", session_time="00:00:40"))
    second = Page(learner, sco_12)
    second.commit(core(lesson_location="p2", session_time="00:00:10"))
    stored = Attempt.objects.get()

    response = first.commit(core(lesson_location="p3", student_id="someone-else", session_time="00:00:50"))

    assert response.status_code == 422 and response.json()["errors"][0]["element"] == "cmi.core.student_id"
    attempt = Attempt.objects.get()
    assert (attempt.state, attempt.sequence, attempt.launches) == (stored.state, stored.sequence, stored.launches)


@pytest.mark.parametrize("current", ["playing_item", "etuqiette_item"], ids=["still-there", "moved-on"])
def test_in_a_package_the_server_sequences_only_while_the_learner_is_on_that_activity(learner, local_storage, current):
    """There a newer page may have moved the learner to another activity: then the page
    left behind reloads into where the sequencer is, and takes nothing back."""
    version = package_import(file=FIXTURES / "SequencingForcedSequential_SCORM20043rdEdition.zip")
    SequencingState.objects.create(learner=learner, version=version, current_activity="playing_item")
    sco = version.scos.get(identifier="playing_item")
    first = Page(learner, sco)
    first.commit({"location": "1", "session_time": "PT30S"})
    first.commit({"location": "2", "session_time": "PT40S"})
    second = Page(learner, sco)
    assert second.commit({"location": "2", "session_time": "PT5S"}).json()["applied"]
    SequencingState.objects.update(current_activity=current)

    taken_back = first.commit({"location": "3", "session_time": "PT50S"}).json()["applied"]

    assert taken_back is (current == "playing_item")
    assert Attempt.objects.get().state["cmi"]["location"] == ("3" if taken_back else "2")


@pytest.mark.django_db(transaction=True)
def test_in_a_package_the_server_sequences_a_take_back_waits_for_a_navigation_under_way(learner, local_storage):
    """The other page's navigation holds the sequencer's row while it moves the learner on:
    the take-back reads where the learner is once it is done, and takes nothing back."""
    version = package_import(file=FIXTURES / "SequencingForcedSequential_SCORM20043rdEdition.zip")
    SequencingState.objects.create(learner=learner, version=version, current_activity="playing_item")
    sco = version.scos.get(identifier="playing_item")
    first = Page(learner, sco)
    first.commit({"location": "1", "session_time": "PT30S"})
    second = Page(learner, sco)
    assert second.commit({"location": "1", "session_time": "PT5S"}).json()["applied"]
    params = connection.settings_dict
    with psycopg.connect(
        host=params["HOST"] or "127.0.0.1", port=params["PORT"] or 5432, user=params["USER"],
        password=params["PASSWORD"], dbname=params["NAME"],
    ) as navigation:
        table = SequencingState._meta.db_table
        navigation.execute(f"SELECT 1 FROM {table} WHERE learner_id = %s FOR UPDATE", [learner.pk])

        def move_on():
            navigation.execute(f"UPDATE {table} SET current_activity = 'etuqiette_item' WHERE learner_id = %s", [learner.pk])
            navigation.commit()

        moving_on = threading.Timer(1.0, move_on)
        moving_on.start()
        answer = first.commit({"location": "2", "session_time": "PT50S"}).json()
        moving_on.join()

    assert answer["applied"] is False
    assert Attempt.objects.get().state["cmi"]["location"] == "1"
