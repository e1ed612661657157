"""The SEO extension's readable analysis of a post or page, and its search-result preview.

Each check is green (« bon »), orange (« à améliorer ») or red (« problème ») with a French sentence,
as a student would read it in the editor's sidebar.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from sandbox.content.blocks import flat_blocks, plain_text
from sandbox.models import Media, Post, get_setting

DESCRIPTION_MIN, DESCRIPTION_MAX = 120, 156
TITLE_MAX = 60
MIN_WORDS = 300
HREF = re.compile(r'href="([^"]*)"')


@dataclass(frozen=True)
class SeoCheck:
    """One line of the analysis: its colour (good / ok / bad) and its sentence."""

    key: str
    status: str
    sentence: str


@dataclass
class SeoAnalysis:
    """The whole analysis: checks, word count, and the Google-like preview."""

    checks: list[SeoCheck]
    words: int
    preview_title: str
    preview_url: str
    preview_description: str

    @property
    def score(self) -> str:
        """Overall colour: bad if any red, good if all green, else ok."""
        statuses = {c.status for c in self.checks}
        return "bad" if "bad" in statuses else ("good" if statuses <= {"good"} else "ok")


class _Checks(list):
    """The lines of an analysis, with the checks posts, pages and archives share."""

    def add(self, name: str, ok: bool, good: str, bad: str, level: str = "bad") -> None:
        """A check that is good when ok, else at `level` (bad or ok)."""
        self.append(SeoCheck(name, "good" if ok else level, good if ok else bad))

    def no_keyphrase(self) -> None:
        """The red line shown while no focus key phrase is typed."""
        self.append(SeoCheck("keyphrase", "bad", "Aucune requête cible : indiquez l'expression que vos "
                                                 "lecteurs taperaient dans un moteur de recherche."))

    def keyphrase_title(self, key: str, title: str) -> None:
        """The folded key phrase appears in the SEO title."""
        self.add("keyphrase_title", key in fold(title), "La requête cible figure dans le titre SEO.",
                 "La requête cible ne figure pas dans le titre SEO : ajoutez-la, de préférence au début.")

    def lengths(self, description: str, title: str) -> None:
        """Meta description present and of a good length; SEO title not cut by search engines."""
        length = len(description)
        if not description:
            self.append(SeoCheck("description", "bad", "Aucune méta description : les moteurs de recherche "
                                                       "afficheront un extrait pris au hasard."))
        else:
            self.add("description", DESCRIPTION_MIN <= length <= DESCRIPTION_MAX,
                     f"La méta description a une bonne longueur ({length} caractères).",
                     f"La méta description fait {length} caractères : visez entre {DESCRIPTION_MIN} et "
                     f"{DESCRIPTION_MAX}.", "ok")
        self.add("title_length", len(title) <= TITLE_MAX,
                 f"Le titre SEO a une bonne longueur ({len(title)} caractères).",
                 f"Le titre SEO fait {len(title)} caractères : il sera coupé au-delà de {TITLE_MAX}.", "ok")


def fold(text: str) -> str:
    """Lower case without accents, for comparing key phrases."""
    return unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()


def _head(db: Session, item: Any, name: str) -> tuple[str, str, str]:
    """The folded key phrase, the SEO title (default « name – site title ») and the meta description."""
    title = item.seo_title.strip() or f"{name} – {get_setting(db, 'site.title') or ''}".strip(" –")
    return fold(item.focus_keyphrase.strip()), title, item.meta_description.strip()


def _links(blocks: list[dict[str, Any]]) -> tuple[int, int]:
    internal = external = 0
    for b in flat_blocks(blocks):  # links inside columns count too
        hrefs = HREF.findall(str(b.get("html", ""))) + [b.get("url") or "", b.get("link") or ""]
        for href in filter(None, hrefs):
            if href.startswith(("http://", "https://", "//")):
                external += 1
            else:
                internal += 1
    return internal, external


def _images(db: Session, blocks: list[dict[str, Any]]) -> tuple[int, int]:
    total = with_alt = 0
    for b in flat_blocks(blocks):
        if b.get("type") == "image":
            total += 1
            media = db.get(Media, b["media_id"]) if isinstance(b.get("media_id"), int) else None
            with_alt += bool(str(b.get("alt") or "").strip() or (media and media.alt.strip()))
    return total, with_alt


def analyse(db: Session, post: Post, url: str = "") -> SeoAnalysis:
    """The analysis of a post or page as it is stored (save first to refresh it)."""
    blocks = [b for b in (post.blocks or []) if isinstance(b, dict)]
    text = plain_text(blocks)
    words = len(text.split())
    key, title, description = _head(db, post, post.title)
    checks = _Checks()
    add = checks.add

    if not key:
        checks.no_keyphrase()
    else:
        checks.keyphrase_title(key, title)
        paragraphs = [b for b in blocks if b.get("type") == "paragraph"]
        first = plain_text(paragraphs[:1])
        add("keyphrase_intro", key in fold(first), "La requête cible apparaît dès le premier paragraphe.",
            "La requête cible n'apparaît pas dans le premier paragraphe : citez-la dans l'introduction.")
        add("keyphrase_slug", fold(key).replace(" ", "-") in post.slug or all(
            w in post.slug for w in fold(key).split()), "Le permalien (slug) contient la requête cible.",
            "Le permalien (slug) ne contient pas la requête cible.", "ok")
        add("keyphrase_description", key in fold(description),
            "La méta description contient la requête cible.",
            "La méta description ne contient pas la requête cible.", "ok")
    checks.lengths(description, title)
    headings = [b for b in blocks if b.get("type") == "heading"]
    add("headings", bool(headings), f"Le texte est structuré par {len(headings)} intertitre(s).",
        "Aucun intertitre : découpez le texte avec des titres H2 et H3.", "ok")
    images, with_alt = _images(db, blocks)
    if images:
        add("alt", with_alt == images, "Toutes les images ont un texte alternatif.",
            f"{images - with_alt} image(s) sur {images} sans texte alternatif.")
    internal, external = _links(blocks)
    add("internal_links", internal > 0, f"{internal} lien(s) interne(s) vers d'autres pages du site.",
        "Aucun lien interne : reliez ce contenu à d'autres pages du site.", "ok")
    add("external_links", external > 0, f"{external} lien(s) sortant(s) vers d'autres sites.",
        "Aucun lien sortant vers une source extérieure.", "ok")
    add("words", words >= MIN_WORDS, f"Le texte compte {words} mots : c'est suffisant.",
        f"Le texte compte {words} mots : visez au moins {MIN_WORDS} mots.", "ok")
    preview = description or " ".join(text.split()[:25])
    return SeoAnalysis(checks, words, title[:TITLE_MAX + 10], url, preview[:DESCRIPTION_MAX + 4])


def analyse_term(db: Session, term: Any, url: str = "") -> SeoAnalysis:
    """The analysis of a category or tag archive as it is stored: key phrase, SEO title, meta description."""
    key, title, description = _head(db, term, term.name)
    intro = plain_text([{"type": "paragraph", "html": term.description or ""}])
    checks = _Checks()
    add = checks.add

    if not key:
        checks.no_keyphrase()
    else:
        checks.keyphrase_title(key, title)
        add("keyphrase_description", key in fold(description),
            "La méta description contient la requête cible.",
            "La méta description ne contient pas la requête cible.", "ok")
        add("keyphrase_slug", all(w in term.slug for w in key.split()),
            "Le permalien (slug) contient la requête cible.",
            "Le permalien (slug) ne contient pas la requête cible.", "ok")
        add("keyphrase_intro", key in fold(intro),
            "La description de la page d'archive cite la requête cible.",
            "La description de la page d'archive ne cite pas la requête cible.", "ok")
    checks.lengths(description, title)
    preview = description or " ".join(intro.split()[:25])
    return SeoAnalysis(checks, len(intro.split()), title[:TITLE_MAX + 10], url, preview[:DESCRIPTION_MAX + 4])
