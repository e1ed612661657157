"""The e5 command: complete help everywhere, seat commands printing URL and credentials."""

from __future__ import annotations

import click
from click.testing import CliRunner

from grading.cli import cli


def _commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


def test_every_command_has_a_help_text(tmp_path):
    runner = CliRunner()
    for path in [(), *_commands(cli)]:
        result = runner.invoke(cli, ["--data", str(tmp_path), *path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "Usage:" in result.output
        command = cli
        for part in path:
            command = command.commands[part]
        assert command.help, f"e5 {' '.join(path)} has no help text"


def test_seat_commands_print_url_and_credentials(data):
    runner = CliRunner()
    created = runner.invoke(cli, ["--data", str(data), "seat", "create", "poste-1"])
    assert created.exit_code == 0, created.output
    assert "/s/poste-1/" in created.output and "candidat" in created.output
    listed = runner.invoke(cli, ["--data", str(data), "seat", "list"])
    assert "poste-1" in listed.output
    again = runner.invoke(cli, ["--data", str(data), "seat", "create", "poste-1"])
    assert again.exit_code == 1 and "existe déjà" in again.output
    removed = runner.invoke(cli, ["--data", str(data), "seat", "remove", "poste-1", "--yes"])
    assert removed.exit_code == 0 and "supprimé" in removed.output


def test_data_folder_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("E5_DATA", str(tmp_path / "centre"))
    result = CliRunner().invoke(cli, ["seat", "list"])
    assert result.exit_code == 0
    assert (tmp_path / "centre").is_dir()
