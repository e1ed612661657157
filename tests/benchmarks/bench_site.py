"""Benchmark of the site vitrine: a public post page and the back-office editor page (p50/p95, printed).

Run: .venv/bin/python -m tests.benchmarks.bench_site [--runs 200]
Not part of the test suite and asserts nothing: these machines are shared and noisy. Target: p95 under
150 ms on the default context.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.db.storage import storage_for
from sandbox.models import Post
from sandbox.packs.install import install_context
from sandbox.seats import create_seat
from sandbox.web.app import create_app

CONTEXT = Path(__file__).resolve().parents[2] / "contexts" / "lin-et-nature"
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.95) - 1] * 1000


def _measure(client, url: str, runs: int) -> list[float]:
    client.get(url)  # warm-up (templates compiled, caches filled)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    return samples


def main() -> None:
    """Measure and print p50/p95 of both pages."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        install_context(data, CONTEXT)
        seat = create_seat(data, "bench")
        with Session(storage_for(data).engine("seats", seat.name)) as db:
            post = db.scalars(
                select(Post).where(Post.kind == "post", Post.status == "publish").order_by(Post.id)
            ).first()
            post_id, slug = post.id, post.slug
        app = create_app(data)
        client = app.test_client()
        base = f"/s/{seat.name}/site/admin"
        token = TOKEN.search(client.get(f"{base}/login").get_data(as_text=True)).group(1)
        client.post(
            f"{base}/login", data={"csrf_token": token, "login": seat.site_login, "password": seat.password}
        )
        for name, url in (
            ("public post page", f"/s/{seat.name}/site/blog/{slug}"),
            ("editor page", f"{base}/articles/{post_id}"),
        ):
            p50, p95 = _percentiles(_measure(client, url, args.runs))
            print(f"{name:18} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   ({args.runs} runs)")


if __name__ == "__main__":
    main()
