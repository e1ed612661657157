"""`e5 admin …`: centre accounts (administrator, examiners, teachers)."""

from __future__ import annotations

import click

from grading.accounts import create_user
from grading.db import ROLES
from sandbox.services import ServiceError


@click.group(name="admin")
def admin_group() -> None:
    """Comptes du centre : administrateur, examinateurs, enseignants."""


@admin_group.command("create")
@click.argument("username")
@click.option(
    "--role",
    type=click.Choice(sorted(ROLES)),
    default="admin",
    show_default=True,
    help="admin = administrateur du centre, examiner = examinateur, teacher = enseignant.",
)
@click.option("--name", "display_name", default="", help="Nom affiché (ex. : « Mme Martin »).")
@click.password_option(
    "--password",
    prompt="Mot de passe (8 caractères au moins)",
    confirmation_prompt="Confirmez le mot de passe",
    help="Mot de passe ; demandé (sans écho) s'il n'est pas donné.",
)
@click.pass_obj
def create(obj: dict, username: str, role: str, display_name: str, password: str) -> None:
    """Créer un compte du centre (ex. : e5 admin create admin)."""
    try:
        create_user(obj["data"], username, password, role, display_name)
    except ServiceError as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(f"Compte « {username} » ({ROLES[role]}) créé.")
