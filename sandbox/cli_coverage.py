"""`e5 coverage`: each feature id with the behaviour tests, screens, checks and subjects covering it."""

from __future__ import annotations

import sys

import click


@click.command("coverage")
@click.option("--missing", is_flag=True,
              help="N'afficher que les fonctionnalités sans écran ou sans test de comportement.")
@click.option("--strict", is_flag=True,
              help="Code de sortie 1 si une fonctionnalité n'a pas de test de comportement "
                   "ou si une fonctionnalité B- n'a pas d'écran.")
def coverage_command(missing: bool, strict: bool) -> None:
    """Couverture de la liste nationale : tests de comportement, écrans, observables et sujets."""
    from sandbox.coverage import coverage, unknown_ids

    rows = coverage()
    for row in rows:
        if missing and not (row.missing or row.untested):
            continue
        screens = ", ".join(s.module.removeprefix("sandbox.web.") for s in row.screens) or "MANQUANT"
        click.echo(f"{row.id:<9} tests : {', '.join(row.tests) or 'AUCUN'}")
        click.echo(f"{'':<9} écrans : {screens}")
        click.echo(f"{'':<9} observables : {', '.join(row.checks) or '—'}")
        click.echo(f"{'':<9} sujets : {', '.join(row.subjects) or '—'}")
    tested = sum(1 for r in rows if not r.untested)
    untested = [r.id for r in rows if r.untested]
    done = sum(1 for r in rows if not r.missing)
    shop_missing = [r.id for r in rows if r.missing and r.id.startswith("B-")]
    click.echo(f"\n{tested}/{len(rows)} fonctionnalités ont un test de comportement (par l'interface, "
               f"effet visible vérifié) ; sans test : {', '.join(untested) or 'aucune'}.")
    click.echo(f"{done}/{len(rows)} fonctionnalités ont un écran ; "
               f"boutique sans écran : {', '.join(shop_missing) or 'aucune'}.")
    unknown = unknown_ids()
    if unknown:
        click.echo(f"Identifiants inconnus déclarés : {', '.join(sorted(unknown))}.", err=True)
    if strict and (shop_missing or unknown or untested):
        sys.exit(1)
