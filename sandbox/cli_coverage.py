"""`e5 coverage`: each feature id with the screens, check types and shipped subjects that cover it."""

from __future__ import annotations

import sys

import click


@click.command("coverage")
@click.option("--missing", is_flag=True, help="N'afficher que les fonctionnalités sans écran.")
@click.option("--strict", is_flag=True, help="Code de sortie 1 si une fonctionnalité B- n'a pas d'écran.")
def coverage_command(missing: bool, strict: bool) -> None:
    """Couverture de la liste nationale : écrans, observables et sujets de chaque fonctionnalité."""
    from sandbox.coverage import coverage, unknown_ids

    rows = coverage()
    for row in rows:
        if missing and not row.missing:
            continue
        screens = ", ".join(s.module.removeprefix("sandbox.web.") for s in row.screens) or "MANQUANT"
        click.echo(f"{row.id:<9} écrans : {screens}")
        click.echo(f"{'':<9} observables : {', '.join(row.checks) or '—'}")
        click.echo(f"{'':<9} sujets : {', '.join(row.subjects) or '—'}")
    done = sum(1 for r in rows if not r.missing)
    shop_missing = [r.id for r in rows if r.missing and r.id.startswith("B-")]
    click.echo(f"\n{done}/{len(rows)} fonctionnalités ont un écran ; "
               f"boutique sans écran : {', '.join(shop_missing) or 'aucune'}.")
    unknown = unknown_ids()
    if unknown:
        click.echo(f"Identifiants inconnus déclarés : {', '.join(sorted(unknown))}.", err=True)
    if strict and (shop_missing or unknown):
        sys.exit(1)
