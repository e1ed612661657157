"""`e5 subject …` commands: check, list and prepare subject packs."""

from __future__ import annotations

import time
import tomllib
from datetime import date
from pathlib import Path

import click

from sandbox.formatting import format_date
from sandbox.packs.errors import PackError
from sandbox.progress import format_seconds

REPO_SUBJECTS = Path(__file__).resolve().parent.parent / "subjects"


def _data(obj: dict | None) -> Path:
    from sandbox.paths import data_dir

    return (obj or {}).get("data") or data_dir()


def _folders() -> list[Path]:
    """Where subject packs are looked for by id: ./subjects, the data folder's library, the shipped ones."""
    from sandbox.subjects.library import library_folder

    found = []
    obj = click.get_current_context().find_root().obj
    for folder in (Path.cwd() / "subjects", library_folder(_data(obj)), REPO_SUBJECTS):
        if folder.is_dir() and folder.resolve() not in [f.resolve() for f in found]:
            found.append(folder)
    return found


def _unpacked(archive: Path) -> Path:
    """An archive unpacked in a temporary folder removed when the command ends."""
    import shutil
    import tempfile

    from sandbox.subjects.archive import unpack

    tmp = Path(tempfile.mkdtemp(prefix="e5-sujet-"))
    click.get_current_context().call_on_close(lambda: shutil.rmtree(tmp, ignore_errors=True))
    try:
        return unpack(archive, tmp)
    except PackError as exc:
        _fail(archive, exc, f"e5 subject check {archive}")
        raise click.exceptions.Exit(1) from exc


def _source(value: str) -> Path:
    """A subject folder from a path, a .zip/.tar.gz archive (unpacked for the command) or a subject id."""
    from sandbox.subjects.archive import is_archive

    path = Path(value)
    if path.is_dir():
        return path
    if path.is_file() and is_archive(path):
        return _unpacked(path)
    for folder in _folders():
        if (folder / value).is_dir():
            return folder / value
    raise click.ClickException(
        f"Sujet « {value} » introuvable : indiquez un dossier (subjects/<id>) ou l'identifiant "
        "d'un sujet du dossier subjects/."
    )


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(
            f"« {value} » n'est pas une date AAAA-MM-JJ (exemple : 2027-05-20)."
        ) from exc


def _fail(source: Path, exc: PackError, retry: str) -> None:
    count = len(exc.problems)
    click.echo(f"{source} : {count} problème{'s' if count > 1 else ''} à corriger :", err=True)
    for problem in exc.problems:
        click.echo(f"  • {problem}", err=True)
    click.echo(f"Corrigez puis relancez : {retry}", err=True)
    click.get_current_context().exit(1)


@click.group(name="subject")
def subject_group() -> None:
    """Sujets : les questions, annexes, objets nommés et grille d'un sujet d'épreuve.

    \b
    Un sujet est un dossier subjects/<id>/ (subject.toml, questions/, annexes/, files/,
    changes.toml, grid.toml) écrit sur une version d'un contexte installé.
    Chaîne habituelle :
      e5 subject check subjects/ln-boutique-a             vérifier le sujet
      e5 subject prepare ln-boutique-a --date 2027-06-15  préparer le modèle du jour d'épreuve
      e5 seat create poste-1 --template subject-ln-boutique-a-2027-06-15
      e5 subject features B-CAT                            identifiants des fonctionnalités
    """


@subject_group.command("check")
@click.argument("source")
@click.option(
    "--date", "day", help="Jour d'épreuve pour l'essai (AAAA-MM-JJ ; par défaut la date du contexte)."
)
@click.pass_obj
def check(obj: dict | None, source: str, day: str | None) -> None:
    """Vérifier un sujet (dossier, archive .zip/.tar.gz ou identifiant) sans rien créer.

    Tous les problèmes sont listés d'un coup (fichier, champ, correction). Les
    modifications sont essayées sur une copie jetable du contexte installé, et chaque
    observable est calculé une fois. Code de sortie 0 si le sujet est valide, 1 sinon.
    """
    from sandbox.subjects.pack import load_subject
    from sandbox.subjects.sections import question_count_notice

    folder = _source(source)
    try:
        pack = load_subject(folder, _data(obj), _date(day))
    except PackError as exc:
        _fail(folder, exc, f"e5 subject check {source}")
        return
    subject = pack.manifest.subject
    observables = sum(len(line.observables) for line in pack.grid.lines)
    named = len(pack.changes)
    click.echo(
        f"Sujet valide : {pack.id} {subject['version']} — {subject['title']} (sujet {subject['letter']}, "
        f"{len(pack.manifest.questions)} questions, {named} objet{'s' if named > 1 else ''} "
        f"nommé{'s' if named > 1 else ''}, grille « {pack.grid.type} », {observables} observables)."
    )
    notice = question_count_notice(len(pack.manifest.questions))
    if notice:
        click.echo(f"Remarque : {notice}.")


@subject_group.command("list")
@click.pass_obj
def list_(obj: dict | None) -> None:
    """Lister les sujets disponibles (dossiers subjects/) et les modèles préparés."""
    from sandbox.subjects.prepare import list_prepared

    shown = False
    for folder in _folders():
        for path in sorted(p for p in folder.iterdir() if (p / "subject.toml").is_file()):
            try:
                head = tomllib.loads((path / "subject.toml").read_text(encoding="utf-8")).get("subject", {})
            except (tomllib.TOMLDecodeError, UnicodeDecodeError):
                head = {}
            click.echo(
                f"  {path.name:<24} {head.get('letter', '?'):<2} {head.get('site', '?'):<9} "
                f"{head.get('title', '(subject.toml illisible)')}"
            )
            shown = True
    if not shown:
        click.echo("Aucun sujet trouvé dans subjects/.")
    prepared = list_prepared(_data(obj))
    click.echo(
        "Modèles préparés :" if prepared else "Aucun modèle préparé (e5 subject prepare <sujet> --date …)."
    )
    for info in prepared:
        click.echo(
            f"  {info.name}  (épreuve du {format_date(date.fromisoformat(info.exam_date))}, "
            f"{info.context} {info.context_version})"
        )


@subject_group.command("features")
@click.argument("prefix", required=False, default="")
def features(prefix: str) -> None:
    """Lister les identifiants de fonctionnalités à citer dans features = [...] (S-…, B-…, X-…)."""
    from sandbox.subjects.feature_titles import FEATURE_TITLES

    for fid, title in FEATURE_TITLES.items():
        if fid.startswith(prefix.upper()):
            click.echo(f"{fid:<9} {title}")


@subject_group.command("prepare")
@click.argument("source")
@click.option(
    "--date", "day", help="Jour de l'épreuve AAAA-MM-JJ (par défaut la date de référence du contexte)."
)
@click.option("--no-hint", is_flag=True,
              help="Sans le rappel de la commande qui crée les postes (script préparant plusieurs sujets).")
@click.pass_obj
def prepare(obj: dict | None, source: str, day: str | None, no_hint: bool) -> None:
    """Préparer le modèle d'un sujet pour un jour d'épreuve (dossier, archive ou identifiant du sujet).

    Une archive .zip ou .tar.gz est d'abord vérifiée et rangée dans la bibliothèque des sujets
    du dossier de données (celle de la console, page « Sujets »).

    Le contexte installé est copié, l'horloge des postes est mise au jour de l'épreuve,
    les fichiers du sujet entrent dans la médiathèque, les objets nommés sont mis en place
    et le sujet est enregistré : chaque poste créé depuis ce modèle le montre sur sa page
    « Sujet ». En cas d'erreur, rien n'est créé.

    \b
    Exemple :
      e5 subject prepare ln-boutique-a --date 2027-06-15
      e5 seat create poste-1 poste-2 --template subject-ln-boutique-a-2027-06-15
    """
    from sandbox.db.storage import storage_for
    from sandbox.subjects.prepare import prepare_subject

    folder, data = _source(source), _data(obj)
    if Path(source).is_file():  # an archive: keep the pack in the library, so that the console lists it
        from sandbox.subjects.library import library_folder, store_folder

        try:
            folder = store_folder(data, folder)
        except PackError as exc:
            _fail(Path(source), exc, f"e5 subject prepare {source}")
            return
        click.echo(f"Sujet rangé dans la bibliothèque : {folder.relative_to(library_folder(data).parent)}")
    exam_day = _date(day) or _reference_date(data, folder)
    started = time.perf_counter()
    try:
        name = prepare_subject(data, folder, exam_day)
    except PackError as exc:
        _fail(folder, exc, f"e5 subject prepare {source}")
        return
    click.echo(
        f"Modèle préparé : {name} (épreuve du {format_date(exam_day)}) en "
        f"{format_seconds(time.perf_counter() - started)}."
    )
    if not no_hint:
        click.echo(f"Créez les postes : e5 seat create poste-1 --template {name}")
    storage_for(data).settle()  # the spare seats being made (PostgreSQL): not cut off by the exit


def _reference_date(data: Path, folder: Path) -> date:
    """The installed context's reference date, the day its data were seeded around."""
    from sandbox.packs.install import read_template

    try:
        context = tomllib.loads((folder / "subject.toml").read_text(encoding="utf-8"))["subject"]["context"]
        return date.fromisoformat(read_template(data, f"context-{context}").reference_date)
    except (OSError, KeyError, ValueError, tomllib.TOMLDecodeError) as exc:
        raise click.ClickException("Précisez le jour de l'épreuve : --date AAAA-MM-JJ.") from exc
