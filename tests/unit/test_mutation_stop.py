"""scripts/mutmut_stoppable.py: mutmut's result file written whole or not at all, and the STOP file obeyed
once a result is saved (a mutation run stopped without losing a file's results)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from mutmut.mutation.data import SourceFileMutationData

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def stoppable(tmp_path_factory):
    """The script as a module; mutmut reads its configuration when imported, as in a run's scratch copy."""
    from mutmut.configuration import reset_config

    folder = tmp_path_factory.mktemp("mutmut")
    (folder / "pyproject.toml").write_text('[tool.mutmut]\nsource_paths = ["x"]\n')
    (folder / "x").mkdir()
    script = ROOT / "scripts" / "mutmut_stoppable.py"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        spec = importlib.util.spec_from_file_location("mutmut_stoppable", script)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module
    reset_config()


def _data(folder: Path) -> SourceFileMutationData:
    data = SourceFileMutationData(path="x.py")
    data.meta_path = folder / "x.py.meta"
    data.exit_code_by_key = {"x.f__mutmut_1": 1, "x.f__mutmut_2": None}
    data.durations_by_key = {"x.f__mutmut_1": 1.5}
    return data


def test_the_meta_file_is_replaced_whole_and_mutmut_reads_it_back(stoppable, tmp_path):
    data = _data(tmp_path)
    data.meta_path.write_text("{ half of an old file")
    stoppable._atomic_save(data)
    assert not list(tmp_path.glob("*.tmp")), "the temporary file is renamed over the .meta"
    again = SourceFileMutationData(path="x.py")
    again.meta_path = data.meta_path
    again.load()  # mutmut's own reader: every key it expects, none it refuses
    assert again.exit_code_by_key == {"x.f__mutmut_1": 1, "x.f__mutmut_2": None}
    assert json.loads(data.meta_path.read_text())["durations_by_key"] == {"x.f__mutmut_1": 1.5}


def test_a_run_killed_while_writing_leaves_the_previous_results(stoppable, tmp_path, monkeypatch):
    data = _data(tmp_path)
    stoppable._atomic_save(data)
    before = data.meta_path.read_text()

    def killed_midway(obj, handle, **kwargs):
        handle.write('{"exit_code_by_key": {')
        raise KeyboardInterrupt  # Ctrl-C or a kill while mutmut writes

    monkeypatch.setattr(stoppable.json, "dump", killed_midway)
    data.exit_code_by_key["x.f__mutmut_2"] = 0
    with pytest.raises(KeyboardInterrupt):
        stoppable._atomic_save(data)
    assert data.meta_path.read_text() == before, "the .meta still holds every earlier result"


def test_mutmut_s_own_save_writes_the_keys_we_write(stoppable):
    stoppable._check_save_matches()  # exits when a mutmut upgrade changes the .meta's keys


def test_the_run_stops_after_a_result_is_recorded_when_a_stop_file_exists(stoppable, tmp_path, monkeypatch):
    stop = tmp_path / "STOP"
    monkeypatch.setenv("E5_MUTATION_STOP", f"{tmp_path / 'other'}:{stop}")
    recorded = []
    register = stoppable._stop_after(lambda name: recorded.append(name))
    register("x.f__mutmut_1")  # no STOP file: the run goes on
    stop.touch()
    with pytest.raises(KeyboardInterrupt):  # mutmut's run loop stops its workers on it
        register("x.f__mutmut_2")
    assert recorded == ["x.f__mutmut_1", "x.f__mutmut_2"], "the result is recorded before stopping"
