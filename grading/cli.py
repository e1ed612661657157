"""The `e5` command: every subcommand works on one data folder (--data, $E5_DATA, ./e5-data)."""

from __future__ import annotations

import sys

import click
from sqlalchemy.exc import OperationalError

from grading.cli_admin import admin_group
from grading.cli_serve import demo, remember_base_url, serve
from grading.cli_upgrade import upgrade_command
from grading.upgrade import DataFolderError, check_data_folder
from sandbox import base_url as centre_address
from sandbox.cli_seat import seat_group
from sandbox.db.storage import StorageError, use_database
from sandbox.paths import data_dir


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--data",
    "data",
    envvar="E5_DATA",
    default="e5-data",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Dossier des données (modèles, postes, archives, notes).",
)
@click.option(
    "--base-url",
    default=None,
    help="Adresse du serveur telle que les postes la voient (ex. : http://192.168.1.10:8000), "
    "enregistrée dans le dossier des données et imprimée sur les fiches.",
)
@click.option(
    "--database",
    envvar="E5_DATABASE",
    default=None,
    help="Serveur PostgreSQL des bases (ex. : postgresql://e5@127.0.0.1:5432/postgres), enregistré dans "
    "un nouveau dossier des données ; par défaut : des fichiers SQLite dans le dossier des données.",
)
@click.pass_context
def cli(ctx: click.Context, data: str, base_url: str | None, database: str | None) -> None:
    """E5 Sandbox : bac à sable de l'épreuve E5 (BTS NDRC), partie pratique.

    \b
    Démarrage type :
      e5 context install contexts/lin-et-nature   installer le contexte de référence
      e5 seat create poste-1 poste-2 poste-3      préparer des postes candidats
      e5 admin create admin                       créer le compte administrateur du centre
      e5 --base-url http://192.168.1.10:8000 serve
                                                  lancer le serveur à l'adresse que les postes
                                                  utilisent (console : /console/)
    """
    folder = data_dir(data)
    if database and not ctx.resilient_parsing:
        try:
            use_database(folder, database)
        except StorageError as exc:
            raise click.ClickException(str(exc)) from exc
    if base_url:
        remember_base_url(folder, base_url)
    ctx.obj = {"data": folder, "base_url": centre_address.base_url(folder)}
    if ctx.invoked_subcommand not in (None, "upgrade") and not ctx.resilient_parsing:
        try:
            check_data_folder(folder)
        except DataFolderError as exc:
            raise click.ClickException(str(exc)) from exc


def _register() -> None:
    from sandbox.cli_context import context_group
    from sandbox.cli_coverage import coverage_command
    from sandbox.cli_subject import subject_group

    cli.add_command(context_group)
    cli.add_command(subject_group)
    cli.add_command(seat_group)
    cli.add_command(admin_group)
    cli.add_command(serve)
    cli.add_command(demo)
    cli.add_command(coverage_command)
    cli.add_command(upgrade_command)


_register()


def main() -> None:
    """Entry point of the `e5` console script."""
    try:
        cli(prog_name="e5")
    except OperationalError as exc:  # the PostgreSQL server is down or refuses: say so, not a traceback
        click.echo(f"Erreur : le serveur de bases de données ne répond pas ou refuse la connexion "
                   f"({str(exc.orig).strip()}).", err=True)
        sys.exit(1)
    except PermissionError as exc:  # a data folder file made by another account (root): say whose
        click.echo(f"Erreur : {_refused(exc)}", err=True)
        sys.exit(1)


def _refused(exc: PermissionError) -> str:
    """The French reason of a refused file, with the account that owns it and the one running e5."""
    import getpass
    import os
    from pathlib import Path

    if not exc.filename:
        return f"accès refusé ({exc.strerror})."
    path = Path(exc.filename)
    try:
        import pwd

        owner = f"au compte « {pwd.getpwuid(path.stat().st_uid).pw_name} »"
    except (ImportError, KeyError, OSError):  # Windows has no pwd; an unknown uid has no name
        owner = "à un autre compte"
    me = getpass.getuser()
    folder = os.environ.get("E5_DATA") or "DOSSIER"
    return (f"le compte « {me} » n'a pas accès à « {path} », qui appartient {owner}. Le dossier des données "
            f"et tous ses fichiers doivent appartenir au compte qui lance e5 et le serveur : rendez-les-lui "
            f"(chown -R {me}: {folder}) et lancez les commandes e5 sous ce compte (runuser -u {me} -- e5 …).")
