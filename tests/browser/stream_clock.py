"""Playwright's clock on the slot console: the stream's timer pushes must arrive before the time moves."""

from __future__ import annotations

import time

# The stream pushes each started timer with the server's (real) remaining time: the page must have received
# those pushes before its own clock is moved, or a late push would set the countdown back to real time.
COUNT_PUSHES = """
const NativeEventSource = window.EventSource;
window.timerPushes = [];
window.EventSource = function (url, options) {
  const source = new NativeEventSource(url, options);
  source.addEventListener("timer", (m) => window.timerPushes.push(JSON.parse(m.data).state));
  return source;
};
"""


def wait_for_stream_push(page, count: int = 2) -> None:
    """Wait until the page's stream has pushed ``count`` running timers (COUNT_PUSHES installed first)."""
    deadline = time.monotonic() + 15
    while page.evaluate("window.timerPushes.filter((s) => s === 'running').length") < count:
        assert time.monotonic() < deadline, "the stream never pushed the started timers"
        time.sleep(0.1)
