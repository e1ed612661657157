"""Debian's nginx on loopback in front of test servers, with the repository's own site configuration
(deploy/nginx/e5-sandbox.conf): only its upstream servers and its listen address are replaced."""

from __future__ import annotations

import shutil
import signal
import subprocess
import time
from pathlib import Path

from tests.grading.http_client import Client

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "deploy" / "nginx" / "e5-sandbox.conf"
SHIPPED_UPSTREAM = "    server app:8000;\n"
SHIPPED_LISTEN = "    listen 80;\n"

MAIN = """daemon off;
worker_processes 1;
worker_rlimit_nofile 8192;
pid {run}/nginx.pid;
error_log {run}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    log_format upstream '$request_uri $upstream_addr';
    access_log {run}/access.log upstream;
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    include {run}/e5-sandbox.conf;
}}
"""


def nginx_binary() -> str:
    """Debian's nginx (scripts/test.sh installs the package when it is missing)."""
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if found is None:
        raise RuntimeError("nginx est introuvable : apt-get install nginx (scripts/test.sh le fait).")
    return found


def site_for(port: int, backends: list[int]) -> str:
    """The shipped site configuration, listening on loopback:port, in front of the given local servers."""
    text = SITE.read_text(encoding="utf-8")
    assert text.count(SHIPPED_UPSTREAM) == 1 and text.count(SHIPPED_LISTEN) == 1, "site conf layout changed"
    servers = "".join(f"    server 127.0.0.1:{backend};\n" for backend in backends)
    return text.replace(SHIPPED_UPSTREAM, servers).replace(SHIPPED_LISTEN, f"    listen 127.0.0.1:{port};\n")


def start_nginx(run: Path, port: int, backends: list[int], ready: int = 200) -> subprocess.Popen:
    """nginx in the foreground, its files under run/, returned once /sante answers ``ready`` (503: no
    server behind)."""
    run.mkdir(parents=True, exist_ok=True)
    run.chmod(0o755)  # workers run as « nobody » when the tests run as root: temp folders they can write
    (run / "e5-sandbox.conf").write_text(site_for(port, backends), encoding="utf-8")
    (run / "nginx.conf").write_text(MAIN.format(run=run), encoding="utf-8")
    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (run / folder).mkdir(exist_ok=True)
        (run / folder).chmod(0o777)
    command = [nginx_binary(), "-p", str(run), "-c", str(run / "nginx.conf"), "-e", str(run / "error.log")]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stderr
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise RuntimeError(f"nginx stopped at once: {(run / 'error.log').read_text()[-2000:]}")
        try:
            if Client(port).get("/sante").status == ready:
                return child
        except OSError:
            time.sleep(0.1)
    stop_nginx(child)
    raise RuntimeError("nginx did not answer within 15 s")


def stop_nginx(child: subprocess.Popen) -> None:
    """Quick shutdown of the nginx started here (its own PID; workers follow their master)."""
    if child.poll() is None:
        child.send_signal(signal.SIGTERM)
        try:
            child.wait(10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait(5)
