"""Start the embedded stack: a gunicorn web server and a Celery worker, stopped together.

Used by `make run`. Production runs the two as separate services (see the README).
"""

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--web-workers", type=int, default=2)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    web = subprocess.Popen(
        [
            str(BIN / "gunicorn"), "config.wsgi",
            "--bind", f"{args.host}:{args.port}",
            "--workers", str(args.web_workers), "--threads", "4",
            "--access-logfile", "-",
        ]
    )
    worker = subprocess.Popen(
        [str(BIN / "celery"), "-A", "config", "worker", "--loglevel", "INFO", "--concurrency", "2"]
    )
    children = [web, worker]

    def stop(*_):
        for child in children:
            if child.poll() is None:
                child.terminate()
        deadline = time.monotonic() + 20
        for child in children:
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(
        f"\nLMS: http://{args.host}:{args.port}/   admin: http://{args.host}:{args.port}/admin/\n"
        "Press Ctrl+C to stop.\n",
        flush=True,
    )
    # If either child dies, stop the other: half a stack is worse than none.
    while all(child.poll() is None for child in children):
        time.sleep(0.5)
    stop()


if __name__ == "__main__":
    main()
