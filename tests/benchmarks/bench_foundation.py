"""Benchmark of the foundation: context install, seat create, seat reset (medians, printed).

Run: .venv/bin/python -m tests.benchmarks.bench_foundation [--installs 3] [--seats 20]
Not part of the test suite and asserts nothing: these machines are shared and noisy, so the limit (a
plain copy of the template file, measured in the same run, interleaved) is printed with each ratio.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from sandbox.packs.install import install_context
from sandbox.seats import create_seat, reset_seat

CONTEXT = Path(__file__).resolve().parents[2] / "contexts" / "lin-et-nature"


def _timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    """Measure and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--installs", type=int, default=3)
    parser.add_argument("--seats", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        installs = []
        for i in range(args.installs):
            data = Path(tmp) / f"data-{i}"
            installs.append(_timed(lambda d=data: install_context(d, CONTEXT)))
        data = Path(tmp) / "data-0"
        template_size = sum(p.stat().st_size for p in (data / "templates").glob("*.sqlite"))
        template = next((data / "templates").glob("*.sqlite"))
        copies, creates, resets = [], [], []
        for n in range(args.seats):  # interleaved: a burst of noise on the machine hits all three alike
            copies.append(_timed(lambda n=n: shutil.copyfile(template, Path(tmp) / f"copie-{n}.sqlite")))
            creates.append(_timed(lambda n=n: create_seat(data, f"poste-{n}")))
        for n in range(args.seats):
            copies.append(_timed(lambda n=n: shutil.copyfile(template, Path(tmp) / f"copie-{n}.sqlite")))
            resets.append(_timed(lambda n=n: reset_seat(data, f"poste-{n}")))
    limit = statistics.median(copies) * 1000
    print(f"Modèle de contexte : {template_size / 1024 / 1024:.1f} Mio")
    print(f"Installation du contexte (médiane sur {args.installs}) : {statistics.median(installs):.2f} s")
    print(f"Limite, copie simple du fichier modèle (médiane sur {len(copies)}) : {limit:.1f} ms")
    targets = (("Création d'un poste", creates, 10), ("Remise à zéro d'un poste", resets, 15))
    for label, times, target in targets:
        median = statistics.median(times) * 1000
        print(f"{label} (médiane sur {args.seats}) : {median:.1f} ms, soit {median / limit:.1f} × la copie "
              f"(cible ≤ {target} ms : {median / target:.2f} × la cible)")


if __name__ == "__main__":
    main()
