"""`e5 context …` commands: check, build, install and list context packs."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import NoReturn

import click

from sandbox.formatting import format_date, format_datetime, format_number
from sandbox.packs.errors import PackError, PackProblem
from sandbox.paths import data_dir
from sandbox.progress import Progress, format_seconds

# Existence is checked by the pack code, so that a wrong path gets a French message like any other problem.
PACK_PATH = click.Path(path_type=Path)


def _data(obj: dict | None) -> Path:
    """The data folder chosen by the root command (or the default one when run on its own)."""
    return (obj or {}).get("data") or data_dir()


def _fail(source: Path | str, problems: list[PackProblem], retry: str) -> NoReturn:
    """Print every problem (file, field, fix) on stderr and stop with exit code 1."""
    count = len(problems)
    plural = "s" if count > 1 else ""
    click.echo(f"{source} : {count} problème{plural} à corriger :", err=True)
    for problem in problems:
        click.echo(f"  • {problem}", err=True)
    click.echo(f"Corrigez puis relancez : {retry}", err=True)
    click.get_current_context().exit(1)


def _fail_os(exc: OSError) -> NoReturn:
    click.echo(f"Erreur de fichier : {exc.strerror or exc} ({exc.filename or ''}).", err=True)
    click.get_current_context().exit(1)


def _size(num_bytes: int) -> str:
    if num_bytes < 1024 * 1024:
        return f"{format_number(num_bytes / 1024, 1)}\xa0Ko"
    return f"{format_number(num_bytes / 1024 / 1024, 1)}\xa0Mo"


@click.group(name="context")
def context_group() -> None:
    """Contextes : l'entreprise de référence (site vitrine et boutique), en pack versionné.

    \b
    Un pack est un dossier (contexts/<id>/ : context.toml, fichiers CSV, TOML, Markdown)
    ou une archive <id>-<version>.e5ctx construite à partir de ce dossier.
    Chaîne habituelle :
      e5 context check contexts/lin-et-nature     vérifier le pack
      e5 context build contexts/lin-et-nature     produire l'archive à diffuser
      e5 context install lin-et-nature-1.0.0.e5ctx
      e5 context list                             voir les contextes installés
    """


@context_group.command("check")
@click.argument("pack", type=PACK_PATH)
def check(pack: Path) -> None:
    """Vérifier un pack (dossier ou archive .e5ctx) sans rien installer.

    Tous les problèmes sont listés d'un coup, chacun avec le fichier, le champ et la
    correction à apporter. Code de sortie 0 si le pack est valide, 1 sinon.

    \b
    Exemples :
      e5 context check contexts/lin-et-nature
      e5 context check lin-et-nature-1.0.0.e5ctx
    """
    from sandbox.packs.context import check_context, load_context

    problems = check_context(pack)
    if problems:
        _fail(pack, problems, f"e5 context check {pack}")
    with load_context(pack) as loaded:
        click.echo(f"Pack valide : {loaded.id} {loaded.version} — {loaded.title} "
                   f"(date de référence {format_date(loaded.reference_date)}).")


@context_group.command("build")
@click.argument("folder", type=PACK_PATH)
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Fichier .e5ctx à écrire, ou dossier où le placer ; par défaut <id>-<version>.e5ctx "
                   "dans le dossier courant.")
def build(folder: Path, output: Path | None) -> None:
    """Vérifier un dossier de pack et en faire une archive <id>-<version>.e5ctx.

    L'archive est reproductible : le même pack donne toujours le même fichier, octet pour
    octet. Elle contient la liste des empreintes sha256 de chaque fichier (CHECKSUMS) ;
    l'installation refuse une archive abîmée ou modifiée. Publiez l'empreinte sha256 de
    l'archive affichée à la fin : chaque centre peut la comparer à la sienne.

    \b
    Exemples :
      e5 context build contexts/lin-et-nature
      e5 context build contexts/lin-et-nature -o dist/
    """
    from sandbox.packs.archive import build_archive, sha256_file, verify_archive

    try:
        path = build_archive(folder, output)
        info = verify_archive(path)
    except PackError as exc:
        _fail(folder, exc.problems, f"e5 context build {folder}")
    except OSError as exc:
        _fail_os(exc)
    click.echo(f"Archive créée : {path} ({_size(path.stat().st_size)}, {info.files} fichiers)")
    click.echo(f"Empreinte sha256 de l'archive : {sha256_file(path)}")


@context_group.command("install")
@click.argument("pack", type=PACK_PATH)
@click.option("--scale", type=click.IntRange(1, 100), default=None,
              help="Multiplier les clients, commandes et avis (boutique plus grande, pour les mesures).")
@click.pass_obj
def install(obj: dict | None, pack: Path, scale: int | None) -> None:
    """Installer un contexte (dossier ou archive .e5ctx) comme modèle des postes.

    Le pack est vérifié (empreintes de l'archive, manifeste, données), puis la base modèle
    context-<id> est remplie en une seule transaction. Réinstaller le même contexte
    remplace le modèle ; en cas d'échec, le modèle précédent reste intact. Les postes
    existants ne changent pas : remettez-les à zéro (e5 seat reset) pour en profiter.

    \b
    Exemples :
      e5 context install contexts/lin-et-nature
      e5 context install lin-et-nature-1.0.0.e5ctx
      e5 --data /srv/e5 context install lin-et-nature-1.0.0.e5ctx
    """
    from sandbox.db.storage import storage_for
    from sandbox.packs.install import install_context

    progress = Progress()
    try:
        info = install_context(_data(obj), pack, progress, scale=scale)
    except PackError as exc:
        progress.finish(ok=False)
        _fail(pack, exc.problems, f"e5 context install {pack}")
    except OSError as exc:
        progress.finish(ok=False)
        _fail_os(exc)
    progress.finish()
    storage_for(_data(obj)).settle()  # the spare seats being made (PostgreSQL): not cut off by the exit
    click.echo(f"Contexte « {info.title} » {info.version} installé en {format_seconds(info.seconds)}.")
    click.echo(f"Modèle : {info.name}")
    click.echo(f"Empreinte du contenu : {info.checksum}")
    if info.archive_sha256:
        click.echo(f"Empreinte sha256 de l'archive : {info.archive_sha256}")


def _french_date(iso: str) -> str:
    try:
        return format_date(date.fromisoformat(iso))
    except ValueError:
        return iso or "?"


def _french_moment(iso: str) -> str:
    try:
        return format_datetime(datetime.fromisoformat(iso))
    except ValueError:
        return iso or "?"


@context_group.command("list")
@click.pass_obj
def list_(obj: dict | None) -> None:
    """Lister les contextes installés dans le dossier des données.

    \b
    Exemples :
      e5 context list
      e5 --data /srv/e5 context list
    """
    from sandbox.packs.install import list_templates

    templates = list_templates(_data(obj))
    if not templates:
        click.echo("Aucun contexte installé. Installez-en un avec : "
                   "e5 context install contexts/lin-et-nature")
        return
    for info in templates:
        click.echo(info.name)
        if not info.id:
            click.echo("  (fiche d'installation absente : réinstallez ce contexte)")
            continue
        click.echo(f"  Titre             : {info.title}")
        click.echo(f"  Version           : {info.version}")
        click.echo(f"  Date de référence : {_french_date(info.reference_date)}")
        click.echo(f"  Installé le       : {_french_moment(info.installed_at)} "
                   f"(en {format_seconds(info.seconds)})")
        click.echo(f"  Empreinte         : {info.checksum}")


context = context_group
