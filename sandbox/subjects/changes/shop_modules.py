"""Change type of the shop's modules: a module switched on or off, one of its options set, at the start.

National subjects start from shops where a module is off (« les boutons de partage ne sont pas
activés ») or badly configured (« le bloc Produits phares n'affiche que 4 produits »): the candidate
notices and corrects it in Modules › Gestionnaire de modules.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from sandbox.models import Category, Module
from sandbox.services import ServiceError
from sandbox.services.modules import MODULES, NETWORKS, configure_module, module_config, set_module_active
from sandbox.subjects.changes import ChangeContext, ChangeFailure, change
from sandbox.subjects.params import Param, text

TRUE_WORDS, FALSE_WORDS = ("true", "oui", "1"), ("false", "non", "0")


def _option_value(ctx: ChangeContext, code: str, option_key: str, raw: str) -> Any:
    """The typed value of one module option written as text in the pack (French failure otherwise)."""
    options = {o.key: o for o in MODULES[code].options}
    option = options.get(option_key)
    if option is None:
        known = ", ".join(f'"{key}"' for key in options) or "aucune"
        raise ChangeFailure("option", f"le module « {MODULES[code].name} » n'a pas d'option « {option_key} »",
                            f"une option parmi : {known}")
    word = raw.strip().lower()
    if option.kind == "int":
        if not word.lstrip("-").isdigit():
            raise ChangeFailure("value", f"« {raw} » n'est pas un nombre entier", '"4" (un nombre entier)')
        return int(word)
    if option.kind == "bool":
        if word not in TRUE_WORDS + FALSE_WORDS:
            raise ChangeFailure("value", f"« {raw} » n'est ni oui ni non", '"true" ou "false"')
        return word in TRUE_WORDS
    if option.kind == "category":
        category = ctx.db.scalar(select(Category).where(func.lower(Category.name) == word))
        if category is None:
            raise ChangeFailure("value", f"aucune catégorie nommée « {raw} »",
                                '"Accueil" (nom d\'une catégorie)')
        return category.id
    if option.kind == "networks":
        return [n.strip() for n in word.split(",") if n.strip() in NETWORKS]
    return raw


@change("module.set", label="Module de la boutique activé, désactivé ou configuré", produces="Module",
        named=False, params={
            "module": Param("choice", "le module (code)", choices=tuple(MODULES)),
            "active": Param("bool", "true pour l'activer, false pour le désactiver", False),
            "option": text('"count" (option du module à régler, avec value)', required=False),
            "value": text('"4" (valeur de l\'option, écrite comme texte)', required=False),
        })
def set_module(ctx: ChangeContext, p: dict) -> Module | None:
    """Switch a shop module on or off and/or set one of its options, through the module service."""
    code = p["module"]
    if ("option" in p) != ("value" in p):
        raise ChangeFailure("value", "une option sans valeur (ou une valeur sans option)",
                            'écrivez les deux : option = "count" et value = "4"')
    if "active" not in p and "option" not in p:
        raise ChangeFailure("active", "ni active ni option : ce changement ne changerait rien",
                            "active = false, ou option et value")
    if "active" in p:
        set_module_active(ctx.db, code, p["active"])
    if "option" in p:
        value = _option_value(ctx, code, p["option"], p["value"])
        values = {**module_config(ctx.db, code), p["option"]: value}
        try:
            configure_module(ctx.db, code, values)
        except ServiceError as exc:
            raise ChangeFailure("value", exc.message, "une valeur que l'écran du module accepte") from exc
    ctx.db.flush()
    return ctx.db.get(Module, code)
