"""Receipts: a commit's answer says how the stored state differs from what was sent, with a
signed tag naming the row version written; the next commit brings them back and is stored
with one statement instead of a read and an update. Whatever does not check out (another
write in between, a tampered state, another attempt's receipt) falls back to the read and
stores exactly what it would have stored without a receipt."""

import contextlib
import json

import pytest
from django.db import connection

from scorm_player import commit_store
from scorm_player.attempts import attempt_launch
from scorm_player.cmi import copy_state, indexed_as_lists, state_delta, state_with_delta
from scorm_player.models import Attempt

from .wsgi_client import WsgiClient

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


@pytest.fixture(autouse=True)
def _postgresql():
    assert connection.vendor == "postgresql", "receipts name PostgreSQL row versions: run with DATABASE_URL=postgres://..."


@pytest.fixture
def learner(django_user_model):
    return django_user_model.objects.create_user("receipt", first_name="Minh")


class Browser:
    """What the player does: keep the state the server stored (from the answer's delta) and
    send the next commit with the tag and how the stored state differs from it."""

    def __init__(self, launch, *, record=True):
        self.launch = launch
        self.client = WsgiClient()
        self.receipt = None  # (tag, stored state)
        self.statements = []
        # Recording the statements runs the commit through Django's cursor instead of the
        # statements prepared on libpq (commit_store.commit_session).
        self.record = record

    def commit(self, sequence, cmi, *, finished=False, receipt=True, tamper=None):
        body = {"seq": sequence, "cmi": cmi, "finished": finished}
        if receipt and self.receipt:
            tag, stored = self.receipt
            stored = tamper(copy_state(stored)) if tamper else stored
            body["stored"] = {"tag": tag, "delta": state_delta(indexed_as_lists({"cmi": cmi}), stored)}
        with connection.execute_wrapper(self._record) if self.record else contextlib.nullcontext():
            response = self.client.post(f"/scorm/commit/{self.launch.token}/", json.dumps(body))
        answer = response.json()
        if response.status_code == 200 and "stored" in answer:
            stored = state_with_delta(indexed_as_lists({"cmi": cmi}), answer["stored"]["delta"])
            self.receipt = (answer["stored"]["tag"], stored)
        return response

    def _record(self, execute, sql, params, many, context):
        # The commit's own statements (listeners of the commit's signal run queries too).
        statements = commit_store._sql(connection)
        if sql in (statements.read, statements.write, statements.write_keeping_state):
            self.statements.append(sql.split()[0])
        return execute(sql, params, many, context)

    def statements_of_last_commit(self):
        statements, self.statements = self.statements, []
        return statements


def page(number, **more):
    return {"core": {"lesson_location": f"p{number}", "lesson_status": "incomplete", **more}, "suspend_data": "s" * number}


def test_the_answer_carries_a_receipt_that_rebuilds_exactly_what_was_stored(learner, sco_12):
    browser = Browser(attempt_launch(learner=learner, sco=sco_12))

    assert browser.commit(1, page(1)).status_code == 200

    tag, stored = browser.receipt
    attempt = Attempt.objects.get()
    assert stored == attempt.state  # the seeded values the SCO did not send included
    assert stored["cmi"]["core"]["student_id"] == str(learner.pk)
    assert tag.startswith(f"{attempt.pk}.1.")


def test_arrays_sent_in_scorm_agains_shape_are_not_repeated_in_the_receipt(learner, sco_12):
    browser = Browser(attempt_launch(learner=learner, sco=sco_12))
    interactions = {str(n): {"id": f"q{n}", "type": "choice", "student_response": "a", "result": "correct"} for n in range(3)}

    response = browser.commit(1, {**page(1), "interactions": interactions})

    changed = [path for path, *_value in response.json()["stored"]["delta"]]
    assert changed and all(path[:2] == ["cmi", "core"] or path == ["cmi", "launch_data"] for path in changed), changed
    assert browser.commit(2, {**page(2), "interactions": interactions}).status_code == 200
    assert browser.statements_of_last_commit() == ["SELECT", "UPDATE", "UPDATE"]


def test_a_commit_with_its_receipt_is_one_update_and_stores_what_the_read_would_have(learner, sco_12, django_user_model):
    with_receipts = Browser(attempt_launch(learner=learner, sco=sco_12))
    other = django_user_model.objects.create_user("no-receipt", first_name="Minh")
    without = Browser(attempt_launch(learner=other, sco=sco_12))
    commits = [
        (1, page(1)),
        (2, page(2)),
        (3, {"core": {"score": {"raw": "70", "min": "0", "max": "100"}}, "interactions": [{"id": "q1", "type": "choice", "student_response": "a", "result": "correct"}]}),
        (4, page(4, exit="suspend", session_time="00:02:00")),
    ]
    for sequence, cmi in commits:
        assert with_receipts.commit(sequence, cmi, finished=sequence == 4).status_code == 200
        assert without.commit(sequence, cmi, finished=sequence == 4, receipt=False).status_code == 200
        if sequence == 1:
            assert with_receipts.statements_of_last_commit() == ["SELECT", "UPDATE"]
        else:
            assert with_receipts.statements_of_last_commit() == ["UPDATE"], sequence
        assert without.statements_of_last_commit() == ["SELECT", "UPDATE"]

    fast, read = Attempt.objects.get(learner=learner), Attempt.objects.get(learner=other)
    for stored in (fast, read):
        stored.state["cmi"]["core"].pop("student_id")
        stored.state["cmi"]["core"].pop("student_name")
    assert fast.state == read.state
    assert fast.state["cmi"]["core"]["total_time"] == "0000:02:00"
    assert [(a.sequence, a.completion_status, a.score_raw, a.total_seconds) for a in (fast, read)] == [(4, "incomplete", 70.0, 120.0)] * 2


def test_commits_that_leave_the_state_as_stored_go_on_with_one_update_each(learner, sco_12, django_user_model):
    # The state is not written again and the answer's delta is the one the browser sent.
    with_receipts = Browser(attempt_launch(learner=learner, sco=sco_12))
    other = django_user_model.objects.create_user("no-receipt", first_name="Minh")
    without = Browser(attempt_launch(learner=other, sco=sco_12))
    scored = {**page(1), "core": {**page(1)["core"], "score": {"raw": "80", "min": "0", "max": "100"}}}
    for sequence, cmi in [(1, scored), (2, scored), (3, scored), (4, page(2)), (5, page(2))]:
        assert with_receipts.commit(sequence, cmi).status_code == 200
        assert without.commit(sequence, cmi, receipt=False).status_code == 200
        assert with_receipts.statements_of_last_commit() == (["SELECT", "UPDATE"] if sequence == 1 else ["UPDATE"]), sequence
        assert with_receipts.receipt[1] == Attempt.objects.get(learner=learner).state, sequence

    fast, read = Attempt.objects.get(learner=learner), Attempt.objects.get(learner=other)
    assert fast.state["cmi"]["core"]["lesson_location"] == "p2" and fast.state["cmi"]["core"]["score"]["raw"] == "80"
    columns = ("sequence", "completion_status", "success_status", "score_raw", "score_scaled", "total_seconds")
    assert [getattr(fast, name) for name in columns] == [getattr(read, name) for name in columns]
    assert fast.sequence == 5 and fast.score_raw == 80.0


def _attempt_table_scans():
    """Index scans of the attempt table in this test's transaction: a read is one, an update one."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT idx_scan FROM pg_stat_xact_user_tables WHERE relname = %s", [Attempt._meta.db_table])
        return cursor.fetchone()[0]


def test_with_the_prepared_statements_a_commit_with_its_receipt_reads_nothing(learner, sco_12):
    browser = Browser(attempt_launch(learner=learner, sco=sco_12), record=False)
    browser.commit(1, page(1))
    scans = []
    for sequence in (2, 3, 4):
        before = _attempt_table_scans()
        assert browser.commit(sequence, page(sequence)).status_code == 200
        scans.append(_attempt_table_scans() - before)
    before = _attempt_table_scans()
    browser.commit(5, page(5), receipt=False)

    assert connection.connection.pgconn in commit_store._PREPARED_ON
    assert scans == [1, 1, 1]  # the update alone
    assert _attempt_table_scans() - before == 2  # without a receipt: the read and the update
    assert Attempt.objects.get().state["cmi"]["core"]["lesson_location"] == "p5"


def test_a_receipt_is_not_used_after_another_write_to_the_attempt(learner, sco_12):
    browser = Browser(attempt_launch(learner=learner, sco=sco_12))
    browser.commit(1, page(1, exit="suspend"))
    attempt_launch(learner=learner, sco=sco_12)  # another tab resumes: the launch rewrites the row
    Attempt.objects.filter(pk=browser.launch.attempt.pk).update(state={"cmi": {"core": {"lesson_location": "erased"}}})
    browser.statements_of_last_commit()

    assert browser.commit(2, {"core": {"lesson_status": "incomplete"}}).status_code == 200

    assert browser.statements_of_last_commit() == ["UPDATE", "SELECT", "UPDATE"]  # the update missed: read
    assert Attempt.objects.get().state["cmi"]["core"]["lesson_location"] == "erased"


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda state: state["cmi"]["core"].update(student_id="someone-else") or state, id="learner"),
        pytest.param(lambda state: state["cmi"]["core"].update(total_time="9999:00:00") or state, id="total-time"),
        pytest.param(lambda state: state["cmi"]["core"].update(credit="no-credit") or state, id="credit"),
    ],
)
def test_a_receipt_describing_another_state_than_the_stored_one_is_not_used(learner, sco_12, tamper):
    browser = Browser(attempt_launch(learner=learner, sco=sco_12))
    browser.commit(1, page(1))
    browser.statements_of_last_commit()

    assert browser.commit(2, page(2), tamper=tamper).status_code == 200

    assert browser.statements_of_last_commit() == ["SELECT", "UPDATE"]
    core = Attempt.objects.get().state["cmi"]["core"]
    assert (core["student_id"], core.get("total_time", "0000:00:00"), core["credit"]) == (str(learner.pk), "0000:00:00", "credit")
    assert core["lesson_location"] == "p2"


def test_another_attempts_receipt_is_not_used(learner, sco_12, django_user_model):
    mine = Browser(attempt_launch(learner=learner, sco=sco_12))
    theirs = Browser(attempt_launch(learner=django_user_model.objects.create_user("other"), sco=sco_12))
    mine.commit(1, page(1))
    theirs.commit(1, page(1))
    mine.receipt = theirs.receipt
    mine.statements_of_last_commit()

    assert mine.commit(2, page(2)).status_code == 200

    assert mine.statements_of_last_commit() == ["SELECT", "UPDATE"]
    assert Attempt.objects.get(learner=learner).state["cmi"]["core"]["student_id"] == str(learner.pk)


@pytest.mark.parametrize(
    "stored",
    ["a string", {"tag": 5}, {"tag": "1.2.3"}, {"tag": "x.1.2:(0,1).sig", "delta": []}, {"delta": [[["cmi"], 1]]}, [], None],
)
def test_a_malformed_receipt_is_ignored_and_the_commit_stored(learner, sco_12, stored):
    browser = Browser(attempt_launch(learner=learner, sco=sco_12))
    browser.commit(1, page(1))
    tag, _state = browser.receipt
    if isinstance(stored, dict) and "delta" in stored and "tag" not in stored:
        stored = {**stored, "tag": tag}  # a real tag with a delta that cannot rebuild the state

    response = WsgiClient().post(f"/scorm/commit/{browser.launch.token}/", json.dumps({"seq": 2, "cmi": page(2), "stored": stored}))

    assert response.status_code == 200 and response.json()["applied"] is True
    assert Attempt.objects.get().state["cmi"]["core"]["lesson_location"] == "p2"


def test_refused_values_are_refused_with_a_receipt_as_without(learner, sco_12):
    browser = Browser(attempt_launch(learner=learner, sco=sco_12))
    browser.commit(1, page(1))

    response = browser.commit(2, {"core": {"student_id": "someone-else", "lesson_location": "p2"}})

    assert response.status_code == 422 and response.json()["errors"][0]["element"] == "cmi.core.student_id"
    assert Attempt.objects.get().state["cmi"]["core"]["lesson_location"] == "p1"


def test_an_older_commit_with_a_receipt_does_not_roll_back(learner, sco_12):
    browser = Browser(attempt_launch(learner=learner, sco=sco_12))
    browser.commit(1, page(1))
    browser.commit(3, page(3))

    response = browser.commit(2, page(2))

    assert response.json()["applied"] is False and "stored" not in response.json()
    assert Attempt.objects.get().state["cmi"]["core"]["lesson_location"] == "p3"


def test_a_closing_commit_with_a_receipt_closes_the_attempt_and_gives_no_receipt(learner, sco_12):
    browser = Browser(attempt_launch(learner=learner, sco=sco_12))
    browser.commit(1, page(1))
    browser.statements_of_last_commit()

    response = browser.commit(2, {"core": {"lesson_status": "passed", "exit": "", "session_time": "00:01:00"}}, finished=True)

    assert browser.statements_of_last_commit() == ["UPDATE"]
    assert response.json()["closed"] is True and "stored" not in response.json()
    attempt = Attempt.objects.get()
    assert attempt.closed_at is not None and attempt.total_seconds == 60
    assert browser.commit(3, page(3)).status_code == 409  # the receipt does not reopen it


def test_a_2004_commit_with_a_receipt_tells_rollup_when_objectives_change(learner, sco_2004):
    from scorm_player.signals import attempt_changed

    heard = []
    attempt_changed.connect(lambda sender, attempt, **kwargs: heard.append((attempt.sequence, attempt.learner_id)), dispatch_uid="receipt-listener", weak=False)
    try:
        browser = Browser(attempt_launch(learner=learner, sco=sco_2004))
        browser.commit(1, {"location": "p1"})
        browser.commit(2, {"location": "p2"})
        browser.commit(3, {"location": "p2", "objectives": [{"id": "o1", "success_status": "passed"}]})
        statements = browser.statements_of_last_commit()
    finally:
        attempt_changed.disconnect(dispatch_uid="receipt-listener")

    assert statements[-1] == "UPDATE" and "SELECT" not in statements[2:]
    assert heard == [(1, learner.pk), (3, learner.pk)]
