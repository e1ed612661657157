"""``mutmut`` with a safe stop: its result files written atomically, and a STOP file that ends the run
between two mutants.

mutmut rewrites a source file's ``.meta`` (every result of that file) in place after each mutant: a run
killed during that write loses all the file's results (624 of promotions.py once). Here the write goes to a
temporary file renamed over the old one (a kill leaves the old or the new file, never half of one), and
after each recorded result, if a file named in ``E5_MUTATION_STOP`` (paths separated by « : ») exists,
the run stops as on Ctrl-C
(mutmut's own handling: workers stopped, the score printed); a mutant in flight is tested again next run.
Used by scripts/mutation.py in place of the ``mutmut`` command, same arguments.
"""

from __future__ import annotations

import inspect
import json
import os
import re
import sys
from pathlib import Path

import mutmut.__main__ as mutmut_main
from mutmut.mutation import data

# The .meta file's keys -> SourceFileMutationData's attributes, as mutmut 3.8's own save writes them.
KEYS = {"exit_code_by_key": "exit_code_by_key", "hash_by_function_name": "hash_by_function_name",
        "type_check_error_by_key": "type_check_error_by_key", "durations_by_key": "durations_by_key",
        "estimated_durations_by_key": "estimated_time_of_tests_by_mutant"}


def _atomic_save(self: data.SourceFileMutationData) -> None:
    """mutmut's own ``save``, written to a temporary file then renamed over the ``.meta``."""
    meta = Path(self.meta_path)
    temporary = meta.with_name(meta.name + ".tmp")
    with temporary.open("w") as handle:
        json.dump({key: getattr(self, attribute) for key, attribute in KEYS.items()}, handle, indent=4)
    os.replace(temporary, meta)


def _stop_after(register):
    """Wrap mutmut's result registration: once a result is safely saved, stop if the STOP file exists."""
    stops = [Path(p) for p in os.environ.get("E5_MUTATION_STOP", "").split(os.pathsep) if p]

    def registered(*args, **kwargs):
        register(*args, **kwargs)
        if any(stop.exists() for stop in stops):
            print("\nFichier d'arrêt présent : arrêt entre deux mutants.", flush=True)
            raise KeyboardInterrupt

    return registered


def _check_save_matches() -> None:
    """Refuse to run if mutmut's own ``save`` writes other keys than ours (a mutmut upgrade): results would
    be silently lost."""
    written = set(re.findall(r'"(\w+)":', inspect.getsource(data.SourceFileMutationData.save)))
    if written != set(KEYS):
        sys.exit("mutmut_stoppable : SourceFileMutationData.save a changé (nouvelle version de mutmut ?).")


if __name__ == "__main__":
    _check_save_matches()
    data.SourceFileMutationData.save = _atomic_save
    mutmut_main._register_mutant_result = _stop_after(mutmut_main._register_mutant_result)
    sys.exit(mutmut_main.cli())
