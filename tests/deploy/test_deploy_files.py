"""The deployment files agree with the application and with each other (no Docker engine here to build
them): Dockerfile, compose.yaml, the nginx site and the lock files. What they run is run by other tests:
the shipped nginx site (test_academie), the data folder preparation (test_prepare_data)."""

from __future__ import annotations

import inspect
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

from grading.app import create_app
from grading.console.live import KEEPALIVE_SECONDS
from grading.exports import pdf

ROOT = Path(__file__).resolve().parents[2]
NGINX = (ROOT / "deploy" / "nginx" / "e5-sandbox.conf").read_text(encoding="utf-8")


def dockerfile() -> list[tuple[str, str]]:
    """The Dockerfile's instructions (keyword, arguments), continuation lines joined, comments dropped."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n\s*", " ", "\n".join(lines))
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in joined.splitlines()
            if line.strip()]


def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return create_app(tmp_path_factory.mktemp("deploy-files") / "data", TESTING=True)


def _option(command: list[str], name: str) -> str:
    return command[command.index(name) + 1]


def test_the_image_runs_as_its_own_user_from_the_preparation_on():
    steps = dockerfile()
    users = [(i, args.strip()) for i, (key, args) in enumerate(steps) if key == "USER"]
    assert users and users[-1][1] not in ("root", "0", "0:0")
    prepare = next(i for i, (key, args) in enumerate(steps) if key == "RUN" and "prepare-data.sh" in args)
    assert users[-1][0] < prepare  # the prepared folder belongs to that user, never to root


def test_the_image_installs_the_locked_versions_with_their_hashes():
    runs = " ".join(args for key, args in dockerfile() if key == "RUN")
    assert "pip install --require-hashes -r requirements/runtime.txt" in runs
    assert "pip install --no-deps --no-build-isolation ." in runs
    copied = [args.split()[0] for key, args in dockerfile() if key == "COPY"]
    assert all((ROOT / source).exists() for source in copied), copied


def test_the_image_has_the_fonts_the_pdf_code_loads():
    runs = " ".join(args for key, args in dockerfile() if key == "RUN")
    assert "fonts-dejavu-core" in runs
    debian_fonts = pdf.FONT_CANDIDATES[0]  # the pair looked for first, on Linux
    assert all(str(path).startswith("/usr/share/fonts/truetype/dejavu/") for path in debian_fonts)
    if shutil.which("dpkg"):  # the package really ships those files (Debian machines)
        owners = subprocess.run(["dpkg", "-S", *map(str, debian_fonts)], capture_output=True, text=True,
                                check=False).stdout
        assert owners.count("fonts-dejavu-core:") == len(debian_fonts), owners


def test_the_containers_show_the_academies_local_time_paris_unless_told():
    """The console shows and records the machine's local time: a container is in UTC unless TZ says."""
    env = dict(arg.split("=", 1) for key, args in dockerfile() if key == "ENV" for arg in shlex.split(args))
    assert env["TZ"] == "Europe/Paris"
    assert "tzdata" in " ".join(args for key, args in dockerfile() if key == "RUN")  # every zone's rules
    services = compose()["services"]
    for name in ("init", "app"):  # init lists its own environment: it must say it too
        assert services[name]["environment"]["TZ"] == "${E5_TZ:-Europe/Paris}", name
    # Python's local time follows that variable: 15/01/2027 08:00 UTC is 09:00 in Paris, 05:00 in Cayenne.
    hours = [subprocess.run([sys.executable, "-c", "import time; print(time.strftime('%H:%M', "
                             "time.localtime(1800000000)))"], env={**os.environ, "TZ": zone},
                            capture_output=True, text=True, check=True).stdout.strip()
             for zone in (env["TZ"], "America/Cayenne")]
    assert hours == ["09:00", "05:00"]


def test_the_health_check_asks_an_address_that_answers_without_login(app):
    check = next(args for key, args in dockerfile() if key == "HEALTHCHECK")
    url = re.search(r"http://127\.0\.0\.1:(\d+)(/\S*?)'", check)
    assert url, check
    exposed = next(args for key, args in dockerfile() if key == "EXPOSE").split()
    assert url.group(1) in exposed
    assert app.test_client().get(url.group(2)).status_code == 200


def test_the_image_serves_with_several_workers_on_the_exposed_port():
    shell, dash_c, line = json.loads(next(args for key, args in dockerfile() if key == "CMD"))
    assert (shell, dash_c) == ("sh", "-c")
    command = shlex.split(line)
    serve = command[command.index("serve"):]
    exposed = next(args for key, args in dockerfile() if key == "EXPOSE").split()
    assert _option(serve, "--host") == "0.0.0.0" and _option(serve, "--port") in exposed
    assert "--workers" in serve
    assert "E5_WORKERS=2" in next(args for key, args in dockerfile() if key == "ENV")
    assert command[:2] == ["sh", "deploy/docker/prepare-data.sh"]


def test_compose_runs_postgres_two_app_replicas_and_nginx_on_shared_data():
    services = compose()["services"]
    assert {"postgres", "init", "app", "nginx"} <= set(services)
    app, init = services["app"], services["init"]
    assert app["deploy"]["replicas"] >= 2
    assert app["image"] == init["image"] and app["build"] == init["build"] == "."
    # Media, evidence, secret key and login sessions: one volume for every replica, at E5_DATA.
    for service in (app, init):
        assert f"e5-data:{service['environment']['E5_DATA']}" in service["volumes"]
        database = service["environment"]["E5_DATABASE"]
        assert database.startswith("postgresql+psycopg://e5:${E5_DB_PASSWORD")
        assert database.endswith("@postgres:5432/e5")
    assert services["postgres"]["environment"]["POSTGRES_USER"] == "e5"
    assert services["postgres"]["environment"]["POSTGRES_DB"] == "e5"
    assert services["postgres"]["environment"]["POSTGRES_PASSWORD"].startswith("${E5_DB_PASSWORD:?")
    assert init["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert app["depends_on"]["init"]["condition"] == "service_completed_successfully"
    assert init["command"] == ["sh", "deploy/docker/prepare-data.sh"]


def test_compose_postgres_accepts_every_connection_the_app_processes_may_hold():
    from grading.cli_serve import serve
    from sandbox.db.pg_engines import process_connections

    services = compose()["services"]
    command = services["app"]["command"]
    processes = services["app"]["deploy"]["replicas"] * int(_option(command, "--workers"))
    threads = next(p.default for p in serve.params if p.name == "threads")
    maximum = int(_option(services["postgres"]["command"], "-c").split("=")[1])
    kept = compose()["x-e5"]["environment"]["E5_PG_ENGINES"]  # « ${E5_PG_ENGINES:-320} »
    engines = int(kept.removeprefix("${E5_PG_ENGINES:-").rstrip("}"))
    assert engines >= 300  # the benchmark's 300 candidates at work, every seat kept by every process
    # + 3: the superuser's reserved slots
    assert maximum >= processes * process_connections(threads, engines) + 3


def test_compose_app_port_and_proxy_setting_match_the_nginx_site():
    services = compose()["services"]
    serve = services["app"]["command"]
    upstream = re.search(r"upstream e5_sandbox \{.*?server (\w+):(\d+);", NGINX, re.S)
    assert upstream.groups() == ("app", _option(serve, "--port"))
    assert _option(serve, "--host") == "0.0.0.0" and _option(serve, "--trusted-proxy") == "*"
    assert "ports" not in services["app"]  # reached through nginx only: trusting any peer is safe there
    nginx = services["nginx"]
    mount = next(v for v in nginx["volumes"] if "deploy/nginx/" in v)
    source, target, _mode = mount.split(":")
    assert (ROOT / source).resolve() == ROOT / "deploy" / "nginx" / "e5-sandbox.conf"
    assert target.startswith("/etc/nginx/conf.d/")
    listen = re.search(r"^\s*listen (\d+);", NGINX, re.M).group(1)
    assert any(str(port).endswith(f":{listen}") for port in nginx["ports"])


def _block(pattern: str) -> str:
    start = NGINX.index(pattern)
    return NGINX[start:NGINX.index("}", start)]


def test_nginx_streams_every_live_feed_unbuffered_and_long_enough(app):
    streams = [rule.rule for rule in app.url_map.iter_rules()
               if "text/event-stream" in inspect.getsource(app.view_functions[rule.endpoint])]
    assert len(streams) >= 5
    location = re.search(r"location ~ (\S+) \{", NGINX).group(1)
    assert all(re.search(location, rule) for rule in streams), streams
    block = _block(f"location ~ {location}")
    assert "proxy_buffering off;" in block
    read = int(re.search(r"proxy_read_timeout (\d+)h;", block).group(1)) * 3600
    assert read > KEEPALIVE_SECONDS * 2


def test_nginx_accepts_the_uploads_the_app_accepts_and_passes_the_pc_address(app):
    size = int(re.search(r"client_max_body_size (\d+)m;", NGINX).group(1)) * 1024 * 1024
    assert size >= app.config["MAX_CONTENT_LENGTH"]
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in NGINX  # replaced, never appended


def _pins(lock: Path) -> dict[str, tuple[str, int]]:
    """name → (version, number of hashes) of a lock file."""
    text = lock.read_text(encoding="utf-8")
    pins = {}
    # name==version [; markers] \ then its --hash lines
    pin = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+)(?: ;[^\\\n]*)? \\\n"
                     r"((?:\s+--hash=sha256:\w+(?: \\)?\n)+)", re.M)
    for match in pin.finditer(text):
        pins[match.group(1).lower().replace("_", "-")] = (match.group(2), match.group(3).count("--hash"))
    assert len(pins) == len(re.findall(r"^\S+==", text, re.M)), "a pin without hashes"
    return pins


PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
SERVER_EXTRAS = [e for e in ("postgres",) if e in PROJECT.get("optional-dependencies", {})]


@pytest.mark.parametrize("lock, extras", [("runtime.txt", SERVER_EXTRAS), ("test.txt", ["test"])])
def test_the_lock_files_pin_every_dependency_with_hashes(lock, extras):
    project = PROJECT
    wanted = list(project["dependencies"]) + [d for e in extras for d in project["optional-dependencies"][e]]
    pins = _pins(ROOT / "requirements" / lock)
    for line in wanted:
        requirement = Requirement(line)
        name = requirement.name.lower().replace("_", "-")
        assert name in pins, f"{name} manque dans requirements/{lock} : lancez « bash scripts/lock.sh »"
        assert requirement.specifier.contains(pins[name][0], prereleases=True), (
            f"{name}=={pins[name][0]} ne respecte plus « {line} » : lancez « bash scripts/lock.sh »")
    assert all(count >= 1 for _version, count in pins.values())
    assert "setuptools" in pins  # the build backend, for --no-build-isolation


def test_the_readme_commands_install_from_the_lock_with_hashes():
    env = (ROOT / "scripts" / "_env.sh").read_text(encoding="utf-8")
    assert '-m pip install --require-hashes -r "$lock"' in env
    assert "pip install --no-deps --no-build-isolation -e" in env
    assert "bash scripts/lock.sh" in (ROOT / "README.md").read_text(encoding="utf-8")
