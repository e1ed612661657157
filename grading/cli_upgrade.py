"""`e5 upgrade`: migrate a data folder made by a previous release, in place, after a dated backup."""

from __future__ import annotations

import click

from grading.upgrade import DataFolderError, databases, upgrade_data_folder
from sandbox.db.storage import storage_for
from sandbox.progress import Progress, format_seconds


def _where(data) -> str:
    """Where the folder's databases go, as the centre set it (e5 --database, $E5_DATABASE)."""
    storage = storage_for(data)
    if storage.dialect == "sqlite":
        return "bases SQLite dans ce dossier"
    return f"bases sur le serveur PostgreSQL {storage.url.render_as_string(hide_password=True)}"


@click.command("upgrade")
@click.pass_obj
def upgrade_command(obj: dict) -> None:
    """Mettre à jour le dossier des données après l'installation d'une nouvelle version.

    Sauvegarde d'abord les bases modifiées (dans sauvegardes/ du dossier des données, datée), puis
    met à jour la base des notes, les modèles et les postes. Sans effet sur un dossier déjà à jour.
    Les archives de preuves restent telles qu'elles ont été prises.
    """
    progress = Progress()
    try:
        count, backup = upgrade_data_folder(obj["data"], progress)
    except DataFolderError as exc:
        progress.finish(ok=False)
        raise click.ClickException(str(exc)) from exc
    seconds = progress.finish()
    if not count and not databases(obj["data"]):
        click.echo(f"Nouveau dossier des données prêt : {obj['data']} ({_where(obj['data'])}) ; aucune "
                   "base à mettre à jour : elles seront créées à cette version.")
        return
    if not count:
        click.echo("Le dossier des données est déjà à jour : rien à faire.")
        return
    click.echo(f"{count} base(s) mise(s) à jour en {format_seconds(seconds)}.")
    click.echo(f"Sauvegarde d'avant la mise à jour : {backup}")
