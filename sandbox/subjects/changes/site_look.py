"""Change types of the site vitrine's starting look: extension state, menu entries, widgets, layout, social
icons, settings cleared. They set the state the subject starts from; their ``name`` is optional."""

from __future__ import annotations

from sqlalchemy import select

from sandbox.models import Menu, MenuItem, PostCategory, Setting, Widget, get_setting, set_setting
from sandbox.models.appearance import MENU_ITEM_KINDS, WIDGET_AREAS, WIDGET_TYPES
from sandbox.services import ServiceError
from sandbox.services.menus import add_item, delete_item
from sandbox.services.site_settings import LAYOUTS, SOCIAL_KEYS, SOCIAL_POSITIONS
from sandbox.services.widgets import add_widget, widgets_in
from sandbox.subjects.changes import ChangeContext, ChangeFailure, change
from sandbox.subjects.observables.common import fold
from sandbox.subjects.params import Param, text

PLUGINS = ("seo",)


def _menu(ctx: ChangeContext, name: str) -> Menu:
    menus = ctx.db.scalars(select(Menu).order_by(Menu.id))
    menu = next((m for m in menus if fold(m.name) == fold(name)), None)
    if menu is None:
        raise ChangeFailure("menu", f"le menu « {name} » n'existe pas", "écrivez le nom d'un menu du site, "
                            "par exemple « Menu principal »")
    return menu


def _item(menu: Menu, label: str, key: str) -> MenuItem:
    item = next((i for i in menu.items if fold(i.label) == fold(label)), None)
    if item is None:
        labels = ", ".join(f"« {i.label} »" for i in menu.items)
        raise ChangeFailure(key, f"le menu « {menu.name} » n'a pas d'élément « {label} »",
                            f"choisissez un libellé parmi : {labels}")
    return item


@change("plugin.set", label="Extension du site activée ou désactivée (et son fil d'Ariane)",
        produces="Setting", named=False, params={
            "plugin": Param("choice", "l'extension", False, "seo", choices=PLUGINS),
            "active": Param("bool", "true pour l'activer, false pour la désactiver", False, True),
            "breadcrumbs": Param("bool", "true ou false : fil d'Ariane de l'extension SEO", False),
        })
def set_plugin(ctx: ChangeContext, p: dict) -> Setting:
    """The SEO extension on or off at the start (and its breadcrumb switch)."""
    set_setting(ctx.db, f"plugins.{p['plugin']}", "1" if p["active"] else "0")
    if "breadcrumbs" in p:
        set_setting(ctx.db, "seo.breadcrumbs", "1" if p["breadcrumbs"] else "0")
    ctx.db.flush()
    return ctx.db.get(Setting, f"plugins.{p['plugin']}")


@change("menu_item.add", label="Élément ajouté à un menu du site", produces="MenuItem", named=False, params={
    "menu": text('"Menu principal" (nom du menu)', default="Menu principal"),
    "kind": Param("choice", "le type d'élément", choices=tuple(MENU_ITEM_KINDS)),
    "target": text('"a-propos" (identifiant de la page ou de l\'article, ou nom de la catégorie)',
                   required=False),
    "url": text('"https://www.instagram.com/linetnature" (adresse d\'un lien)', required=False),
    "label": text('"Nos engagements" (texte du lien ; par défaut le titre de la cible)', required=False),
    "parent": text('"À propos" (libellé de l\'élément parent : sous-menu)', required=False),
})
def add_menu_item(ctx: ChangeContext, p: dict) -> MenuItem:
    """An entry of a menu (a page, a post, a blog category, a custom or social link), maybe in a sub-menu."""
    menu = _menu(ctx, p["menu"])
    target_id = None
    if p["kind"] in ("page", "post"):
        target_id = ctx.get("post", "target", p.get("target", "")).id
    elif p["kind"] == "category":
        wanted = fold(p.get("target", ""))
        category = next((c for c in ctx.db.scalars(select(PostCategory)) if fold(c.name) == wanted), None)
        if category is None:
            raise ChangeFailure("target", f"la catégorie d'articles « {p.get('target', '')} » n'existe pas",
                                "écrivez le nom d'une catégorie du blog")
        target_id = category.id
    parent = _item(menu, p["parent"], "parent") if "parent" in p else None
    try:
        return add_item(ctx.db, menu, p["kind"], target_id=target_id, url=p.get("url", ""),
                        label=p.get("label", ""), parent_id=parent.id if parent else None)
    except ServiceError as exc:
        raise ChangeFailure(exc.field or "kind", exc.message, "corrigez les paramètres de l'élément") from exc


@change("menu_item.remove", label="Élément retiré d'un menu du site", produces="Menu", named=False, params={
    "menu": text('"Menu principal" (nom du menu)', default="Menu principal"),
    "label": text('"FAQ" (libellé de l\'élément à retirer ; ses sous-éléments remontent d\'un niveau)'),
})
def remove_menu_item(ctx: ChangeContext, p: dict) -> Menu:
    """A menu without one of its entries (the candidate is asked to add it back)."""
    menu = _menu(ctx, p["menu"])
    delete_item(ctx.db, _item(menu, p["label"], "label"))
    return menu


def _widget(ctx: ChangeContext, p: dict) -> Widget:
    rows = [w for w in widgets_in(ctx.db, p["area"]) if w.kind == p["kind"]
            and fold(p.get("title", "")) in fold(w.title)]
    if not rows:
        raise ChangeFailure("kind", f"aucun widget {WIDGET_TYPES[p['kind']]} dans la zone "
                            f"{WIDGET_AREAS[p['area']]}", "choisissez un widget présent dans cette zone")
    return rows[0]


AREA = Param("choice", "la zone", choices=tuple(WIDGET_AREAS))
KIND = Param("choice", "le type de widget", choices=tuple(WIDGET_TYPES))


@change("widget.add", label="Widget ajouté (pied de page, colonne latérale)", produces="Widget", named=False,
        params={
            "area": AREA, "kind": KIND, "title": text('"À lire aussi" (titre du widget)', default=""),
            "count": Param("int", "nombre d'éléments affichés", False, minimum=1),
            "text": text('"…" (texte d\'un widget Texte)', required=False),
        })
def add_site_widget(ctx: ChangeContext, p: dict) -> Widget:
    """A widget at the end of an area."""
    raw = {k: str(p[k]) for k in ("count", "text") if k in p}
    try:
        return add_widget(ctx.db, p["area"], p["kind"], p["title"], raw)
    except ServiceError as exc:
        raise ChangeFailure(exc.field or "kind", exc.message, "corrigez les paramètres du widget") from exc


@change("widget.remove", label="Widget retiré d'une zone", produces="Widget", named=False, params={
    "area": AREA, "kind": KIND, "title": text('"Archives" (mots du titre, si plusieurs)', required=False),
})
def remove_site_widget(ctx: ChangeContext, p: dict) -> Widget:
    """A zone without one of its widgets (the candidate is asked to add it)."""
    widget = _widget(ctx, p)
    ctx.db.delete(widget)
    return widget


@change("widget.move", label="Widget déplacé (autre zone ou autre rang)", produces="Widget", named=False,
        params={
            "area": AREA, "kind": KIND,
            "title": text('"Archives" (mots du titre, si plusieurs)', required=False),
            "to_area": Param("choice", "la zone d'arrivée (par défaut la même)", False,
                             choices=tuple(WIDGET_AREAS)),
            "position": Param("int", "le rang dans la zone d'arrivée (1 = en haut ; par défaut en bas)",
                              False, minimum=1),
        })
def move_site_widget(ctx: ChangeContext, p: dict) -> Widget:
    """A widget moved to another area or rank."""
    widget = _widget(ctx, p)
    area = p.get("to_area", widget.area)
    rows = [w for w in widgets_in(ctx.db, area) if w.id != widget.id]
    rows.insert(min(p.get("position", len(rows) + 1), len(rows) + 1) - 1, widget)
    widget.area = area
    for position, row in enumerate(rows, start=1):
        row.position = position
    return widget


@change("site.layout", label="Mise en page (colonne latérale)", produces="Setting", named=False, params={
    "sidebar": Param("choice", "où la colonne latérale est affichée", choices=tuple(LAYOUTS)),
})
def set_layout(ctx: ChangeContext, p: dict) -> Setting:
    """Where the side column shows at the start (none: full width everywhere)."""
    set_setting(ctx.db, "site.sidebar", p["sidebar"])
    ctx.db.flush()
    return ctx.db.get(Setting, "site.sidebar")


@change("social.set", label="Icônes des réseaux sociaux (affichage, emplacement, adresses)",
        produces="Setting", named=False, params={
            "shown": Param("bool", "true pour afficher les icônes, false pour les masquer", False),
            "position": Param("choice", "l'emplacement des icônes", False, choices=tuple(SOCIAL_POSITIONS)),
            "clear": Param("bool", "true pour vider toutes les adresses des réseaux", False, False),
            **{key: text(f'"https://…" (adresse {key} ; "" pour la vider)', required=False)
               for key in SOCIAL_KEYS},
        })
def set_social(ctx: ChangeContext, p: dict) -> Setting:
    """Social icons on or off, their place, their addresses (cleared or set one by one)."""
    if "shown" in p:
        set_setting(ctx.db, "site.social_icons", "1" if p["shown"] else "0")
    if "position" in p:
        set_setting(ctx.db, "site.social_position", p["position"])
    for key in SOCIAL_KEYS:
        if p["clear"] and get_setting(ctx.db, f"social.{key}"):
            set_setting(ctx.db, f"social.{key}", "")
        if key in p:
            set_setting(ctx.db, f"social.{key}", p[key].strip())
    ctx.db.flush()
    return ctx.db.get(Setting, "site.social_icons")


@change("setting.clear", label="Réglage vidé (icône du site, slogan, adresse…)", produces="Setting",
        named=False, params={"key": text('"site.icon_media_id" (clé du réglage à vider)')})
def clear_setting(ctx: ChangeContext, p: dict) -> Setting:
    """A setting emptied at the start (no site icon, no tagline, no phone…)."""
    row = ctx.db.get(Setting, p["key"])
    if row is None:
        raise ChangeFailure("key", f"le réglage « {p['key']} » n'existe pas dans le contexte",
                            "corrigez la clé (par exemple site.icon_media_id, site.tagline, company.phone)")
    row.value = ""
    return row
