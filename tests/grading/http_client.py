"""A small stdlib HTTP client for tests and benchmarks that drive a real `e5 serve` process: cookies, CSRF
tokens read from pages, console and seat logins, JSON posts. No third-party dependency (loopback only)."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
TOKEN = re.compile(r'name="csrf[-_]token"(?: type="hidden")? (?:value|content)="([^"]+)"')


def free_port() -> int:
    """A TCP port free on loopback right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(
    data: Path, port: int, threads: int = 64, log: Path | None = None, workers: int = 1,
    base_url: str | None = None, trusted_proxy: str | None = None, timeout: float = 30,
) -> subprocess.Popen:
    """`e5 --data DATA [--base-url URL] serve --port PORT` as a child process, returned once it answers."""
    script = shutil.which("e5", path=str(Path(sys.executable).parent))
    command = [script] if script else [sys.executable, "-c", "from grading.cli import main; main()"]
    out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115  (kept open for the child)
    child = subprocess.Popen(
        [*command, "--data", str(data), *(["--base-url", base_url] if base_url else []), "serve",
         "--port", str(port), "--threads", str(threads), "--workers", str(workers),
         *(["--trusted-proxy", trusted_proxy] if trusted_proxy else [])],
        # Unbuffered: a server stopped before it answers leaves its last words in the log.
        cwd=ROOT, stdout=out, stderr=out,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"},
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise RuntimeError(f"e5 serve stopped at once (code {child.returncode}){_tail(log)}")
        try:
            if Client(port).get("/console/connexion").status == 200:
                return child
        except OSError:
            time.sleep(0.1)
    child.terminate()  # not kill: it may still say where it was
    child.wait(10)
    raise RuntimeError(f"e5 serve did not answer within {timeout:g} s{_tail(log)}")


def _tail(log: Path | None) -> str:
    """The end of a server's log, to put in an error message."""
    if log is None or not log.exists():
        return ""
    return ":\n" + "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:])


class Response:
    """Status, headers and body of one answer."""

    def __init__(self, status: int, headers: dict[str, str], body: bytes):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self) -> str:
        """The body as text."""
        return self.body.decode("utf-8", "replace")

    def json(self):
        """The body as JSON."""
        return json.loads(self.body)


class Client:
    """One person's browser, reduced to a cookie jar and a keep-alive connection."""

    def __init__(self, port: int, timeout: float = 10):
        self.port, self.timeout, self.cookies = port, timeout, {}
        self.conn: http.client.HTTPConnection | None = None

    def cookie_header(self) -> str:
        """The Cookie header this client sends (to open a stream on another connection)."""
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def _headers(self, extra: dict | None = None) -> dict:
        headers = dict(extra or {})
        if self.cookies:
            headers["Cookie"] = self.cookie_header()
        return headers

    def _keep_cookies(self, response: http.client.HTTPResponse) -> None:
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None
    ) -> Response:
        """One request on the kept connection (reconnects once if the server closed it)."""
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, body=body, headers=self._headers(headers))
                response = self.conn.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()
                if attempt == 2:
                    raise
                continue
            self._keep_cookies(response)
            return Response(response.status, dict(response.headers), data)
        raise AssertionError("unreachable")

    def get(self, path: str) -> Response:
        """GET a page."""
        return self.request("GET", path)

    def post_form(self, path: str, fields: dict) -> Response:
        """POST a form (the CSRF token must be in fields)."""
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.request("POST", path, urlencode(fields).encode(), headers)

    def post_json(self, path: str, payload: dict, token: str) -> Response:
        """POST JSON as the console's script does, the CSRF token in the X-CSRFToken header."""
        headers = {"Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": token}
        return self.request("POST", path, json.dumps(payload).encode(), headers)

    def token(self, path: str) -> str:
        """The CSRF token of a page."""
        page = self.get(path)
        found = TOKEN.search(page.text)
        if found is None:
            raise AssertionError(f"no CSRF token on {path} (HTTP {page.status}): {page.text[:300]}")
        return found.group(1)

    def console_login(self, username: str, password: str) -> None:
        """Log into the console through its form."""
        token = self.token("/console/connexion")
        answer = self.post_form(
            "/console/connexion", {"csrf_token": token, "username": username, "password": password}
        )
        assert answer.status == 302, answer.text[:500]

    def seat_login(self, seat) -> None:
        """Log into a seat's shop back office with the seat's credentials."""
        path = f"/s/{seat.name}/boutique/admin/login"
        token = self.token(path)
        answer = self.post_form(path, {"csrf_token": token, "email": seat.login, "password": seat.password})
        assert answer.status == 302, answer.text[:500]

    def close(self) -> None:
        """Close the connection."""
        if self.conn is not None:
            self.conn.close()
            self.conn = None
