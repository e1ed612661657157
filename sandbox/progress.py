"""A tiny progress reporter for long commands (context install, seats, subjects), on stderr.

Callers report ``(step, done, total)``; the reporter closes a step when the next one starts. A step
shows a count (``done/total`` items) only once it has reported more than once: a caller that reports
each step a single time (as the context seeding does, with its step number) gets names and times only.
On a terminal the current step is redrawn in place; elsewhere (CI logs, redirected output) it stays
quiet and writes one line per finished step, so logs stay short and readable.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from sandbox.formatting import format_number


def format_seconds(seconds: float) -> str:
    """Elapsed time in French: 0,42 s, 12,3 s, 2 min 05 s."""
    if seconds < 10:
        return f"{format_number(round(seconds, 2), 2)}\xa0s"
    if seconds < 60:
        return f"{format_number(round(seconds, 1), 1)}\xa0s"
    minutes, rest = divmod(int(round(seconds)), 60)
    return f"{minutes}\xa0min {rest:02d}\xa0s"


class Progress:
    """Report the steps of a long command; call it as ``progress(step, done, total)``."""

    def __init__(self, stream: TextIO | None = None, tty: bool | None = None, clock=time.perf_counter):
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self._clock = clock
        self.started = clock()
        self._step: str | None = None
        self._step_started = self.started
        self._done = 0
        self._total = 0
        self._reports = 0
        self._width = 0

    def __call__(self, step: str, done: int = 0, total: int = 0) -> None:
        """Record that ``step`` has reached ``done`` out of ``total`` (total 0: no count)."""
        if step != self._step:
            self._close_step()
            self._step, self._step_started, self._reports = step, self._clock(), 0
        self._done, self._total = done, total
        self._reports += 1
        if self.tty:
            self._draw(self._line(running=True))

    def finish(self, ok: bool = True) -> float:
        """Close the last step (marked failed unless ``ok``); returns the seconds since the start."""
        self._close_step(ok)
        return self._clock() - self.started

    @property
    def elapsed(self) -> float:
        """Seconds since the reporter was created."""
        return self._clock() - self.started

    def _line(self, running: bool, ok: bool = True) -> str:
        count = ""
        if self._total and self._reports > 1:
            count = f" {format_number(self._done)}/{format_number(self._total)}"
        elapsed = format_seconds(self._clock() - self._step_started)
        mark = "…" if running else "✓" if ok else "✗"
        return f"{mark} {self._step}{count} ({elapsed})"

    def _close_step(self, ok: bool = True) -> None:
        if self._step is None:
            return
        if self._total and ok:
            # A finished step shows its full count, even if the last report came before the end.
            self._done = self._total
        line = self._line(running=False, ok=ok)
        if self.tty:
            self._draw(line)
            self.stream.write("\n")
            self._width = 0
        else:
            self.stream.write(line + "\n")
        self.stream.flush()
        self._step = None

    def _draw(self, line: str) -> None:
        padding = " " * max(0, self._width - len(line))
        self.stream.write("\r" + line + padding)
        self.stream.flush()
        self._width = len(line)


def silent(step: str, done: int = 0, total: int = 0) -> None:
    """A progress callback that reports nothing (the default of library functions)."""
