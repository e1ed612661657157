"""Profile of the busiest pages: SQL queries, time per request (median of N), and optionally a pyinstrument
profile of one page or the slowest SQL statements with their EXPLAIN QUERY PLAN.

Run: .venv/bin/python -m tests.benchmarks.profile_pages [--runs 30] [--profile "page produit"] [--sql]
Not part of the test suite; prints figures. pyinstrument comes from PyPI (``pip install pyinstrument``).
The pages are the ones of the query-budget test (``tests/integration/busy_pages.py``).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, event

from grading.app import create_app
from sandbox.packs.install import install_context
from tests.integration.busy_pages import busy_pages

CONTEXT = Path(__file__).resolve().parents[2] / "contexts" / "lin-et-nature"


class SqlLog:
    """Every statement run by any engine of the process, with its time, while switched on."""

    def __init__(self):
        self.on = False
        self.statements: list[tuple[str, float, Engine]] = []
        event.listen(Engine, "before_cursor_execute", self._before)
        event.listen(Engine, "after_cursor_execute", self._after)

    def _before(self, conn, _cursor, _statement, _parameters, context, _many):
        conn.info["started"] = time.perf_counter()

    def _after(self, conn, _cursor, statement, _parameters, _context, _many):
        if self.on:
            self.statements.append((statement, time.perf_counter() - conn.info["started"], conn.engine))


def main() -> None:
    """Set the day up, then measure every page."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--students", type=int, default=35)
    parser.add_argument("--profile", help="nom de la page à profiler avec pyinstrument")
    parser.add_argument("--page-cache", action="store_true",
                        help="garder le cache des pages publiques (sinon chaque page est rendue)")
    parser.add_argument("--sql", action="store_true", help="requêtes de chaque page, plans des plus lentes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        install_context(data, CONTEXT)
        app = create_app(data, E5_PAGE_CACHE="1" if args.page_cache else "0")
        pages = busy_pages(app, data, datetime.now(), students=args.students)
        log = SqlLog()
        for page in pages:
            assert page.client.get(page.url).status_code == 200, page.url  # warm-up: templates, caches
            log.statements.clear()
            log.on = True
            response = page.client.get(page.url)
            log.on = False
            queries = list(log.statements)
            samples = []
            for _ in range(args.runs):
                started = time.process_time()  # CPU, not wall time: the machine is shared
                page.client.get(page.url)
                samples.append(time.process_time() - started)
            cpu = statistics.median(samples) * 1000
            print(f"{page.name:22} {len(queries):4d} requêtes  {cpu:7.1f} ms CPU "
                  f"(médiane de {args.runs})  {len(response.data) / 1024:6.1f} Kio")
            if args.sql:
                _explain(queries)
            if args.profile == page.name:
                _profile(page)


def _explain(queries: list) -> None:
    """Print the statements of a page grouped by text, and the plan of the three slowest."""
    counts = Counter(statement for statement, _, _ in queries)
    for statement, count in counts.most_common():
        print(f"    {count:3d} × {' '.join(statement.split())[-220:]}")
    for statement, seconds, engine in sorted(queries, key=lambda q: -q[1])[:3]:
        print(f"    -- {seconds * 1000:.2f} ms : {' '.join(statement.split())[:200]}")
        if statement.lstrip().upper().startswith("SELECT") and "?" not in statement:
            with engine.connect() as conn:
                for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}"):
                    print(f"       {row[-1]}")


def _profile(page) -> None:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005, async_mode="disabled")
    with profiler:
        for _ in range(20):
            page.client.get(page.url)
    print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
