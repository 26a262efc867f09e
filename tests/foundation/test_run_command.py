"""The README's run command starts the whole embedded stack: web, worker, SQLite, local files."""

import os
import signal
import subprocess
import sys
import textwrap

import pytest
import requests

from tests.foundation.test_settings import SERVICE_VARIABLES
from tests.services import ROOT, free_port, http_ok, wait_for

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def embedded_stack(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("embedded")
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key not in SERVICE_VARIABLES}
    env.update(LMS_STATE_DIR=str(tmp_path / "state"), DJANGO_MEDIA_ROOT=str(tmp_path / "media"))
    log_path = tmp_path / "run.log"
    with open(log_path, "wb") as log:
        # Exactly the README's command, on a free port.
        process = subprocess.Popen(
            ["make", "run", f"PORT={port}"], cwd=ROOT, env=env,
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    def answering():
        if process.poll() is not None:
            pytest.fail("make run exited early; log:\n" + log_path.read_text()[-4000:])
        return http_ok(f"http://127.0.0.1:{port}/healthz")

    try:
        try:
            wait_for(answering, timeout=300, what="make run")
        except RuntimeError:
            pytest.fail("make run did not answer; log:\n" + log_path.read_text()[-4000:])
        yield f"http://127.0.0.1:{port}", env, log_path
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def test_run_command_serves_home_admin_login_and_runs_a_worker(embedded_stack):
    base_url, env, log_path = embedded_stack

    home = requests.get(f"{base_url}/", timeout=10)
    login = requests.get(f"{base_url}/admin/login/", timeout=10)
    health = requests.get(f"{base_url}/healthz", timeout=10).json()

    assert home.status_code == 200 and 'lang="vi"' in home.text
    # The demo content is loaded: the catalog shows the fourth theme and a course.
    assert "Ứng dụng AI trong công việc và cuộc sống" in home.text
    assert "Ứng dụng AI trong quản lý hành chính công" in home.text
    assert login.status_code == 200 and 'name="password"' in login.text
    assert health["services"] == {"database": "ok", "broker": "ok", "storage": "ok"}
    assert "Admin login: username 'admin'" in log_path.read_text()
    # The embedded worker consumes the local SQLite broker: a task sent there comes back.
    send_ping = textwrap.dedent(
        """
        from config.celery import ping
        print(ping.delay("embedded").get(timeout=60)["pong"])
        """
    )
    answer = subprocess.run(
        [sys.executable, "-c", send_ping], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert answer.stdout.strip().endswith("embedded"), answer.stderr[-2000:] + log_path.read_text()[-3000:]


def test_run_command_answers_a_learners_commit_through_its_wsgi_entry(embedded_stack):
    base_url, env, log_path = embedded_stack
    launch_a_demo_module = textwrap.dedent(
        """
        import django
        django.setup()
        from django.contrib.auth import get_user_model
        from scorm_player.attempts import attempt_launch
        from scorm_player.models import Sco
        learner = get_user_model().objects.create_user("commit-check")
        print(attempt_launch(learner=learner, sco=Sco.objects.filter(version__scorm_version="1.2").first()).token)
        """
    )
    launched = subprocess.run(
        [sys.executable, "-c", launch_a_demo_module], cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True, text=True, timeout=120,
    )
    assert launched.returncode == 0, launched.stderr[-2000:]
    commit_url = f"{base_url}/scorm/commit/{launched.stdout.split()[-1]}/"
    body = '{"seq": 1, "cmi": {"core": {"lesson_location": "trang-2"}, "suspend_data": "đã học phần 1"}}'

    saved = requests.post(commit_url, data=body.encode(), headers={"Content-Type": "text/plain;charset=UTF-8"}, timeout=10)
    forged = requests.post(commit_url[:-3] + "xx/", data=body.encode(), headers={"Cookie": "django_language=en"}, timeout=10)

    assert saved.status_code == 200 and saved.json()["applied"] is True and saved.json()["sequence"] == 1
    assert saved.headers["Content-Length"] == str(len(saved.content)) and saved.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "Set-Cookie" not in saved.headers
    assert forged.status_code == 403 and forged.json()["message"] == "This learning session is not valid. Reload the page."
