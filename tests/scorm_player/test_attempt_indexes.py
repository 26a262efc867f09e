"""The attempt table keeps only the indexes its lookups need: each one costs disk, and every
write that cannot stay on its page (not HOT: a launch, a new attempt) adds an entry to it."""

import pytest
from django.db import connection

from scorm_player.models import Attempt

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


def _plan(sql, params):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a near-empty table would be scanned anyway
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.fixture(autouse=True)
def _postgresql():
    assert connection.vendor == "postgresql", "index plans are PostgreSQL's: run with DATABASE_URL=postgres://..."


def test_the_attempt_table_has_no_index_of_its_own_for_the_learner_or_the_sco():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s", [Attempt._meta.db_table])
        indexes = {row[0] for row in cursor.fetchall()}

    assert indexes == {
        "scorm_player_attempt_pkey", "unique_attempt_number", "one_open_attempt_per_sco", "scorm_playe_sco_id_7155b3_idx",
    }


@pytest.mark.parametrize("column, index", [("learner_id", "unique_attempt_number"), ("sco_id", "scorm_playe_sco_id_7155b3_idx")])
def test_attempts_of_a_learner_or_of_a_sco_are_still_found_through_an_index(column, index):
    plan = _plan(f"SELECT id FROM {Attempt._meta.db_table} WHERE {column} = %s", [1])
    assert index in plan, plan
