"""Load benchmark of the busiest pages with wrk against a real `e5 serve --workers 2` on loopback: the public
post page, the logged-in post editor, a product page and a category page; req/s, p50/p95, errors, and
the CPU used by the server apart from the load generator's (printed, not asserted).

Run: .venv/bin/python -m tests.benchmarks.bench_pages [--seconds 30] [--connections 30] [--workers 2]
     [--pages post,editor,product,category] [--cache both|on|off] [--against-wordpress]
wrk is Debian's package (installed here when missing: apt-get install wrk, as root). Public pages are
measured with the whole-page cache on (anonymous visitors, sandbox/web/page_cache.py) and off
(E5_PAGE_CACHE=0: every request renders); the editor is a logged-in page, never cached.
Targets (issue 16): public post ≥ 300 req/s with p95 < 150 ms, editor ≥ 200 req/s with p95 < 200 ms.
--against-wordpress then runs the same load on a stock WordPress (tests/benchmarks/wordpress.py: Debian's
packages, private MariaDB and apache2 on loopback, comparable content) and prints the ratios.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.db.storage import storage_for
from sandbox.models import Combination, Post, Product
from sandbox.packs.install import install_context
from sandbox.seats import create_seat
from tests.benchmarks.bench_console import cpu_seconds
from tests.grading.http_client import Client, free_port, start_server

CONTEXT = Path(__file__).resolve().parents[2] / "contexts" / "lin-et-nature"
TARGETS = {"post": (300, 150), "editor": (200, 200)}  # req/s at least, p95 in ms at most
LABELS = {"post": "article public", "editor": "éditeur (connecté)", "product": "page produit",
          "category": "page catégorie"}
# wrk's own summary lacks p95: this Lua hook prints one line the script parses.
REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("E5 %d %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), e.connect + e.read + e.write, e.timeout, e.status))
end
"""


def ensure_wrk() -> str:
    """Path of wrk, installed from Debian's packages when missing (needs root)."""
    found = shutil.which("wrk")
    if found:
        return found
    print("Installation de wrk (paquet Debian)…")
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, stdout=subprocess.DEVNULL)
    return shutil.which("wrk") or "/usr/bin/wrk"


def targets(data: Path, seat) -> dict[str, str]:
    """Addresses of the four pages on the bench seat."""
    with Session(storage_for(data).engine("seats", seat.name)) as db:
        post = db.scalars(select(Post).where(Post.kind == "post", Post.status == "publish")
                          .order_by(Post.published_at.desc(), Post.id)).first()
        product = db.scalars(select(Product).join(Combination).where(Product.active.is_(True))
                             .group_by(Product.id).having(func.count(Combination.id) > 1)
                             .order_by(Product.id)).first()
        category = product.default_category
        base = f"/s/{seat.name}"
        return {"post": f"{base}/site/blog/{post.slug}", "editor": f"{base}/site/admin/articles/{post.id}",
                "product": f"{base}/boutique/produit/{product.id}-{product.slug}",
                "category": f"{base}/boutique/categorie/{category.id}-{category.slug}"}


def run_wrk(wrk: str, url: str, seconds: float, connections: int, cookie: str, script: Path) -> dict:
    """One wrk run; its figures and the CPU it used itself."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    command = [wrk, "-t2", f"-c{connections}", f"-d{seconds:.0f}s", "--timeout", "5s", "-s", str(script)]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    line = next(x for x in out.splitlines() if x.startswith("E5 "))
    requests, duration_us, p50, p95, errors, timeouts, status = (int(v) for v in line.split()[1:])
    return {"rps": requests / (duration_us / 1e6), "p50": p50 / 1000, "p95": p95 / 1000,
            "errors": errors + timeouts + status, "timeouts": timeouts, "requests": requests,
            "wrk_cpu": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)}


def describe(label: str, figures: dict, server_cpu: float, seconds: float) -> str:
    """One printed line: throughput, latency, errors, the server's CPU apart from wrk's."""
    per_request = server_cpu / max(figures["requests"], 1) * 1000
    return (f"{label:28} {figures['rps']:7.1f} req/s  p50 {figures['p50']:6.1f} ms  "
            f"p95 {figures['p95']:6.1f} ms  erreurs {figures['errors']} (délai de 5 s dépassé : "
            f"{figures['timeouts']})  "
            f"CPU serveur {server_cpu / seconds * 100:4.0f} % "
            f"(wrk {figures['wrk_cpu'] / seconds * 100:3.0f} %), "
            f"{per_request:.1f} ms CPU/req")


def measure(args, wrk: str, data: Path, seat, pages: dict, cache: bool, script: Path) -> dict:
    """Start a server (cache on or off), log the editor in, load each page in turn, print; the figures."""
    os.environ["E5_PAGE_CACHE"] = "1" if cache else "0"
    port = free_port()
    server = start_server(data, port, threads=args.threads, log=data / "serve.log", workers=args.workers)
    results = {}
    try:
        editor = Client(port)
        login = f"/s/{seat.name}/site/admin/login"
        answer = editor.post_form(login, {"csrf_token": editor.token(login), "login": seat.site_login,
                                          "password": seat.password})
        assert answer.status == 302, answer.text[:300]
        for name in args.pages:
            if name == "editor" and not cache and args.cache == "both":
                continue  # never cached: measured once
            mode = "" if name == "editor" else (" [cache]" if cache else " [rendue]")
            results[name] = load(args, wrk, script, LABELS[name] + mode, port, pages[name], [server.pid],
                                 editor.cookie_header() if name == "editor" else "", TARGETS.get(name))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(15)
    return results


def load(args, wrk: str, script: Path, label: str, port: int, path: str, pids: list[int],
         cookie: str, goal: tuple[int, int] | None = None) -> dict:
    """Warm a page up, run wrk on it, print its line (with the ratio to the targets); the figures."""
    warm = Client(port)
    if cookie:
        warm.cookies.update(dict(c.split("=", 1) for c in cookie.split("; ")))
    assert warm.get(path).status == 200, path  # templates compiled, caches filled
    cpu_before = sum(cpu_seconds(pid) for pid in pids)
    figures = run_wrk(wrk, f"http://127.0.0.1:{port}{path}", args.seconds, args.connections, cookie, script)
    server_cpu = sum(cpu_seconds(pid) for pid in pids) - cpu_before
    line = describe(label, figures, server_cpu, args.seconds)
    if goal:
        rps, p95 = goal
        line += f"  → débit {figures['rps'] / rps:.2f}× l'objectif, p95 {figures['p95'] / p95:.2f}× la limite"
    print(line, flush=True)
    return figures


def against_wordpress(args, wrk: str, script: Path, ours: dict[str, dict]) -> None:
    """The same load on a stock WordPress (Debian's packages, tests/benchmarks/wordpress.py); ratios."""
    from tests.benchmarks.wordpress import stock_wordpress

    with stock_wordpress() as wp:
        theirs = {"post": load(args, wrk, script, "WordPress : article public", wp.port, wp.post_path,
                               list(wp.pids), ""),
                  "editor": load(args, wrk, script, "WordPress : éditeur (connecté)", wp.port,
                                 wp.editor_path, list(wp.pids), wp.cookie)}
    for name, label in (("post", "article public"), ("editor", "éditeur (connecté)")):
        for mode, figures in ours.get(name, {}).items():
            other = theirs[name]
            p95 = (f"p95 {figures['p95'] / other['p95']:.2f}× celle de WordPress" if other["p95"] > 0
                   else "WordPress n'a répondu à aucune requête dans le délai")
            ratio = figures["rps"] / max(other["rps"], 0.01)
            print(f"Rapport E5 / WordPress, {label}{mode} : débit {ratio:.1f}×, {p95}")


def main() -> None:
    """Set a seat up, run the loads, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--connections", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=16, help="fils par processus serveur")
    parser.add_argument("--pages", default="post,editor,product,category")
    parser.add_argument("--cache", choices=("both", "on", "off"), default="both")
    parser.add_argument("--against-wordpress", action="store_true",
                        help="même charge sur un WordPress d'origine (paquets Debian), rapports imprimés")
    args = parser.parse_args()
    args.pages = [p for p in args.pages.split(",") if p]
    wrk = ensure_wrk()
    folder = Path(tempfile.mkdtemp(prefix="e5-bench-pages-"))
    try:
        data = folder / "data"
        install_context(data, CONTEXT)
        seat = create_seat(data, "bench")
        pages = targets(data, seat)
        script = folder / "report.lua"
        script.write_text(REPORT, encoding="utf-8")
        print(f"wrk, {args.connections} connexions, {args.seconds:.0f} s par page, e5 serve --workers "
              f"{args.workers} ; machine : {os.cpu_count()} cœurs, charge moyenne {os.getloadavg()[0]:.1f}")
        started = time.monotonic()
        ours: dict[str, dict] = {}
        for cache in {"both": (True, False), "on": (True,), "off": (False,)}[args.cache]:
            for name, figures in measure(args, wrk, data, seat, pages, cache, script).items():
                mode = "" if name == "editor" else (" [cache]" if cache else " [rendue]")
                ours.setdefault(name, {})[mode] = figures
        if args.against_wordpress:
            against_wordpress(args, wrk, script, ours)
        print(f"Durée totale : {time.monotonic() - started:.0f} s ; charge moyenne {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
