"""`e5 seat …` commands: create, reset, list and remove seats."""

from __future__ import annotations

import time

import click

from sandbox.base_url import DEFAULT, is_loopback
from sandbox.seats import Seat, SeatError, create_seat, list_seats, remove_seat, reset_seat


def _base_url(obj: dict) -> str:
    """The centre's configured address (e5 --base-url), with a warning when only this PC can open it."""
    base = obj.get("base_url") or DEFAULT
    if is_loopback(base) and not obj.get("loopback_warned"):
        obj["loopback_warned"] = True
        click.echo(
            f"Attention : {base} ne s'ouvre que sur ce serveur. Indiquez l'adresse que les postes utilisent "
            "(e5 --base-url http://192.168.1.10:8000 …, ou Administration › Réglages dans la console).",
            err=True,
        )
    return base


def _print_card(seat: Seat, base: str, took_ms: float | None = None) -> None:
    took = f" en {took_ms:.0f} ms" if took_ms is not None else ""
    click.echo(f"Poste {seat.name}{took}")
    click.echo(f"  Adresse        : {seat.url(base)}")
    click.echo(f"  Boutique (BO)  : {seat.login} / {seat.password}")
    click.echo(f"  Site (BO)      : {seat.site_login} / {seat.password}")


@click.group(name="seat")
def seat_group() -> None:
    """Postes candidats : copies jetables de la base préparée, une par candidat."""


@seat_group.command("create")
@click.argument("names", nargs=-1, required=True)
@click.option("--template", help="Modèle à copier (par défaut : le seul contexte installé).")
@click.pass_obj
def create(obj: dict, names: tuple[str, ...], template: str | None) -> None:
    """Créer un ou plusieurs postes (ex. : e5 seat create poste-1 poste-2) et afficher leurs accès."""
    for name in names:
        started = time.perf_counter()
        try:
            seat = create_seat(obj["data"], name, template)
        except SeatError as exc:
            raise click.ClickException(str(exc)) from exc
        _print_card(seat, _base_url(obj), (time.perf_counter() - started) * 1000)


@seat_group.command("reset")
@click.argument("names", nargs=-1, required=True)
@click.pass_obj
def reset(obj: dict, names: tuple[str, ...]) -> None:
    """Remettre un poste à zéro (copie du modèle ; mêmes identifiants, toutes les connexions fermées)."""
    for name in names:
        started = time.perf_counter()
        try:
            seat = reset_seat(obj["data"], name)
        except SeatError as exc:
            raise click.ClickException(str(exc)) from exc
        _print_card(seat, _base_url(obj), (time.perf_counter() - started) * 1000)


@seat_group.command("list")
@click.pass_obj
def list_(obj: dict) -> None:
    """Lister les postes avec leur adresse et leurs identifiants."""
    seats = list_seats(obj["data"])
    if not seats:
        click.echo("Aucun poste. Créez-en un avec : e5 seat create poste-1")
    for seat in seats:
        _print_card(seat, _base_url(obj))


@seat_group.command("remove")
@click.argument("names", nargs=-1, required=True)
@click.option("--yes", is_flag=True, help="Ne pas demander de confirmation.")
@click.pass_obj
def remove(obj: dict, names: tuple[str, ...], yes: bool) -> None:
    """Supprimer des postes et leur base (irréversible)."""
    if not yes:
        click.confirm(f"Supprimer définitivement {', '.join(names)} ?", abort=True)
    for name in names:
        try:
            remove_seat(obj["data"], name)
        except SeatError as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(f"Poste {name} supprimé.")
