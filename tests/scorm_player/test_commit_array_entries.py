"""Array entries through commits and launches, with the player's way with refused values
(player.js withoutRefused): an entry the browser opened for a SetValue it refused is kept
empty, so the entries after it keep their indexes in every page and launch (the player
opens it again in scorm-again); an entry whose id is refused is not sent at all, so none
of it lands on the server's entry at that index."""

import json
import re

import pytest

from scorm_player.attempts import attempt_launch
from scorm_player.models import Attempt

from .test_commit_take_back import Page

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


@pytest.fixture
def learner(django_user_model):
    return django_user_model.objects.create_user("entries", first_name="Mai")


def objective(id_, success_status="unknown", scaled=""):
    """An objective as scorm-again 3.4.3 renders it in a commit."""
    return {
        "id": id_, "success_status": success_status, "completion_status": "unknown",
        "progress_measure": "", "description": "",
        "score": {"scaled": scaled, "raw": "", "min": "", "max": ""},
    }


class PlayerPage(Page):
    """A player page (see test_commit_take_back.Page) that, after a 422 naming values, sends
    the commit again under the same number without them (null; an entry, or an entry whose
    id is named: {}), up to 3 times (player.js withoutRefused)."""

    def commit(self, cmi, *, finished=False):
        response = super().commit(cmi, finished=finished)
        for _try in range(3):
            if response.status_code != 422:
                break
            cmi = json.loads(json.dumps(cmi))
            for error in response.json()["errors"]:
                element = re.sub(r"^(.*\.\d+)\.id$", r"\1", error["element"])
                *path, last = element.split(".")
                holder = {"cmi": cmi}
                for key in path:
                    holder = holder[key]
                holder[last] = {} if last.isdigit() else None
            self.sequence -= 1
            response = super().commit(cmi, finished=finished)
        return response


def test_objectives_after_an_entry_scorm_again_opened_for_a_refused_set_value_are_stored(learner, sco_2004):
    """The SCO sets cmi.objectives.0.success_status before the id: scorm-again answers 408
    but opens entry 0 (_count 1), shown with its defaults ("unknown" statuses). The SCO
    records its objectives at 1 ("x", passed) and 2 ("a", failed): all stored, entry 0
    kept empty."""
    page = PlayerPage(learner, sco_2004)
    answer = page.commit({"location": "3", "objectives": {
        "0": objective(""), "1": objective("x", "passed"), "2": objective("a", "failed"),
    }})

    assert answer.status_code == 200, answer.json()
    stored = Attempt.objects.get().state["cmi"]["objectives"]
    assert [(o.get("id"), o.get("success_status")) for o in stored] == [
        (None, None), ("x", "passed"), ("a", "failed"),
    ], stored


def interaction(id_, type_="", response="", result=""):
    """An interaction as scorm-again 3.4.3 renders it in a commit."""
    return {
        "id": id_, "type": type_, "objectives": {}, "timestamp": "", "weighting": "",
        "learner_response": response, "result": result, "latency": "", "description": "",
        "correct_responses": {},
    }


def test_an_entry_left_empty_is_in_the_next_launch_and_the_entries_after_it_keep_their_records(learner, sco_2004):
    """Session 1: learner_response before type (scorm-again: 408, entry 0 opened, all ""),
    then q1 and q2 at 1 and 2: stored [{}, q1, q2]. The next launch gives the same (the
    player opens entry 0 as scorm-again did), and the SCO records q3 and q4 after them."""
    first = PlayerPage(learner, sco_2004)
    assert first.commit({"location": "3", "exit": "suspend", "interactions": {
        "0": interaction(""),
        "1": interaction("q1", "true-false", "true", "correct"),
        "2": interaction("q2", "true-false", "false", "incorrect"),
    }}).status_code == 200
    assert [i.get("id") for i in Attempt.objects.get().state["cmi"]["interactions"]] == [None, "q1", "q2"]

    second = PlayerPage(learner, sco_2004)
    assert [i.get("id") for i in second.launch.state["cmi"]["interactions"]] == [None, "q1", "q2"]
    assert second.commit({"location": "5", "interactions": {
        "0": interaction(""),
        "1": interaction("q1", "true-false", "true", "correct"),
        "2": interaction("q2", "true-false", "false", "incorrect"),
        "3": interaction("q3", "true-false", "true", "correct"),
        "4": interaction("q4", "numeric", "12"),
    }}).status_code == 200

    stored = Attempt.objects.get().state["cmi"]["interactions"]
    assert [(i.get("id"), i.get("result")) for i in stored] == [
        (None, None), ("q1", "correct"), ("q2", "incorrect"), ("q3", "correct"), ("q4", None),
    ]


def test_the_last_commit_of_a_page_left_open_lands_on_its_own_entries_after_a_new_launch(learner, sco_2004):
    """A reload or a second tab launches while the first page, whose objectives hold an entry
    left empty, is still open: its last commit lands on the same entries."""
    first = PlayerPage(learner, sco_2004)
    assert first.commit({"location": "1", "objectives": {"0": objective(""), "1": objective("a", "passed"), "2": objective("b")}}).status_code == 200
    attempt_launch(learner=learner, sco=sco_2004)

    answer = first.commit({"location": "2", "objectives": {
        "0": objective(""), "1": objective("a", "passed"), "2": objective("b", "passed", "0.9"),
    }})

    assert answer.status_code == 200, answer.json()
    stored = Attempt.objects.get().state["cmi"]["objectives"]
    assert [(o.get("id"), o.get("success_status")) for o in stored] == [(None, None), ("a", "passed"), ("b", "passed")]


def test_an_entry_kept_empty_takes_no_values_of_its_own_without_an_id(learner, sco_2004):
    page = PlayerPage(learner, sco_2004)
    assert page.commit({"objectives": {"0": objective(""), "1": objective("a", "passed")}}).status_code == 200

    answer = page.client.post(f"/scorm/commit/{page.launch.token}/", json.dumps({
        "seq": page.sequence + 1, "cmi": {"objectives": {"0": objective("", "passed", "0.9"), "1": objective("a", "passed")}},
    }))

    assert answer.status_code == 422
    assert [(e["element"], e["code"]) for e in answer.json()["errors"]] == [("cmi.objectives.0", 408)]
    assert Attempt.objects.get().state["cmi"]["objectives"][0] == {}


def test_an_entry_whose_id_is_refused_lands_nowhere(learner, sco_2004):
    """The browser's entry 0 names another objective than the server's entry 0: its id is
    refused, and none of it (status, score) is stored on the server's objective."""
    page = PlayerPage(learner, sco_2004)
    assert page.commit({"objectives": {"0": objective("x", "passed", "0.9")}}).status_code == 200

    page.commit({"objectives": {"0": objective("b", "failed", "0.1")}})

    assert Attempt.objects.get().state["cmi"]["objectives"] == [
        {"id": "x", "success_status": "passed", "score": {"scaled": "0.9"}},
    ]


def test_a_tab_opened_and_closed_gives_the_attempt_back_with_an_entry_left_empty(learner, sco_2004):
    first = PlayerPage(learner, sco_2004)
    assert first.commit({"location": "p1", "session_time": "PT30S", "objectives": {"0": objective(""), "1": objective("a", "passed")}}).json()["applied"]
    second = PlayerPage(learner, sco_2004)
    closing = {"location": "p1", "exit": "suspend", "session_time": "PT10S", "objectives": {"0": objective(""), "1": objective("a", "passed")}}
    assert second.commit(closing, finished=True).json()["applied"]

    answer = first.commit({"location": "p3", "session_time": "PT60S", "objectives": {"0": objective(""), "1": objective("a", "passed")}}).json()

    assert answer["applied"] is True, answer
    assert Attempt.objects.get().state["cmi"]["location"] == "p3"
