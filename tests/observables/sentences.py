"""The sentence each both-ways case makes the examiner read, recorded once in ``sentences.json``.

A mutated check usually still says ✓ or ✗ rightly but words its sentence wrongly (another name, a
count off, « (vide) » lost, a list joined otherwise): ``says=`` catches what a case names, the recorded
sentence catches the rest. After a deliberate change of wording (or of the seeded data a sentence
quotes), record again and read the diff: ``E5_RECORD_SENTENCES=1 .venv/bin/pytest
tests/observables/test_both_ways.py``.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

FILE = Path(__file__).with_name("sentences.json")
RECORD = os.environ.get("E5_RECORD_SENTENCES") == "1"
# Orders and messages made during a case carry the machine's time of day (sandbox.clock.seat_now) and a
# random order reference (nine capitals, as PrestaShop's).
TIME_OF_DAY = re.compile(r"\b\d{1,2}[:h] ?\d{2}(:\d{2})?\b")
ORDER_REFERENCE = re.compile(r"\b[A-Z]{9}\b")


def normalised(sentence: str) -> str:
    """The sentence with times of day as « HH:MM » and order references as « REFERENCE » (the date stays:
    the seat clock is fixed)."""
    return ORDER_REFERENCE.sub("REFERENCE", TIME_OF_DAY.sub("HH:MM", sentence))


def recorded() -> dict[str, str]:
    """Case id → recorded sentence."""
    return json.loads(FILE.read_text(encoding="utf-8")) if FILE.exists() else {}


def check_recorded(case_id: str, sentence: str, known: dict[str, str]) -> None:
    """Assert the sentence is the one recorded for this case (or record it, with E5_RECORD_SENTENCES=1)."""
    if RECORD:
        known = recorded()  # re-read: each case adds its own line
        known[case_id] = normalised(sentence)
        FILE.write_text(json.dumps(dict(sorted(known.items())), ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")
        return
    assert case_id in known, (f"no recorded sentence for {case_id!r}: record it with E5_RECORD_SENTENCES=1 "
                              f"(it says {sentence!r})")
    assert normalised(sentence) == known[case_id], (
        f"the examiner reads {sentence!r}, recorded {known[case_id]!r}")
