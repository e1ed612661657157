"""write_private: an atomic, owner-only write that several threads of one process may do at once."""

from __future__ import annotations

import stat
import threading

from sandbox.paths import write_private


def test_threads_writing_one_file_at_once_all_succeed(tmp_path):
    # A new data folder's first requests on PostgreSQL: each thread records database.json; with one partial
    # file per process, a rename moved another thread's away (FileNotFoundError, test_server_behind_proxy).
    target, start, errors = tmp_path / "database.json", threading.Barrier(8), []

    def write(number: int) -> None:
        start.wait()
        try:
            for _ in range(20):
                write_private(target, f"{number}\n")
        except OSError as exc:
            errors.append(repr(exc))

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert target.read_text() in {f"{n}\n" for n in range(8)}
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["database.json"]  # no partial file left
