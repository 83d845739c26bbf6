"""Deployment (issue 19): the health and readiness probes, the files that deploy Paragraf (Dockerfile,
compose.yaml, Procfile, systemd units, the environment file) and the Procfile's processes run without
containers: the `release` line migrates, the `web` line serves the production profile, logs JSON lines
on stdout and serves the collected static files.

What cannot run here is read instead: compose.yaml and the units are parsed, every variable they set is a
setting of the README, the units go through `systemd-analyze verify` where it exists; the image is built
only where a Docker daemon answers.
"""
from __future__ import annotations

import ast
import configparser
import gzip
import http.client
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import yaml
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from tests.conftest import ROOT
from tests.live_portal import free_port

SERVICES = ROOT / "deploy" / "systemd"
VENV_BIN = Path(sys.executable).parent
TEMPLATE = ROOT / "tests" / "templates" / "01_ks-ciceron-layout.txt"  # minutes of Norrviks kommun
COMPOSE_ONLY = {"POSTGRES_PASSWORD"}  # read by compose.yaml for the db service, not a setting of Paragraf


# ---------------------------------------------------------------- /healthz and /readyz (Django's test client)


@pytest.mark.django_db
def test_healthz_answers_ok_without_cookies(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok" and response["Content-Type"].startswith("text/plain")
    assert not response.cookies and response["Cache-Control"] == "no-store"
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_readyz_answers_when_the_database_is_migrated(client):
    response = client.get("/readyz")
    assert response.status_code == 200, response.content
    assert response.json() == {"database": "ok", "migrations": "ok"}
    assert not response.cookies


@pytest.mark.django_db
def test_readyz_is_503_naming_the_migrations_the_database_lacks(client):
    recorder = MigrationRecorder(connection)
    # The newest migration of an app (its leaf: an earlier one unrecorded under an applied child is not planned)
    (app, name), = [node for node in MigrationLoader(connection).graph.leaf_nodes() if node[0] == "alerts"]
    recorder.record_unapplied(app, name)  # the database now says it never ran it
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "migrations": "unapplied", "unapplied": [f"alerts.{name}"]}
    recorder.record_applied(app, name)
    assert client.get("/readyz").status_code == 200


@pytest.mark.django_db
def test_probes_are_neither_redirected_to_https_nor_refused_for_their_host(client, settings):
    """A load balancer probes over http and names the machine's address; the pages stay behind both guards."""
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["paragraf.example.se"]
    for path in ("/healthz", "/readyz"):
        assert client.get(path, HTTP_HOST="10.0.0.7:8000").status_code == 200, path
    assert client.get("/", HTTP_HOST="10.0.0.7:8000").status_code == 400
    assert client.get("/", HTTP_HOST="paragraf.example.se").status_code == 301


# ---------------------------------------------------------------- the files, read


def documented_settings() -> set[str]:
    """Every variable named in the first column of a table of the README's settings."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = set()
    for row in re.findall(r"^\| (`[A-Z_]+`.*?) \|", readme, re.M):
        names |= set(re.findall(r"`([A-Z][A-Z0-9_]+)`", row))
    return names


def variables_the_code_reads() -> dict[str, Path]:
    """Each environment variable a module of paragraf/ reads (`os.environ.get("X")`, `os.getenv`,
    `os.environ["X"]`, or a helper of its module that reads the environment), with the first module."""
    found: dict[str, Path] = {}
    for path in sorted((ROOT / "paragraf").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        helpers = {node.name for node in tree.body if isinstance(node, ast.FunctionDef) and "environ" in ast.unparse(node)}
        for node in ast.walk(tree):
            name = None
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                if ast.unparse(node.func) in ("os.environ.get", "os.getenv") or ast.unparse(node.func) in helpers:
                    name = node.args[0].value
            elif isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ" and isinstance(node.slice, ast.Constant):
                name = node.slice.value
            if isinstance(name, str) and re.fullmatch(r"[A-Z][A-Z0-9_]+", name):
                found.setdefault(name, path.relative_to(ROOT))
    return found


def test_every_variable_the_code_reads_is_a_setting_in_the_readme():
    read = variables_the_code_reads()
    assert {"SECRET_KEY", "DATABASE_URL", "PARAGRAF_CACHE_URL", "PARAGRAF_PDF_WORKERS"} <= set(read)  # the scan found them
    undocumented = {name: str(path) for name, path in read.items() if name not in documented_settings()}
    assert undocumented == {}


def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


def test_compose_runs_db_migrate_web_and_worker_from_one_image():
    services = compose()["services"]
    assert set(services) == {"db", "migrate", "web", "worker"}
    assert services["db"]["image"].startswith("postgres:16")
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    paragraf = [services[name] for name in ("migrate", "web", "worker")]
    assert all(s["build"] == "." and s["image"] == paragraf[0]["image"] for s in paragraf)
    assert services["migrate"]["command"] == ["paragraf", "migrate"]
    assert services["web"]["command"][:2] == ["paragraf", "serve"] and services["worker"]["command"] == ["paragraf", "worker"]
    assert "/readyz" in " ".join(services["web"]["healthcheck"]["test"])
    for name in ("web", "worker"):
        assert services[name]["depends_on"] == {"db": {"condition": "service_healthy"},
                                                "migrate": {"condition": "service_completed_successfully"}}
    assert all(s["environment"]["PARAGRAF_PROFILE"] == "production" for s in paragraf)


def test_every_variable_compose_and_the_environment_file_set_is_a_documented_setting():
    settings = documented_settings()
    assert {"SECRET_KEY", "DATABASE_URL", "LOG_FORMAT", "LOG_STREAM"} <= settings  # the README's table was read
    services = compose()["services"]
    named = {name for service in ("migrate", "web", "worker") for name in services[service]["environment"]}
    text = (ROOT / "compose.yaml").read_text(encoding="utf-8")
    interpolated = set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*)", text))
    assert not (named | interpolated) - settings - COMPOSE_ONLY, "compose.yaml sets variables the README does not name"
    deployment = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    assert all(name in deployment for name in COMPOSE_ONLY)
    example = (ROOT / "deploy" / "paragraf.env.example").read_text(encoding="utf-8")
    assigned = re.findall(r"^([A-Za-z_][A-Za-z0-9_]*)=", example, re.M)
    assert {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"} <= set(assigned)
    assert not set(assigned) - settings, "deploy/paragraf.env.example sets variables the README does not name"
    assert all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*|#.*|", line) for line in example.splitlines())


DOCKERFILE_KEYWORDS = {"FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT",
                       "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL"}


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(keyword, arguments) of each instruction: comments dropped, continued lines joined."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n", " ", "\n".join(lines))
    return [(line.split(None, 1)[0], line.split(None, 1)[1]) for line in joined.splitlines() if line.strip()]


def test_the_dockerfile_uses_known_instructions_a_user_that_is_not_root_and_a_healthcheck():
    instructions = dockerfile_instructions()
    keywords = [keyword for keyword, _ in instructions]
    assert set(keywords) <= DOCKERFILE_KEYWORDS, set(keywords) - DOCKERFILE_KEYWORDS
    assert keywords[0] == "FROM" and re.match(r"python:3\.11-slim", instructions[0][1])
    users = [arguments.split(":")[0].strip() for keyword, arguments in instructions if keyword == "USER"]
    assert users and users[-1] not in {"root", "0"}
    assert any(keyword == "RUN" and "pip install -c constraints.txt ." in arguments for keyword, arguments in instructions)
    healthcheck = [arguments for keyword, arguments in instructions if keyword == "HEALTHCHECK"]
    assert len(healthcheck) == 1 and "/healthz" in healthcheck[0]
    assert ("EXPOSE", "8000") in instructions
    cmd = json.loads(next(arguments for keyword, arguments in reversed(instructions) if keyword == "CMD"))
    assert cmd[:2] == ["paragraf", "serve"] and cmd[cmd.index("--port") + 1] == "8000"
    # What COPY takes is in the build context .dockerignore leaves.
    allowed = {line[1:].rstrip("/") for line in (ROOT / ".dockerignore").read_text().splitlines() if line.startswith("!")}
    copied = {source for keyword, arguments in instructions if keyword == "COPY" for source in arguments.split()[:-1]}
    assert copied and copied <= allowed, copied - allowed


def units(pattern: str = "*.service") -> dict[str, configparser.ConfigParser]:
    parsed = {}
    for path in sorted(SERVICES.glob(pattern)):
        parser = configparser.ConfigParser(interpolation=None, strict=True)
        parser.optionxform = str  # systemd's keys are case-sensitive
        parser.read_string(path.read_text(encoding="utf-8"))
        parsed[path.name] = parser
    return parsed


def test_the_systemd_units_run_paragraf_serve_and_paragraf_worker_with_the_environment_file():
    found = units()
    assert set(found) == {"paragraf-web.service", "paragraf-worker@.service", "paragraf-migrate.service",
                          "paragraf-prune.service"}
    commands = {name: shlex.split(unit["Service"]["ExecStart"]) for name, unit in found.items()}
    assert commands["paragraf-web.service"][1:3] == ["serve", "--host"]
    assert commands["paragraf-worker@.service"][1:] == ["worker"]
    assert commands["paragraf-migrate.service"][1:] == ["migrate"]
    assert commands["paragraf-prune.service"][1:] == ["prune"]
    for name, unit in found.items():
        assert Path(commands[name][0]).name == "paragraf", name
        assert unit["Service"]["EnvironmentFile"] == "/etc/paragraf/paragraf.env", name
        assert unit["Service"]["User"] == "paragraf", name
    assert found["paragraf-migrate.service"]["Service"]["Type"] == "oneshot"
    assert found["paragraf-prune.service"]["Service"]["Type"] == "oneshot"


def test_a_timer_starts_the_housekeeping_daily():
    (timer,) = units("*.timer").values()
    assert timer["Timer"]["OnCalendar"] == "daily" and timer["Timer"]["Persistent"] == "true"
    assert timer["Install"]["WantedBy"] == "timers.target"
    assert (SERVICES / "paragraf-prune.service").exists()  # a timer starts the service of its own name


def test_systemd_analyze_verifies_the_units(tmp_path):
    if not shutil.which("systemd-analyze"):
        pytest.skip("systemd-analyze is not installed: the units were only parsed (test above)")
    # The units name the installed command (/opt/paragraf/venv/bin/paragraf), which verify wants to exist:
    # copies naming this environment's instead.
    for path in [*SERVICES.glob("*.service"), *SERVICES.glob("*.timer")]:
        text = path.read_text(encoding="utf-8").replace("/opt/paragraf/venv/bin/paragraf", str(VENV_BIN / "paragraf"))
        (tmp_path / path.name).write_text(text, encoding="utf-8")
    (tmp_path / "paragraf-worker@1.service").symlink_to("paragraf-worker@.service")
    names = ["paragraf-web.service", "paragraf-worker@1.service", "paragraf-migrate.service", "paragraf-prune.service",
             "paragraf-prune.timer"]
    run = subprocess.run(["systemd-analyze", "verify", *(str(tmp_path / name) for name in names)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and not run.stderr.strip(), run.stderr  # unknown keys are only warned of


def test_the_wheel_holds_the_templates_static_files_and_swedish_strings(tmp_path):
    """The image installs Paragraf with `pip install .`, not editable: what is not in the wheel is not there."""
    source = tmp_path / "source"
    shutil.copytree(ROOT / "paragraf", source / "paragraf", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(source)],
                         capture_output=True, text=True, timeout=300)
    if run.returncode and "No matching distribution found for setuptools" in run.stderr:
        pytest.skip(f"the build backend cannot be installed here: {run.stderr.strip().splitlines()[-1]}")
    assert run.returncode == 0, run.stderr
    (wheel,) = tmp_path.glob("paragraf-*.whl")
    packaged = set(zipfile.ZipFile(wheel).namelist())
    tracked = subprocess.run(["git", "ls-files", "paragraf"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    needed = [name for name in tracked if re.search(r"/(templates|static)/|\.mo$", name)]
    assert len(needed) > 50
    assert not [name for name in needed if name not in packaged]


# ---------------------------------------------------------------- the Procfile, run without containers


def procfile() -> dict[str, str]:
    lines = (ROOT / "Procfile").read_text(encoding="utf-8").splitlines()
    return dict(line.split(": ", 1) for line in lines if line.strip() and not line.startswith("#"))


def get(port: int, path: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def wait_for(port: int, process: subprocess.Popen, log: Path) -> None:
    for _ in range(300):
        if process.poll() is not None:
            raise AssertionError(f"the web process exited with {process.returncode}: {log.read_text()}")
        try:
            get(port, "/healthz")
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"the web process did not answer: {log.read_text()}")


def test_the_procfile_names_release_web_and_worker():
    lines = procfile()
    assert set(lines) == {"release", "web", "worker"}
    assert lines["release"] == "paragraf migrate" and lines["worker"] == "paragraf worker"
    assert shlex.split(lines["web"])[:2] == ["paragraf", "serve"] and "$PORT" in lines["web"]


def test_the_procfile_web_process_serves_probes_static_files_and_logs_json_lines(tmp_path):
    """The production profile as the Procfile runs it (a shell, $PORT), on SQLite: before the database
    exists, before it is migrated (the `release` line) and after; behind the https redirect, with
    ALLOWED_HOSTS that do not name 127.0.0.1, serving the files collectstatic wrote."""
    lines = procfile()
    port = free_port()
    env = {name: value for name, value in os.environ.items() if not name.startswith(("PARAGRAF_", "DJANGO_", "LOG_", "SECURE_"))}
    env.update(PATH=f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}", PORT=str(port), PARAGRAF_PROFILE="production",
               SECRET_KEY="procfile-test-" + "k" * 50, PARAGRAF_DATA=str(tmp_path),
               DATABASE_URL=f"sqlite:///{tmp_path / 'db' / 'paragraf.sqlite3'}",  # db/ made below
               ALLOWED_HOSTS="paragraf.example.se", STATIC_ROOT=str(tmp_path / "static"))
    collect = subprocess.run(["paragraf", "manage", "collectstatic", "--noinput", "-v0"], env=env, capture_output=True,
                             text=True, timeout=120)
    assert collect.returncode == 0, collect.stderr
    log = tmp_path / "web.stdout"
    with log.open("wb") as stdout:
        web = subprocess.Popen(["/bin/sh", "-c", lines["web"]], env=env, stdout=stdout, stderr=subprocess.PIPE,
                               start_new_session=True)
    try:
        wait_for(port, web, log)
        status, _, body = get(port, "/healthz")
        assert (status, body) == (200, b"ok")
        status, _, body = get(port, "/readyz")  # no directory for the SQLite file: no database
        assert status == 503 and json.loads(body) == {"database": "unavailable", "migrations": "unknown"}
        (tmp_path / "db").mkdir()
        status, _, body = get(port, "/readyz")  # an empty database
        assert status == 503 and json.loads(body)["migrations"] == "unapplied" and "records.0001_initial" in json.loads(body)["unapplied"]

        release = subprocess.run(["/bin/sh", "-c", lines["release"]], env=env, capture_output=True, text=True, timeout=300)
        assert release.returncode == 0, release.stderr
        status, _, body = get(port, "/readyz")
        assert status == 200 and json.loads(body) == {"database": "ok", "migrations": "ok"}

        # The pages stay behind ALLOWED_HOSTS and the https redirect; the probes did not.
        assert get(port, "/")[0] == 400
        status, headers, _ = get(port, "/", {"Host": "paragraf.example.se"})
        assert status == 301 and headers["location"] == "https://paragraf.example.se/"
        # The collected static files, compressed for a client that takes it.
        https = {"Host": "paragraf.example.se", "X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}
        status, headers, body = get(port, "/static/portal/paragraf.css", https)
        assert status == 200 and headers.get("content-encoding") == "gzip"
        assert gzip.decompress(body) == (ROOT / "paragraf" / "portal" / "static" / "portal" / "paragraf.css").read_bytes()
    finally:
        os.killpg(web.pid, signal.SIGTERM)
        web.wait(timeout=10)
        stderr = web.stderr.read().decode()
        web.stderr.close()

    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]  # every line a JSON object
    assert not stderr.strip(), stderr
    assert all({"time", "level", "logger", "message"} <= set(record) for record in records), records
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00", record["time"]) for record in records)
    assert any(r["logger"] == "paragraf.serve" and f":{port}/" in r["message"] for r in records)
    unavailable = [r for r in records if r["logger"] == "paragraf.health" and "database does not answer" in r["message"]]
    assert unavailable and unavailable[0]["level"] == "WARNING" and "unable to open database file" in unavailable[0]["exception"]
    assert any(r["logger"] == "django.security.DisallowedHost" for r in records)


SUBMIT = """
from pathlib import Path
from paragraf.intake.jobs import Upload, submit
from paragraf.records.models import Organization
norrvik = Organization.objects.create(name="Norrviks kommun", slug="norrviks-kommun")
submit([Upload("ks.txt", Path({path!r}).read_bytes())], norrvik)
"""
STATUS = "from paragraf.intake.models import ImportFile; print(ImportFile.objects.get().status)"


def test_the_procfile_worker_reads_an_uploaded_packet_logs_json_lines_and_stops_on_sigterm(tmp_path):
    """The `worker` line in the production profile beside a migrated database (the `release` line): a queued
    upload is read and held for review of its personal data (production's default); the log on stdout is JSON lines (its start, each task's start and end); SIGTERM ends it."""
    lines = procfile()
    env = {name: value for name, value in os.environ.items() if not name.startswith(("PARAGRAF_", "DJANGO_", "LOG_", "SECURE_"))}
    env.update(PATH=f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}", PARAGRAF_PROFILE="production",
               SECRET_KEY="procfile-test-" + "k" * 50, PARAGRAF_DATA=str(tmp_path),
               DATABASE_URL=f"sqlite:///{tmp_path / 'paragraf.sqlite3'}")
    for command in (lines["release"], f"paragraf manage shell --no-imports -c {shlex.quote(SUBMIT.format(path=str(TEMPLATE)))}"):
        done = subprocess.run(["/bin/sh", "-c", command], env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    log = tmp_path / "worker.stdout"
    with log.open("wb") as stdout:
        worker = subprocess.Popen(["/bin/sh", "-c", f"exec {lines['worker']}"], env=env, stdout=stdout, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while "SUCCESSFUL" not in log.read_text(encoding="utf-8"):
            assert worker.poll() is None and time.monotonic() < deadline, log.read_text(encoding="utf-8")
            time.sleep(0.1)
    finally:
        worker.send_signal(signal.SIGTERM)
        code = worker.wait(timeout=30)
        stderr = worker.stderr.read().decode()
        worker.stderr.close()
    assert code == 0 and not stderr.strip(), stderr
    status = subprocess.run(["paragraf", "manage", "shell", "--no-imports", "-c", STATUS], env=env, capture_output=True, text=True, timeout=120)
    assert status.stdout.strip() == "held", status.stderr  # production holds a packet for review of its personal data
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]  # every line a JSON object
    assert records[0]["logger"] == "paragraf.intake" and records[0]["message"].startswith("Paragraf worker")
    states = [r["message"] for r in records if r["logger"] == "django_tasks"]
    assert any("state=RUNNING" in m for m in states) and any("state=SUCCESSFUL" in m for m in states), states


# ---------------------------------------------------------------- the image, where Docker runs


def test_docker_builds_the_image(tmp_path):
    if not shutil.which("docker"):
        pytest.skip("docker is not installed: the Dockerfile was only read (tests above)")
    info = subprocess.run(["docker", "info"], capture_output=True, text=True, timeout=60)
    if info.returncode:
        pytest.skip(f"no Docker daemon answers: {(info.stderr.strip() or info.stdout.strip()).splitlines()[-1]}")
    tag = f"paragraf-test:{os.getpid()}"
    build = subprocess.run(["docker", "build", "-t", tag, str(ROOT)], capture_output=True, text=True, timeout=1800)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    try:
        user = subprocess.run(["docker", "run", "--rm", tag, "id", "-u"], capture_output=True, text=True, timeout=120)
        assert user.returncode == 0 and user.stdout.strip() not in {"", "0"}, user.stderr
    finally:
        subprocess.run(["docker", "image", "rm", "-f", tag], capture_output=True, timeout=120)
