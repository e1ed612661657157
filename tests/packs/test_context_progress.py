"""The progress reporter of long commands (e5 context install, later seats and subjects)."""

from __future__ import annotations

import io

from sandbox.progress import Progress, format_seconds


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_one_line_per_step_when_not_a_terminal():
    stream, clock = io.StringIO(), FakeClock()
    progress = Progress(stream, tty=False, clock=clock)
    progress("Vérification du pack")
    clock.now = 0.5
    progress("Clients", 0, 1200)
    progress("Clients", 600, 1200)
    clock.now = 2.0
    progress("Commandes", 1500, 1500)
    clock.now = 75.0
    assert progress.finish() == 75.0
    assert stream.getvalue().splitlines() == [
        "✓ Vérification du pack (0,50\xa0s)",
        "✓ Clients 1\u202f200/1\u202f200 (1,50\xa0s)",
        "✓ Commandes (1\xa0min 13\xa0s)",  # a single report: a step number, not a count of items
    ]


def test_a_terminal_redraws_the_current_step():
    stream, clock = io.StringIO(), FakeClock()
    progress = Progress(stream, tty=True, clock=clock)
    progress("Clients", 0, 10)
    progress("Clients", 5, 10)
    progress.finish()
    text = stream.getvalue()
    assert text.count("\r") == 3 and text.endswith("✓ Clients 10/10 (0,00\xa0s)\n")
    assert "… Clients (" in text and "… Clients 5/10" in text


def test_format_seconds():
    assert format_seconds(0.123) == "0,12\xa0s"
    assert format_seconds(12.34) == "12,3\xa0s"
    assert format_seconds(125) == "2\xa0min 05\xa0s"


def test_a_failed_step_is_marked():
    stream = io.StringIO()
    progress = Progress(stream, tty=False, clock=FakeClock())
    progress("Vérification du pack")
    progress.finish(ok=False)
    assert stream.getvalue() == "✗ Vérification du pack (0,00\xa0s)\n"
