"""Benchmark of the statistics pages over 18 months: default context and a context ten times larger.

Run: .venv/bin/python -m tests.benchmarks.bench_statistics [--rounds 20] [--scale 10]
Installs both contexts into temporary folders, logs an employee in through the Flask test client and
requests each page (several periods); prints p50 and p95 per page and size. Target: p95 < 300 ms on the
default context. Not part of the test suite: these machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from grading.app import create_app
from sandbox.packs.install import install_context
from sandbox.seats import create_seat
from tests.integration.shop_admin_helpers import ADMIN, login

CONTEXT = Path(__file__).resolve().parents[2] / "contexts" / "lin-et-nature"
PAGES = [
    ("Statistiques 7 jours", "/statistiques?periode=7j"),
    ("Statistiques 30 jours", "/statistiques?periode=30j"),
    ("Statistiques mois précédent", "/statistiques?periode=mois-precedent"),
    ("Statistiques 12 mois", "/statistiques?periode=12m"),
    ("Statistiques 18 mois (dates)", "/statistiques?du=20/11/2025&au=20/05/2027"),
    ("Export CSV produits 12 mois", "/statistiques/produits.csv?periode=12m"),
    ("Segments RFM", "/clients/segments"),
]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(folder: Path, scale: int, rounds: int) -> dict[str, list[float]]:
    """Install the context at a scale, then time every page `rounds` times (after one warm-up)."""
    started = time.perf_counter()
    install_context(folder, CONTEXT, scale=scale)
    print(f"Contexte ×{scale} installé en {time.perf_counter() - started:.1f} s")
    seat = create_seat(folder, "bench")
    client = create_app(folder, TESTING=True).test_client()
    login(client, seat)
    base = ADMIN.format(seat=seat.name)
    timings: dict[str, list[float]] = {}
    for label, url in PAGES:
        assert client.get(base + url).status_code == 200, url
        for _ in range(rounds):
            t0 = time.perf_counter()
            client.get(base + url)
            timings.setdefault(label, []).append((time.perf_counter() - t0) * 1000)
    return timings


def main() -> None:
    """Measure and print p50/p95 per page for both sizes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--scale", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = {scale: measure(Path(tmp) / f"x{scale}", scale, args.rounds) for scale in (1, args.scale)}
    print(f"\n{'page':<32} {'taille':>6} {'p50 (ms)':>9} {'p95 (ms)':>9}")
    for label, _ in PAGES:
        for scale, timings in results.items():
            values = timings[label]
            print(f"{label:<32} {'×' + str(scale):>6} {statistics.median(values):9.1f} "
                  f"{_percentile(values, 0.95):9.1f}")
    worst = max(_percentile(v, 0.95) for v in results[1].values())
    print(f"\np95 le plus lent, contexte par défaut : {worst:.1f} ms (objectif < 300 ms)")


if __name__ == "__main__":
    main()
