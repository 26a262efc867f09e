"""The CMI state column: JSON text (not jsonb), read and written whole, compressed with lz4 on PostgreSQL."""

import json

import pytest
from django.core import serializers
from django.db import connection

from scorm_player.fields import StateField
from scorm_player.models import Attempt
from scorm_player.services import package_import
from tests.services import shared_fixtures_dir

pytestmark = [pytest.mark.django_db, pytest.mark.integration]

STATE = {
    "cmi": {
        "core": {"lesson_location": "trang-7", "student_name": "Nguyễn Thị Ánh Tuyết", "score": {"raw": "85"}},
        "suspend_data": "ký tự đặc biệt \" \\ \n 🙂" * 300,
        "interactions": [{"id": "q1", "student_response": "b"}, {"id": "q2", "objectives": [{"id": "o1"}]}],
    },
    "adl": {},
}


@pytest.fixture
def attempt(django_user_model, local_storage):
    sco = package_import(file=shared_fixtures_dir() / "valid" / "RuntimeBasicCalls_SCORM12.zip").scos.get()
    learner = django_user_model.objects.create_user("an")
    return Attempt.objects.create(learner=learner, sco=sco, state=STATE)


def test_a_state_reads_back_exactly_as_written(attempt):
    assert Attempt.objects.get(pk=attempt.pk).state == STATE
    assert dict(Attempt.objects.values_list("pk", "state"))[attempt.pk] == STATE


def test_the_column_holds_plain_json_text(attempt):
    with connection.cursor() as cursor:
        cursor.execute("SELECT state FROM scorm_player_attempt WHERE id = %s", [attempt.pk])
        (stored,) = cursor.fetchone()
    assert isinstance(stored, str)
    assert json.loads(stored) == STATE


def test_keys_that_are_not_strings_are_stored_as_strings_as_json_does():
    field = StateField()

    assert json.loads(field.get_prep_value({"cmi": {0: "a"}})) == {"cmi": {"0": "a"}}
    assert field.get_prep_value(None) is None


def test_a_serialized_attempt_loads_back_with_its_state(attempt):
    dumped = serializers.serialize("json", [attempt])
    Attempt.objects.all().delete()

    for restored in serializers.deserialize("json", dumped):
        restored.save()

    assert Attempt.objects.get(pk=attempt.pk).state == STATE


def test_states_are_text_compressed_with_lz4_on_postgresql(attempt):
    assert connection.vendor == "postgresql", "these tests run against PostgreSQL (make test)"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attrelid::regclass::text, atttypid::regtype::text, attcompression FROM pg_attribute"
            " WHERE attname = 'state' AND attrelid IN ('scorm_player_attempt'::regclass, 'scorm_player_sequencingstate'::regclass)"
            " ORDER BY 1"
        )
        columns = cursor.fetchall()
        cursor.execute("SELECT pg_column_compression(state) FROM scorm_player_attempt WHERE id = %s", [attempt.pk])
        (compression,) = cursor.fetchone()
    assert columns == [("scorm_player_attempt", "text", "l"), ("scorm_player_sequencingstate", "text", "l")]
    assert compression == "lz4"
