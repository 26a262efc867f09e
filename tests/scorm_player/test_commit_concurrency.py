"""Commits to one attempt racing each other on real PostgreSQL connections.

A commit reads the attempt without a lock and stores only if the attempt is still at the
sequence it read; these tests make two writers collide for real and check that nothing
is lost or rolled back.
"""

import threading

import orjson
import pytest
from django.db import connection
from django.test import Client

from scorm_player.attempts import attempt_launch, state_json
from scorm_player.cmi import indexed_as_lists, state_delta, state_with_delta
from scorm_player.commit_store import commit_session
from scorm_player.models import Attempt
from scorm_player.services import package_import
from tests.services import shared_fixtures_dir

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

COMMITS_PER_WRITER = 150


@pytest.fixture(autouse=True)
def _postgresql():
    # SQLite's in-memory test database locks whole tables between threads: no race to see.
    assert connection.vendor == "postgresql", "these tests race real connections: run them with DATABASE_URL=postgres://..."


def _commit_body(sequence):
    interaction = {"0": {"id": "q0", "type": "choice", "student_response": "b", "result": "correct"}}
    return {"seq": sequence, "cmi": {"core": {"lesson_location": f"page-{sequence}"}, "interactions": interaction}}


def _writer(token, sequences, answers, failures, receipts):
    client = Client()
    receipt = None  # (tag, the state stored), kept as the player keeps it
    try:
        for sequence in sequences:
            body = _commit_body(sequence)
            if receipts and receipt:
                body["stored"] = {"tag": receipt[0], "delta": state_delta(indexed_as_lists({"cmi": body["cmi"]}), receipt[1])}
            response = client.post(f"/scorm/commit/{token}/", orjson.dumps(body), content_type="application/json")
            if response.status_code != 200:
                failures.append((sequence, response.status_code, response.content))
                continue
            answer = response.json()
            answers.append((sequence, answer["applied"]))
            if "stored" in answer:
                receipt = (answer["stored"]["tag"], state_with_delta(indexed_as_lists({"cmi": body["cmi"]}), answer["stored"]["delta"]))
    finally:
        connection.close()


def _watch(attempt_id, done, seen):
    try:
        while not done.is_set():
            attempt = Attempt.objects.get(pk=attempt_id)
            seen.append((attempt.sequence, attempt.state["cmi"]["core"].get("lesson_location", "")))
    finally:
        connection.close()


# With receipts, each writer's next commit names the row version its last one wrote: the
# other writer's commits in between make it miss, and it is read and stored as without.
@pytest.mark.parametrize("receipts", [False, True], ids=["read-each-time", "with-receipts"])
def test_two_writers_racing_on_one_attempt_never_lose_or_roll_back_a_commit(django_user_model, local_storage, receipts):
    sco = package_import(file=shared_fixtures_dir() / "valid" / "RuntimeBasicCalls_SCORM12.zip").scos.get()
    learner = django_user_model.objects.create_user("racer")
    launch = attempt_launch(learner=learner, sco=sco)
    answers, failures, seen = [], [], []
    done = threading.Event()
    watcher = threading.Thread(target=_watch, args=(launch.attempt.pk, done, seen))
    watcher.start()
    # One writer sends the odd sequence numbers, the other the even ones, as fast as they can.
    writers = [
        threading.Thread(target=_writer, args=(launch.token, range(start, 2 * COMMITS_PER_WRITER + 1, 2), answers, failures, receipts))
        for start in (1, 2)
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
    done.set()
    watcher.join(timeout=30)

    assert failures == []
    assert len(answers) == 2 * COMMITS_PER_WRITER
    attempt = Attempt.objects.get()
    last = 2 * COMMITS_PER_WRITER
    # The newest commit wins, whichever writer got there first.
    assert attempt.sequence == last
    assert attempt.state["cmi"]["core"]["lesson_location"] == f"page-{last}"
    assert len(attempt.state["cmi"]["interactions"]) == 1
    assert (last, True) in answers
    # Seen from outside, the stored sequence only grows and the state always belongs to it.
    assert len(seen) > 10
    assert all(sequence <= later for (sequence, _), (later, _) in zip(seen, seen[1:])), seen
    assert all(location in ("", f"page-{sequence}") for sequence, location in seen), seen


def test_a_commit_racing_the_final_commit_does_not_reopen_the_attempt(django_user_model, local_storage):
    sco = package_import(file=shared_fixtures_dir() / "valid" / "RuntimeBasicCalls_SCORM12.zip").scos.get()
    learner = django_user_model.objects.create_user("closer")
    launch = attempt_launch(learner=learner, sco=sco)
    client = Client()
    finished = {"seq": 5, "finished": True, "cmi": {"core": {"lesson_status": "completed", "exit": "", "session_time": "00:01:00"}}}
    assert client.post(f"/scorm/commit/{launch.token}/", orjson.dumps(finished), content_type="application/json").status_code == 200

    late = client.post(f"/scorm/commit/{launch.token}/", orjson.dumps(_commit_body(9)), content_type="application/json")

    assert late.status_code == 409
    attempt = Attempt.objects.get()
    assert attempt.closed_at is not None and attempt.sequence == 5


@pytest.mark.parametrize("other_write", ["erasure", "relaunch"])
def test_any_write_between_a_commits_read_and_its_update_makes_the_update_miss(django_user_model, local_storage, other_write):
    sco = package_import(file=shared_fixtures_dir() / "valid" / "RuntimeBasicCalls_SCORM12.zip").scos.get()
    learner = django_user_model.objects.create_user("between")
    launch = attempt_launch(learner=learner, sco=sco)
    client = Client()
    body = {"seq": 1, "cmi": {"core": {"lesson_location": "p1", "exit": "suspend"}}}
    assert client.post(f"/scorm/commit/{launch.token}/", orjson.dumps(body), content_type="application/json").status_code == 200

    with commit_session() as statements:
        attempt, row_version = statements.read(launch.attempt.pk)
        # Another request writes the row without touching its sequence.
        if other_write == "erasure":
            Attempt.objects.filter(pk=attempt.pk).update(state={})
        else:
            attempt_launch(learner=learner, sco=sco)
        attempt.state = {"cmi": {"core": {"lesson_location": "stale"}}}
        attempt.sequence = 2
        stored = statements.write(attempt, row_version, state_json(attempt.state))

    assert stored is None
    assert Attempt.objects.get(pk=attempt.pk).state.get("cmi", {}).get("core", {}).get("lesson_location") != "stale"
