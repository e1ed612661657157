"""The left menu of the site back office: ONE list that every feature adds its entries to.

An entry shows only when its endpoint exists (a feature not built yet simply does not appear) and
when the logged-in user has its right (``sandbox.services.site_roles``). ``match`` lists endpoint
prefixes (after ``seat.site_admin.``) that light the entry up.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class NavEntry:
    """One menu entry, possibly with sub-entries."""

    label: str
    endpoint: str
    match: tuple[str, ...] = ()
    right: str = "access_admin"
    children: list[NavEntry] = field(default_factory=list)
    setting: str = ""  # shown only when this setting is « 1 » (an extension's menu, when it is active)


NAV: list[NavEntry] = [
    NavEntry("Tableau de bord", "index", ("index",)),
    NavEntry("Articles", "posts", ("post",), "create_post", [
        NavEntry("Tous les articles", "posts", ("posts", "post_edit"), "create_post"),
        NavEntry("Ajouter", "post_new", ("post_new",), "create_post"),
        NavEntry("Catégories", "categories", ("categor",), "manage_categories"),
        NavEntry("Étiquettes", "tags", ("tag",), "manage_categories"),
    ]),
    NavEntry("Médias", "media_library", ("media",), "upload_media"),
    NavEntry("Pages", "pages", ("page",), "edit_pages"),
    NavEntry("Commentaires", "comments", ("comment",), "moderate_comments"),
    NavEntry("Apparence", "appearance", ("appearance", "menu", "widget", "theme"), "manage_settings"),
    NavEntry("Extensions", "plugins", ("plugin",), "manage_plugins"),
    NavEntry("Utilisateurs", "users", ("user",), "manage_users"),
    NavEntry("Réglages", "settings", ("setting",), "manage_settings"),
]


def add_entry(entry: NavEntry, after: str | None = None, parent: str | None = None) -> None:
    """Add an entry (at the end, after the entry labelled ``after``, or under ``parent``)."""
    target = NAV
    if parent is not None:
        target = next(e for e in NAV if e.label == parent).children
    labels = [e.label for e in target]
    target.insert(labels.index(after) + 1 if after in labels else len(target), entry)
