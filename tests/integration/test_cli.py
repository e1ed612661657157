"""The e5 command: complete help everywhere, seat commands printing URL and credentials."""

from __future__ import annotations

import click
from click.testing import CliRunner

from grading.cli import cli
from sandbox.base_url import configured_base_url


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


def test_the_centre_address_is_stored_once_and_printed_by_every_seat_command(data):
    runner = CliRunner()
    unset = runner.invoke(cli, ["--data", str(data), "seat", "create", "poste-1"])
    assert "http://127.0.0.1:8000/s/poste-1/" in unset.stdout
    assert "ne s'ouvre que sur ce serveur" in unset.stderr  # a loopback address: said once, on stderr
    bad = runner.invoke(cli, ["--data", str(data), "--base-url", "ftp://salle b", "seat", "list"])
    assert bad.exit_code == 2 and "Adresse invalide" in bad.output
    assert configured_base_url(data) is None
    stored = runner.invoke(cli, ["--data", str(data), "--base-url", "192.168.1.10:8000/", "seat", "reset",
                                 "poste-1"])
    assert stored.exit_code == 0, stored.output
    assert "http://192.168.1.10:8000/s/poste-1/" in stored.stdout and "Attention" not in stored.stderr
    assert configured_base_url(data) == "http://192.168.1.10:8000"
    listed = runner.invoke(cli, ["--data", str(data), "seat", "list"])  # no flag: the stored address
    assert "http://192.168.1.10:8000/s/poste-1/" in listed.stdout


def test_serve_prints_the_centre_address_else_the_listening_one(tmp_path):
    from grading.cli_serve import centre_url, listen_url
    from sandbox.base_url import save_base_url

    assert listen_url("0.0.0.0", 8000) == "http://127.0.0.1:8000" and listen_url("::1", 80) == "http://[::1]:80"
    assert centre_url(tmp_path, "0.0.0.0", 8000) == "http://127.0.0.1:8000"
    save_base_url(tmp_path, "http://192.168.1.10:8000")
    assert centre_url(tmp_path, "0.0.0.0", 8000) == "http://192.168.1.10:8000"


def test_serve_also_takes_the_centre_address_after_the_command(tmp_path, monkeypatch):
    """« e5 serve --base-url … --port … » (as a centre types it) stores the address, like e5 --base-url."""
    import grading.cli_serve

    started = []
    monkeypatch.setattr(grading.cli_serve, "_serve_one", lambda *args, **kwargs: started.append(args))
    runner = CliRunner()
    bad = runner.invoke(cli, ["--data", str(tmp_path), "serve", "--base-url", "ftp://salle b"])
    assert bad.exit_code == 2 and "Adresse invalide" in bad.output and not started
    result = runner.invoke(cli, ["--data", str(tmp_path), "serve", "--base-url",
                                 "http://salle-e5.lycee.test:8110", "--port", "8110"])
    assert result.exit_code == 0, result.output
    assert configured_base_url(tmp_path) == "http://salle-e5.lycee.test:8110"
    assert "Console : http://salle-e5.lycee.test:8110/console/" in result.stdout
    assert started and started[0][2] == 8110
