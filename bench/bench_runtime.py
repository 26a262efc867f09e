"""Runtime benchmark: learner-state saves, package content and a trivial view, under load.

    .venv/bin/python bench/bench_runtime.py        # ~1.5 minutes; needs PostgreSQL, Redis, wrk

gunicorn (2 sync workers, as the peer harness) + PostgreSQL over loopback, loaded by
wrk -t2 -c16. Scenarios, each BENCH_DURATION seconds (default 15):
  saves    POST /scorm/commit/<token>/ with the same ~5 KB SCORM 1.2 state the peer
           harness commits (location, status, score, session time, 3,500 characters of
           suspend_data, 5 interactions, 3 objectives), validated and stored; every
           request a new sequence number; good only if the server says "applied". Each
           commit carries the receipt of its attempt's last answer, as the player does
  content  GET of the 11 KB launch page of RuntimeBasicCalls_SCORM12 through the content view
  floor    GET /ping on the same server
  saves_read (not run by default) the same saves without receipts: each commit reads its
           attempt before the update, as every commit did before receipts
  saves_changing (not run by default) the saves with a new suspend_data on every commit
           (a SCO rewriting its bookmark on each page): the state is written every time,
           where the same state again only updates the other columns
Each scenario first runs BENCH_WARMUP seconds (default 3) unmeasured. Then BENCH_ROUNDS
(default 8) short runs of saves (BENCH_ROUND_SECONDS, default 4), each between two short runs
of the floor, give saves / floor as the median of each run over its neighbours: on this
shared machine the floor drifts by ±10 % from one minute to the next.
After each saves run the saved sequences in the database are checked against the count of
good responses, and PostgreSQL's counters give the reads of the attempt row per save. If
the peer harness ran (../shared/bench_peer_wagtail_lms/run_all.sh), its figures from
/tmp/peer-bench/runtime.json are printed beside ours as ratios.
"""

import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.services import free_port, shared_fixtures_dir, stop_process, wait_for, http_ok  # noqa: E402

DURATION = int(os.environ.get("BENCH_DURATION", "15"))
# Before the measured runs, each scenario runs this long unmeasured (fresh database and workers).
WARMUP = int(os.environ.get("BENCH_WARMUP", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
THREADS = 2
ATTEMPTS = 256
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/lms_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
GUNICORN_ARGS = os.environ.get("BENCH_GUNICORN_ARGS", "--workers 2 --worker-class sync").split()
SCENARIOS = os.environ.get("BENCH_SCENARIOS", "saves,content,floor").split(",")
# Then this many short runs of saves, each between two of the floor (0: none): on a noisy
# machine the floor drifts within seconds, the ratio of neighbours much less.
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "8"))
ROUND_SECONDS = int(os.environ.get("BENCH_ROUND_SECONDS", "4"))
# Reading PostgreSQL's counters waits 11 s around each saves run; 0 skips it (for many short runs).
COUNT_READS = os.environ.get("BENCH_COUNT_READS", "1") == "1"
PEER_RESULTS = Path(os.environ.get("PEER_OUT", "/tmp/peer-bench")) / "runtime.json"


def realistic_state_12():
    """The peer harness's mid-module SCORM 1.2 state, in scorm-again's commit shape."""
    rng = random.Random(7)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    interactions = {
        str(n): {
            "id": f"q{n + 1}_handicap_question", "type": "choice", "student_response": "b",
            "result": "correct" if n % 3 else "wrong", "latency": "0000:00:14.20", "time": "10:2%d:03" % n,
        }
        for n in range(5)
    }
    objectives = {
        str(n): {"id": f"obj_module_section_{n + 1}", "score": {"raw": str(70 + 10 * n)}, "status": "passed" if n else "incomplete"}
        for n in range(3)
    }
    return {
        "core": {
            "lesson_location": "page7", "lesson_status": "incomplete", "exit": "suspend",
            "score": {"raw": "85", "min": "0", "max": "100"}, "session_time": "0000:05:12.34",
        },
        "suspend_data": "".join(rng.choice(alphabet) for _ in range(3500)),
        "interactions": interactions,
        "objectives": objectives,
    }


def recreate_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def prepare(env, workdir):
    """Migrate, import the package, open attempts, issue a content URL: return what wrk needs."""
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from scorm_player.attempts import attempt_launch
    from scorm_player.content import content_token
    from tests.courses.catalog import module_create, theme_create

    # A module open to every learner: the content view's access recheck asks the catalog's rule.
    version = module_create(theme_create(), zip_name="RuntimeBasicCalls_SCORM12.zip").version
    sco = version.scos.get()
    User = get_user_model()
    learners = User.objects.bulk_create(User(username=f"bench-{n}") for n in range(ATTEMPTS))
    tokens = [attempt_launch(learner=learner, sco=sco).token for learner in learners]
    (workdir / "tokens.json").write_text(json.dumps(tokens))
    (workdir / "state.json").write_text(json.dumps(realistic_state_12()))
    # What the player page gives the learner's browser: the content URL with its access proof,
    # bound to the learner's session cookie, which the browser sends with each file.
    browser = Client()
    browser.force_login(learners[0])
    session_key = browser.cookies[settings.SESSION_COOKIE_NAME].value
    content_path = f"/scorm/content/{version.pk}/{content_token(version, session_key)}/shared/launchpage.html"
    body_bytes = len(json.dumps({"seq": 1, "cmi": realistic_state_12()}))
    return content_path, f"{settings.SESSION_COOKIE_NAME}={session_key}", body_bytes


def write_tokens(workdir):
    """The commit paths for wrk, each with its attempt's stored sequence (to commit above it)."""
    from scorm_player.attempts import commit_token_read
    from scorm_player.models import Attempt

    tokens = json.loads((workdir / "tokens.json").read_text())
    stored = dict(Attempt.objects.values_list("pk", "sequence"))
    lines = (f"/scorm/commit/{token}/ {stored[commit_token_read(token)[0]]}\n" for token in tokens)
    (workdir / "tokens.txt").write_text("".join(lines))


def attempt_counters(count_reads):
    """(sum of stored sequences, index scans and updated rows of the attempt table so far, or
    0 and 0 unless `count_reads`). PostgreSQL's backends report their counters within 10 s
    of going idle: wait for them."""
    from django.db import connection
    from django.db.models import Sum

    from scorm_player.models import Attempt

    if not count_reads:
        return Attempt.objects.aggregate(total=Sum("sequence"))["total"], 0, 0
    time.sleep(11)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT idx_scan, n_tup_upd FROM pg_stat_user_tables WHERE relname = %s", [Attempt._meta.db_table])
        scans, updates = cursor.fetchone()
    return Attempt.objects.aggregate(total=Sum("sequence"))["total"], scans, updates


def attempts_with_last_suspend_data():
    """After saves_changing: how many attempts store the suspend_data of their last commit
    (it starts with the commit's sequence), of how many."""
    from scorm_player.models import Attempt

    rows = Attempt.objects.values_list("sequence", "state")
    last = sum(state["cmi"].get("suspend_data", "").startswith(f"{sequence:08d}") for sequence, state in rows)
    return last, len(rows)


def cpu_seconds(server_pid):
    """CPU time (user + system) used so far by the app server (master and workers), and by
    each of PostgreSQL's processes ({pid: seconds}): per request, a figure that noisy
    neighbours disturb far less than requests per second."""
    tick = os.sysconf("SC_CLK_TCK")
    app = 0
    database = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                name_end = (text := stat.read()).rindex(")")
        except OSError:
            continue
        name, fields = text[text.index("(") + 1:name_end], text[name_end + 2:].split()
        used = (int(fields[11]) + int(fields[12])) / tick
        if int(entry) == server_pid or int(fields[1]) == server_pid:
            app += used
        elif name == "postgres":
            database[entry] = used
    return app, database


def database_cpu_between(before, after):
    """PostgreSQL's CPU seconds between two cpu_seconds(): of the processes alive at the end
    (a backend or autovacuum worker that exited meanwhile takes its time with it)."""
    return sum(used - before.get(pid, 0) for pid, used in after.items())


def machine_cpu_ticks():
    """(idle + iowait, all) ticks of the machine's CPUs so far (/proc/stat)."""
    with open("/proc/stat") as stat:
        ticks = [int(value) for value in stat.readline().split()[1:9]]
    return ticks[3] + ticks[4], sum(ticks)


def load_generator_cpu_seconds():
    """CPU time of the finished child processes so far: around one wrk run, wrk's own (it
    shares the 2 cores with the server, so its cost per request is part of the figures)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def neighbour_floor_ratios(results):
    """{saves scenario: [each run's req/s over the mean of the floor runs just before and
    after it]}: on a noisy machine the floor drifts within minutes, so with the runs
    interleaved (floor,saves,floor,saves,floor) the ratio of neighbours is the steadier one."""
    names = list(results)
    by_kind = {}
    for at, name in enumerate(names):
        if not name.startswith("saves"):
            continue
        before = next((n for n in reversed(names[:at]) if n.startswith("floor")), None)
        after = next((n for n in names[at + 1:] if n.startswith("floor")), None)
        floors = [results[n]["rps"] for n in (before, after) if n]
        if floors:
            kind = re.sub(r"_\d+$", "", name)  # saves_3 is a run of saves
            by_kind.setdefault(kind, []).append(results[name]["rps"] / (sum(floors) / len(floors)))
    return by_kind


def ratio_summary(ratios):
    listed = ", ".join(f"{ratio:.2f}" for ratio in ratios)
    return f"median {statistics.median(ratios):.2f}, lowest {min(ratios):.2f} ({listed})"


def run_wrk(url, lua, env_extra, duration=DURATION):
    env = {**os.environ, **env_extra}
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{duration}s", "--timeout", "10s", "-s", str(lua), url]
    output = subprocess.run(command, env=env, capture_output=True, text=True, timeout=duration + 60)
    match = re.search(r"^WRKJSON (\{.*\})$", output.stdout, re.M)
    if output.returncode != 0 or not match:
        raise SystemExit(f"wrk failed ({output.returncode}): {output.stdout}\n{output.stderr}")
    # The requests wrk gave up on when it stopped finish before anything reads the database.
    time.sleep(0.5)
    result = json.loads(match.group(1))
    for line in re.findall(r"^first bad answer: .*$", output.stdout, re.M):
        print(line)
    seconds = result["duration_us"] / 1e6
    result["rps"] = round(result["requests"] / seconds, 1)
    result["p50_ms"] = round(result["lat_p50_us"] / 1000, 2)
    result["p99_ms"] = round(result["lat_p99_us"] / 1000, 2)
    result["errors"] = sum(result[k] for k in ("err_connect", "err_read", "err_write", "err_timeout"))
    return result


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    peer_lua = shared_fixtures_dir().parent.parent / "bench_peer_wagtail_lms" / "wrk_bench.lua"
    workdir = Path(tempfile.mkdtemp(prefix="lms-bench-runtime-"))
    recreate_database(DATABASE_URL)
    subprocess.run(["redis-cli", "-u", REDIS_URL, "flushdb"], check=True, capture_output=True)
    env = {
        "DATABASE_URL": DATABASE_URL, "CACHE_URL": REDIS_URL, "CELERY_BROKER_URL": REDIS_URL,
        "LMS_STATE_DIR": str(workdir / "state"), "DJANGO_MEDIA_ROOT": str(workdir / "media"),
        "DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_LOG_LEVEL": "WARNING",
    }
    content_path, session_cookie, body_bytes = prepare(env, workdir)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(workdir / "gunicorn.log", "wb")
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}", *GUNICORN_ARGS],
        cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        wait_for(lambda: http_ok(f"{base}/ping"), timeout=60, what="gunicorn")
        results, rounds = {}, {}
        saves = {"BENCH_TOKENS": str(workdir / "tokens.txt"), "BENCH_STATE": str(workdir / "state.json"), "BENCH_THREADS": str(THREADS)}
        scenarios = {
            "saves": (f"{base}/", ROOT / "bench" / "wrk_commit.lua", {**saves, "BENCH_RECEIPTS": "1"}),
            "saves_read": (f"{base}/", ROOT / "bench" / "wrk_commit.lua", {**saves, "BENCH_RECEIPTS": "0"}),
            "saves_changing": (f"{base}/", ROOT / "bench" / "wrk_commit.lua", {**saves, "BENCH_CHANGE": "1"}),
            "content": (f"{base}{content_path}", peer_lua, {"BENCH_EXPECT": "</html>", "BENCH_COOKIE": session_cookie}),
            "floor": (f"{base}/ping", peer_lua, {"BENCH_EXPECT": "ok"}),
        }
        if WARMUP:
            for name in dict.fromkeys(SCENARIOS):
                url, lua, extra = scenarios[name]
                if name.startswith("saves"):
                    write_tokens(workdir)
                run_wrk(url, lua, extra, duration=WARMUP)
        def measure(name, duration=DURATION, count_reads=COUNT_READS):
            url, lua, extra = scenarios[name]
            if name.startswith("saves"):
                write_tokens(workdir)
                counters_before = attempt_counters(count_reads)
            app_before, database_before = cpu_seconds(server.pid)
            wrk_before = load_generator_cpu_seconds()
            ticks_before = machine_cpu_ticks()
            result = run_wrk(url, lua, extra, duration)
            ticks_after = machine_cpu_ticks()
            wrk_after = load_generator_cpu_seconds()
            app_after, database_after = cpu_seconds(server.pid)
            # Time the cores wait (the saves: for PostgreSQL's WAL flush), not CPU spent.
            idle, total = (after - before for after, before in zip(ticks_after, ticks_before))
            result["idle_pct"] = round(100 * idle / total) if total else 0
            result["app_cpu_us"] = round((app_after - app_before) / result["requests"] * 1e6)
            result["db_cpu_us"] = round(database_cpu_between(database_before, database_after) / result["requests"] * 1e6)
            result["wrk_cpu_us"] = round((wrk_after - wrk_before) / result["requests"] * 1e6)
            if name.startswith("saves"):
                stored, scans, updates = (after - before for after, before in zip(attempt_counters(count_reads), counters_before))
                result["stored"] = stored
                if name == "saves_changing":
                    result["last_suspend_data"] = "%d of %d attempts" % attempts_with_last_suspend_data()
                result["reads_per_save"] = round((scans - updates) / updates, 3) if updates else "not counted"
            return result

        # In the order given; a scenario named again runs again (saves_read,saves,saves_read,saves).
        for run, name in enumerate(SCENARIOS):
            results[name if name not in results else f"{name}_{run}"] = measure(name)
        # Then short runs of saves, each between two of the floor: the ratio of neighbours.
        for run, name in enumerate(["floor", *["saves", "floor"] * ROUNDS] if ROUNDS else []):
            rounds[f"{name}_{run}"] = measure(name, ROUND_SECONDS, count_reads=False)
    finally:
        stop_process(server, grace=10)
    server_errors = (workdir / "gunicorn.log").read_text(errors="replace").count("Internal Server Error")
    print(f"\nRuntime benchmark, wrk -t{THREADS} -c{CONNECTIONS} -d{DURATION}s, gunicorn {' '.join(GUNICORN_ARGS)}, PostgreSQL")
    print(f"{'scenario':14} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'good':>7} {'bad':>5} {'errors':>6} {'app CPU µs':>11} {'db CPU µs':>10} {'wrk CPU µs':>11} {'idle %':>7}")
    for name, result in results.items():
        print(
            f"{name:14} {result['rps']:>9} {result['p50_ms']:>8} {result['p99_ms']:>8} {result['ok']:>7} {result['bad']:>5}"
            f" {result['errors']:>6} {result['app_cpu_us']:>11} {result['db_cpu_us']:>10} {result['wrk_cpu_us']:>11} {result['idle_pct']:>7}"
        )
    print("(app / db / wrk CPU µs: CPU time of gunicorn / of PostgreSQL's processes / of wrk per request;"
          " idle %: the machine's cores idle or waiting for the disk during the run)")
    summary = {**results, "server_errors": server_errors, "body_bytes": body_bytes}
    saves, content = (results.get(name, {}).get("rps") for name in ("saves", "content"))
    # Runs named again (floor,saves,floor) bracket the others: the floor is their mean.
    floors = [result["rps"] for name, result in results.items() if name.split("_")[0] == "floor"]
    floor = sum(floors) / len(floors) if floors else None
    print(f"commit body: {body_bytes} bytes; HTTP 500s: {server_errors}")
    for name, result in results.items():
        if name.startswith("saves"):
            print(
                f"{name}: stored in the database {result['stored']} (good responses {result['ok']}); sent with a receipt"
                f" {result['with_receipt']}; reads of the attempt per save {result['reads_per_save']}"
                + (f"; the last suspend_data sent stored in {result['last_suspend_data']}" if "last_suspend_data" in result else "")
            )
    if floor:
        for name, result in results.items():
            if name.startswith("saves"):
                print(f"{name} / floor: {result['rps'] / floor:.2f}")
        for kind, ratios in neighbour_floor_ratios(results).items():
            if len(ratios) > 1:
                print(f"{kind} / the floors beside each run: {ratio_summary(ratios)}")
    if rounds:
        ratios = neighbour_floor_ratios(rounds)["saves"]
        saves_rounds = [result for name, result in rounds.items() if name.startswith("saves")]
        print(
            f"saves / floor in {ROUNDS} rounds of {ROUND_SECONDS} s, each saves run over the floors beside it: {ratio_summary(ratios)};"
            f" saves/s {min(r['rps'] for r in saves_rounds)}–{max(r['rps'] for r in saves_rounds)},"
            f" bad {sum(r['bad'] for r in saves_rounds)}, stored {sum(r['stored'] for r in saves_rounds)}"
            f" (good responses {sum(r['ok'] for r in saves_rounds)})"
        )
        summary["rounds"] = {"ratios": [round(ratio, 3) for ratio in ratios], "median": round(statistics.median(ratios), 3), "runs": rounds}
    if PEER_RESULTS.exists():
        peer = {name: result["rps"] for name, result in json.loads(PEER_RESULTS.read_text())["scenarios"].items()}
        # The peer saves a state as 48 requests (47 SetValue + Commit).
        peer_saves = peer["cmi_commit"] / 48
        print(f"peer ({PEER_RESULTS}): {peer_saves:.2f} saves/s, content {peer['content']} req/s, trivial {peer['ping']} req/s")
        if saves:
            print(f"ratio to the peer: saves {saves / peer_saves:.0f}x")
        if content:
            print(f"ratio to the peer: content {content / peer['content']:.1f}x")
        summary["peer"] = peer
    print("BENCHJSON " + json.dumps(summary, default=str))
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
