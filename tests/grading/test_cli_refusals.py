"""`e5` run by an account that may not read the data folder's files: a French sentence, no traceback.

Found on an académie server: the README's one-time commands run as root left ``database.json`` private to
root, and the service (account e5) stopped on a PermissionError traceback.
"""

from __future__ import annotations

import errno
import getpass
import json
import os
import sys
from pathlib import Path

import pytest

from grading.cli import main


def test_a_file_of_another_account_is_refused_in_french(tmp_path, monkeypatch, capsys):
    data = tmp_path / "data"
    data.mkdir()
    record = data / "database.json"
    record.write_text(json.dumps({"url": "postgresql://e5@127.0.0.1/e5", "prefix": "e5_x"}), encoding="utf-8")
    if os.geteuid() != 0:
        record.chmod(0)
    else:  # root reads every file: the refusal the e5 account met is played by the file system call
        real_read = Path.read_text

        def refused(path, *args, **kwargs):
            if path == record:
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_read(path, *args, **kwargs)

        monkeypatch.setattr(Path, "read_text", refused)
    monkeypatch.setenv("E5_DATA", str(data))
    monkeypatch.setattr(sys, "argv", ["e5", "seat", "list"])
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 1
    said = capsys.readouterr().err
    me = getpass.getuser()
    assert f"Erreur : le compte « {me} » n'a pas accès à « {record} », qui appartient au compte" in said
    assert f"(chown -R {me}: {data})" in said and f"(runuser -u {me} -- e5 …)" in said
    assert "Traceback" not in said
