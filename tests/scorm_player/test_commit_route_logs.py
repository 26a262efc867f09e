"""The commit route's log lines name the route, never the attempt token in its URL: the
token is a bearer credential (whoever holds it writes the learner's progress), and logs
are read and kept by more people, for longer, than the database."""

import json
import logging

import pytest

import scorm_player.wsgi
from scorm_player.attempts import attempt_launch

from .wsgi_client import WsgiClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def launch(django_user_model, sco_12):
    return attempt_launch(learner=django_user_model.objects.create_user("an", password="x-strong-password-1"), sco=sco_12)


def test_a_refused_commit_is_logged_without_its_token(launch, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        answer = WsgiClient().post(f"/scorm/commit/{launch.token}/", "{not json")

    assert 400 <= answer.status_code < 500
    assert "/scorm/commit/…/" in caplog.text
    assert launch.token not in caplog.text


def test_a_commit_that_fails_is_logged_without_its_token(launch, caplog, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(scorm_player.wsgi, "commit_answer", broken)

    with caplog.at_level(logging.WARNING, logger="django.request"):
        answer = WsgiClient().post(f"/scorm/commit/{launch.token}/", json.dumps({"seq": 1, "cmi": {}}))

    assert answer.status_code == 500
    assert "Internal Server Error: /scorm/commit/…/" in caplog.text
    assert launch.token not in caplog.text
