"""/healthz reports database, broker and storage: 200 when all answer, 503 naming the one that does not."""

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_healthz_is_200_with_all_services_up(client, s3_storage, redis_url, settings):
    settings.CELERY_BROKER_URL = redis_url

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "services": {"database": "ok", "broker": "ok", "storage": "ok"}}


def test_healthz_is_503_naming_an_unreachable_broker(client, s3_storage, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["services"]["broker"].startswith("error")
    assert body["services"]["database"] == "ok" and body["services"]["storage"] == "ok"


def test_healthz_is_503_naming_unreachable_storage(client, redis_url, seaweedfs, settings):
    settings.CELERY_BROKER_URL = redis_url
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": seaweedfs.storage_options(endpoint_url="http://127.0.0.1:1"),
        },
    }

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["services"]["storage"].startswith("error")
    assert response.json()["services"]["broker"] == "ok"


@pytest.mark.django_db(transaction=True)
def test_healthz_is_503_naming_an_unreachable_database(client, redis_url, s3_storage, settings, monkeypatch):
    from django.db import connection

    settings.CELERY_BROKER_URL = redis_url
    # A real connection to a port where nothing listens, not a faked cursor.
    monkeypatch.setitem(connection.settings_dict, "PORT", "1")
    connection.close()
    try:
        response = client.get("/healthz")
    finally:
        monkeypatch.undo()
        connection.close()

    assert response.status_code == 503
    assert response.json()["services"]["database"].startswith("error")


def test_ping_answers_without_touching_any_service(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/ping")

    assert response.status_code == 200 and response.content == b"ok"
