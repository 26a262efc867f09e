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


@pytest.fixture
def embedded_stack(tmp_path):
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
