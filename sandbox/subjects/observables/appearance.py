"""Checks on the site vitrine's appearance and settings: identity, header, menus, widgets, layout, pop-ups,
home page, discussion settings, privacy page."""

from __future__ import annotations

from sqlalchemy import select

from sandbox.formatting import format_date
from sandbox.models import Media, Menu, MenuItem, MenuLocation, Popup, Post, PostCategory, Widget, get_setting
from sandbox.models.appearance import (
    MENU_ITEM_KINDS,
    MENU_LOCATIONS,
    POPUP_FREQUENCIES,
    POPUP_KINDS,
    WIDGET_AREAS,
    WIDGET_TYPES,
)
from sandbox.services.site_settings import LAYOUTS
from sandbox.subjects.observables import Observation, ObserveContext, check, verdict
from sandbox.subjects.observables.common import fold, opt_bool, opt_int, plain, plural, quote, yes_no
from sandbox.subjects.params import Param, ref, text


def _media_name(ctx: ObserveContext, key: str) -> str:
    raw = get_setting(ctx.db, key).strip()
    media = ctx.db.get(Media, int(raw)) if raw.isdigit() else None
    return media.filename if media is not None else ""


@check(
    "site.identity",
    label="Identité du site (titre, slogan, logo, icône)",
    features=("S-APP-1",),
    params={
        "title": text('"Lin & Nature" (titre attendu)', required=False),
        "tagline_contains": text('"tissé pour durer" (mots du slogan)', required=False),
        "logo": text('"logo-lin-et-nature-2027.png" (fichier du logo)', required=False),
        "icon": text('"icone-site.png" (fichier de l\'icône)', required=False),
    },
)
def site_identity(ctx: ObserveContext, p: dict) -> Observation:
    """Title, tagline, logo and icon settings of the site vitrine."""
    title, tagline = get_setting(ctx.db, "site.title"), get_setting(ctx.db, "site.tagline")
    logo, icon = _media_name(ctx, "site.logo_media_id"), _media_name(ctx, "site.icon_media_id")
    facts = (f"Titre {quote(title)}, slogan {quote(tagline) if tagline else '(vide)'}, "
             f"logo {logo or '(aucun)'}, icône {icon or '(aucune)'}")
    misses = []
    if "title" in p and fold(p["title"]) != fold(title):
        misses.append(f"titre {quote(p['title'])}")
    if "tagline_contains" in p and fold(p["tagline_contains"]) not in fold(tagline):
        misses.append(f"slogan contenant {quote(p['tagline_contains'])}")
    if "logo" in p and p["logo"] != logo:
        misses.append(f"logo {p['logo']}")
    if "icon" in p and p["icon"] != icon:
        misses.append(f"icône {p['icon']}")
    return verdict(facts, misses, compared=bool(p))


@check(
    "site.header",
    label="En-tête du site (texte, photo ou vidéo)",
    features=("S-APP-2",),
    params={
        "text_contains": text('"Portes ouvertes" (mots du texte d\'en-tête)', required=False),
        "media": text('"atelier-de-confection-roubaix.jpg" (fichier de la photo ou vidéo)', required=False),
        "kind": Param("choice", "photo ou vidéo attendue", False, choices=("image", "video")),
    },
)
def site_header(ctx: ObserveContext, p: dict) -> Observation:
    """Header text and photo/video."""
    header = get_setting(ctx.db, "site.header_text")
    raw = get_setting(ctx.db, "site.header_media_id").strip()
    media = ctx.db.get(Media, int(raw)) if raw.isdigit() else None
    kind = ("vidéo" if media.mime.startswith("video/") else "photo") if media else ""
    facts = f"En-tête : texte {quote(header) if header else '(vide)'}, " + (
        f"{kind} {media.filename}" if media else "sans photo ni vidéo")
    misses = []
    if "text_contains" in p and fold(p["text_contains"]) not in fold(header):
        misses.append(f"texte contenant {quote(p['text_contains'])}")
    if "media" in p and (media is None or media.filename != p["media"]):
        misses.append(f"média {p['media']}")
    if "kind" in p and (media is None or media.mime.split("/")[0] != p["kind"]):
        misses.append("une vidéo" if p["kind"] == "video" else "une photo")
    return verdict(facts, misses, compared=bool(p))


def _item_target(ctx: ObserveContext, item: MenuItem) -> str:
    if item.kind in ("page", "post"):
        post = ctx.db.get(Post, item.target_id) if item.target_id else None
        return post.title if post else ""
    if item.kind == "category":
        cat = ctx.db.get(PostCategory, item.target_id) if item.target_id else None
        return cat.name if cat else ""
    return item.url


@check(
    "menu.item",
    label="Élément de menu (type, sous-menu, emplacement)",
    features=("S-MEN-1", "S-MEN-3", "S-APP-3", "S-MEN-2"),
    params={
        "label": text('"Linge de bain" (libellé ou titre de la cible de l\'élément)'),
        "kind": Param("choice", "type d'élément attendu", False, choices=tuple(MENU_ITEM_KINDS)),
        "parent": text('"Blog" (libellé de l\'élément parent : sous-menu)', required=False),
        "location": Param("choice", "emplacement du menu qui le contient", False,
                          choices=tuple(MENU_LOCATIONS)),
        "url_contains": text('"instagram.com" (adresse d\'un lien)', required=False),
    },
)
def menu_item(ctx: ObserveContext, p: dict) -> Observation:
    """A menu item found by its label or target: its kind, its parent and where its menu is shown."""
    wanted = fold(p["label"])
    items = list(ctx.db.scalars(select(MenuItem).order_by(MenuItem.id.desc())))
    matches = [i for i in items if wanted in (fold(i.label), fold(_item_target(ctx, i)))]
    matches = matches or [i for i in items if wanted in fold(i.label)]
    shown_at = {}
    for row in ctx.db.scalars(select(MenuLocation)):
        shown_at.setdefault(row.menu_id, set()).add(row.location)
    labels = {i.id: fold(i.label) for i in items}
    # Prefer the item in a menu shown at the expected location, of the expected kind, under the expected
    # parent: a candidate may leave a twin elsewhere (another menu, a custom link with the same label).
    matches.sort(key=lambda i: ("location" in p and p["location"] not in shown_at.get(i.menu_id, set()),
                                "kind" in p and i.kind != p["kind"],
                                "parent" in p and labels.get(i.parent_id) != fold(p["parent"])))
    if not matches:
        return Observation(False, f"Aucun élément de menu {quote(p['label'])}")
    item = matches[0]
    menu = ctx.db.get(Menu, item.menu_id)
    parent = ctx.db.get(MenuItem, item.parent_id) if item.parent_id else None
    places = [MENU_LOCATIONS[r.location] for r in ctx.db.scalars(
        select(MenuLocation).where(MenuLocation.menu_id == item.menu_id).order_by(MenuLocation.location))]
    facts = (f"Élément {quote(item.label)} ({MENU_ITEM_KINDS.get(item.kind, item.kind)}) dans le menu "
             f"{quote(menu.name)}" + (f", sous {quote(parent.label)}" if parent else ", premier niveau")
             + (f", affiché : {', '.join(places)}" if places else ", menu affiché nulle part"))
    misses = []
    if "kind" in p and item.kind != p["kind"]:
        misses.append(f"type {MENU_ITEM_KINDS[p['kind']]}")
    if "parent" in p and (parent is None or fold(p["parent"]) != fold(parent.label)):
        misses.append(f"sous l'élément {quote(p['parent'])}")
    if "location" in p and MENU_LOCATIONS[p["location"]] not in places:
        misses.append(f"emplacement {MENU_LOCATIONS[p['location']]}")
    if "url_contains" in p and fold(p["url_contains"]) not in fold(item.url):
        misses.append(f"adresse contenant {quote(p['url_contains'])}")
    return verdict(facts, misses)


@check(
    "menu.location",
    label="Menu affiché à un emplacement (principal, hors-champ…)",
    features=("S-APP-3", "S-MEN-2"),
    params={
        "location": Param("choice", "l'emplacement", choices=tuple(MENU_LOCATIONS)),
        "menu": text('"Menu principal" (nom du menu attendu)', required=False),
        "min_items": opt_int("nombre minimal d'éléments du menu"),
    },
)
def menu_location(ctx: ObserveContext, p: dict) -> Observation:
    """Which menu a location shows and how many items it has."""
    row = ctx.db.get(MenuLocation, p["location"])
    menu = ctx.db.get(Menu, row.menu_id) if row is not None and row.menu_id else None
    label = MENU_LOCATIONS[p["location"]]
    if menu is None:
        return Observation(False, f"{label} : aucun menu")
    count = len(menu.items)
    facts = f"{label} : menu {quote(menu.name)} ({plural(count, 'élément')})"
    misses = []
    if "menu" in p and fold(p["menu"]) != fold(menu.name):
        misses.append(f"le menu {quote(p['menu'])}")
    if count < p.get("min_items", 1):
        misses.append(f"au moins {plural(p.get('min_items', 1), 'élément')}")
    return verdict(facts, misses)


@check(
    "widget.present",
    label="Widget dans une zone (pied de page, colonne latérale)",
    features=("S-APP-5",),
    params={
        "area": Param("choice", "la zone", choices=tuple(WIDGET_AREAS)),
        "kind": Param("choice", "le type de widget", choices=tuple(WIDGET_TYPES)),
        "title_contains": text('"À lire aussi" (mots du titre)', required=False),
        "count": opt_int("nombre d'éléments affichés attendu"),
        "excerpt_words": opt_int("longueur d'extrait attendue (mots)"),
    },
)
def widget_present(ctx: ObserveContext, p: dict) -> Observation:
    """A widget of a type in an area, with its options."""
    rows = list(ctx.db.scalars(select(Widget).where(Widget.area == p["area"], Widget.kind == p["kind"])
                               .order_by(Widget.id.desc())))
    area, kind = WIDGET_AREAS[p["area"]], WIDGET_TYPES[p["kind"]]
    if "title_contains" in p:
        rows = sorted(rows, key=lambda w: fold(p["title_contains"]) not in fold(w.title))
    if not rows:
        return Observation(False, f"Aucun widget {kind} dans la zone {area}")
    w = rows[0]
    config = sorted((w.config or {}).items())
    options = ", ".join(f"{k} = {v}" for k, v in config if k in ("count", "excerpt_words"))
    facts = f"Widget {kind} {quote(w.title) if w.title else '(sans titre)'} dans la zone {area}" + (
        f" ({options})" if options else "")
    misses = []
    if "title_contains" in p and fold(p["title_contains"]) not in fold(w.title):
        misses.append(f"titre contenant {quote(p['title_contains'])}")
    for key, word in (("count", "éléments affichés"), ("excerpt_words", "mots d'extrait")):
        if key in p and (w.config or {}).get(key) != p[key]:
            misses.append(f"{p[key]} {word}")
    return verdict(facts, misses)


@check(
    "site.layout",
    label="Mise en page avec colonne latérale",
    features=("S-APP-6",),
    params={"sidebar": Param("choice", "où la colonne latérale est attendue", choices=tuple(LAYOUTS))},
)
def site_layout(ctx: ObserveContext, p: dict) -> Observation:
    """Where the side column is shown."""
    value = get_setting(ctx.db, "site.sidebar", "none") or "none"
    facts = f"Mise en page : {LAYOUTS.get(value, value)}"
    ok = value == p["sidebar"] or (p["sidebar"] in ("posts", "pages") and value == "both")
    return verdict(facts, [] if ok else [LAYOUTS[p["sidebar"]]])


@check(
    "popup.active",
    label="Fenêtre surgissante ou barre d'information active",
    features=("S-CON-7",),
    params={
        "contains": text('"portes ouvertes" (mots du contenu)'),
        "kind": Param("choice", "le type", False, choices=tuple(POPUP_KINDS)),
        "pages": text('"home", "all" ou l\'identifiant (slug) d\'une page', required=False),
        "delay_seconds": opt_int("délai attendu (secondes)"),
        "frequency": Param("choice", "fréquence attendue", False, choices=("always", "session", "once")),
    },
)
def popup_active(ctx: ObserveContext, p: dict) -> Observation:
    """An active pop-up or bar with some content, its display rules and dates."""
    wanted = fold(p["contains"])
    rows = [r for r in ctx.db.scalars(select(Popup).order_by(Popup.id.desc()))
            if wanted in fold(f"{r.title} {r.body} {r.name}")]
    rows.sort(key=lambda r: not r.active)
    if not rows:
        return Observation(False, f"Aucune fenêtre ni barre contenant {quote(p['contains'])}")
    r = rows[0]
    where = {"all": "toutes les pages", "home": "accueil"}.get(r.pages)
    if where is None:
        titles = [ctx.db.get(Post, int(i)) for i in r.pages.split(",") if i.isdigit()]
        where = ", ".join(t.title for t in titles if t is not None)
    dates = ""
    if r.starts_on or r.ends_on:
        dates = f", du {format_date(r.starts_on) if r.starts_on else '…'}" \
                f" au {format_date(r.ends_on) if r.ends_on else '…'}"
    frequency = POPUP_FREQUENCIES.get(r.frequency, r.frequency).lower()
    facts = (f"{POPUP_KINDS.get(r.kind, r.kind)} {quote(r.name)} {'active' if r.active else 'désactivée'} : "
             f"{where}, délai {r.delay_seconds} s, fréquence « {frequency} »{dates}")
    misses = [] if r.active else ["active"]
    if r.active and r.ends_on and r.ends_on < ctx.today:  # switched on, but no visitor sees it any more
        misses.append("une date de fin pas encore passée")
    if "kind" in p and r.kind != p["kind"]:
        misses.append(POPUP_KINDS[p["kind"]])
    if "pages" in p:
        expected = p["pages"]
        if expected in ("all", "home"):
            ok = r.pages == expected
        else:
            post = ctx.db.scalar(select(Post.id).where(Post.slug == expected))
            ok = post is not None and str(post) in r.pages.split(",")
        if not ok:
            misses.append(f"affichée sur {expected}")
    if "delay_seconds" in p and r.delay_seconds != p["delay_seconds"]:
        misses.append(f"délai de {p['delay_seconds']} s")
    if "frequency" in p and r.frequency != p["frequency"]:
        misses.append(f"fréquence « {POPUP_FREQUENCIES[p['frequency']].lower()} »")
    return verdict(facts, misses)


@check(
    "site.home",
    label="Page d'accueil et nombre d'articles par page",
    features=("S-NAV-2",),
    params={
        "show_on_front": Param("choice", "derniers articles ou page statique", False,
                               choices=("posts", "page")),
        "page": ref("post", '"a-propos" (identifiant de la page d\'accueil statique)', False),
        "posts_per_page": opt_int("nombre d'articles par page attendu"),
    },
)
def site_home(ctx: ObserveContext, p: dict) -> Observation:
    """Reading settings: what the home page shows, and posts per page."""
    show = get_setting(ctx.db, "reading.show_on_front", "posts")
    raw = get_setting(ctx.db, "reading.page_on_front")
    page = ctx.db.get(Post, int(raw)) if raw.isdigit() else None
    per_page = get_setting(ctx.db, "reading.posts_per_page", "10")
    home = f"page statique {quote(page.title)}" if show == "page" and page else "derniers articles"
    facts = f"Accueil : {home} ; {per_page} articles par page"
    misses = []
    if "show_on_front" in p and show != p["show_on_front"]:
        misses.append("une page statique" if p["show_on_front"] == "page" else "les derniers articles")
    if "page" in p:
        wanted = ctx.get("post", p["page"])
        if wanted is None or page is None or page.id != wanted.id or show != "page":
            misses.append(f"la page {quote(p['page'])} en accueil")
    if "posts_per_page" in p and per_page != str(p["posts_per_page"]):
        misses.append(f"{p['posts_per_page']} articles par page")
    return verdict(facts, misses, compared=bool(p))


@check(
    "discussion.settings",
    label="Réglages des discussions (approbation, commentaires fermés)",
    features=("S-NAV-3",),
    params={
        "moderation": opt_bool("true si les commentaires doivent être approuvés manuellement"),
        "closed_on": ref("post", '"soldes-d-hiver-2026" (article aux commentaires fermés)', False),
    },
)
def discussion_settings(ctx: ObserveContext, p: dict) -> Observation:
    """Manual approval of comments; comments closed on a post."""
    moderation = get_setting(ctx.db, "discussion.moderation", "1") != "0"
    facts = f"Approbation manuelle des commentaires : {yes_no(moderation)}"
    misses = []
    if "moderation" in p and moderation != p["moderation"]:
        misses.append("approbation manuelle" if p["moderation"] else "sans approbation manuelle")
    if "closed_on" in p:
        post = ctx.get("post", p["closed_on"])
        if post is None:
            return Observation(False, f"{facts} ; article {quote(p['closed_on'])} introuvable")
        facts += f" ; commentaires {'ouverts' if post.comments_open else 'fermés'} sur {quote(post.title)}"
        if post.comments_open:
            misses.append(f"commentaires fermés sur {quote(post.title)}")
    return verdict(facts, misses, compared=bool(p))


@check(
    "privacy.page",
    label="Page de politique de confidentialité",
    features=("S-CON-10",),
    params={
        "published": Param("bool", "false si la page peut rester en brouillon", False, True),
        "contains": Param("list", '["Lin & Nature", "CNIL"] (mots attendus dans la page)', False),
    },
)
def privacy_page(ctx: ObserveContext, p: dict) -> Observation:
    """The privacy page (generated from the template): state, company name and expected words."""
    raw = get_setting(ctx.db, "privacy.page_id")
    page = ctx.db.get(Post, int(raw)) if raw.isdigit() else None
    page = page or ctx.db.scalar(select(Post).where(Post.slug == "politique-de-confidentialite"))
    if page is None:
        return Observation(False, "Aucune page de politique de confidentialité")
    body = plain(" ".join(str(b.get("html") or b.get("text") or "") for b in page.blocks or []
                          if isinstance(b, dict)))
    company = get_setting(ctx.db, "company.name")
    has_company = bool(company) and fold(company) in fold(body)
    placeholders = body.count("[À compléter")
    facts = (f"Page {quote(page.title)} {'publiée' if page.status == 'publish' else 'non publiée'} : "
             f"{len(body.split())} mots, nom de l'entreprise {'présent' if has_company else 'absent'}, "
             f"{placeholders} passage(s) « À compléter »")
    misses = []
    if p["published"] and page.status != "publish":
        misses.append("publiée")
    if not has_company:
        misses.append("le nom de l'entreprise")
    if placeholders:
        misses.append("aucun passage « À compléter »")
    misses += [f"le mot {quote(w)}" for w in p.get("contains", []) if fold(w) not in fold(body)]
    return verdict(facts, misses)
