"""Site check types on contents (posts, pages, comments, terms, media, users), each proven ✓ and ✗.

The seeded seat: « Comment laver et entretenir son linge en lin » is sticky, by lucie.martin, with 3 H2,
a list, an image with alt text and the key phrase « laver le lin »; « Nos engagements : le bilan 2026 » is
a draft; Mélanie Bonnet's comment waits for moderation; Marc Lefort's insult is pending.
"""

from __future__ import annotations

from sqlalchemy import select

from sandbox.models import PostCategory, Tag, set_setting
from sandbox.services import comments, media_library, terms
from sandbox.services.site_settings import generate_privacy_page, save_discussion
from sandbox.services.site_users import save_user
from tests.observables.both_ways import Case
from tests.observables.site_seat import admin, comment_by, media, plugin, post, write_post

# Every site check type is proven; the other site modules are cases_site_look and cases_site_relations.
PENDING: set[str] = set()

LAVER = "comment-laver-et-entretenir-le-linge-en-lin"
GUIDE = [
    {"type": "heading", "level": 2, "text": "Mesurer son matelas"},
    {"type": "heading", "level": 3, "text": "La hauteur du bonnet"},
    {"type": "paragraph", "html": 'Voir <a href="/boutique">la boutique</a> et le '
                                  '<a href="https://www.cnil.fr/">site de la CNIL</a>.'},
    {"type": "table", "rows": [["Matelas", "Drap housse"], ["140 x 190", "140 x 190"]], "header": True},
    {"type": "button", "text": "Nos tailles", "url": "https://www.lin-et-nature.fr/tailles"},
]


def _guide(db):
    write_post(db, "Guide des tailles", GUIDE)


def _publish_collection(db):
    draft = post(db, "collection-ete-2027")
    draft.status, draft.published_at = "publish", draft.updated_at


def _draft_twin(db):
    """A draft with the same title as a published post (the candidate left both)."""
    write_post(db, "Rencontre avec nos brodeuses", [{"type": "paragraph", "html": "Brouillon"}],
               action="draft")


def _seo_title(value):
    def arrange(db):
        post(db, "du-champ-au-drap").seo_title = value
        post(db, LAVER).seo_title = value
    return arrange


def _sticky_champ(db):
    post(db, "du-champ-au-drap").sticky = True


def _named_comment(author, action=None, delete=False, name="commentaire"):
    def arrange(db):
        found = comment_by(db, author)
        if action:
            comments.moderate(db, found, action)
        named = {"type": "Comment", "id": found.id}
        if delete:
            db.delete(found)
        return {name: named}
    return arrange


def _reply(body="Merci Mélanie : pour une chambre d'enfant, le lin sauge est très doux.", status=None):
    def arrange(db):
        question = comment_by(db, "Mélanie Bonnet")
        reply = comments.reply_as_site(db, question, admin(db), body)
        if status:
            reply.status = status
        return {"question": question}
    return arrange


def _visitor_reply(db):
    """Another visitor answers (moderation off, so it is approved): no one of the site answered."""
    save_discussion(db, moderation=False, comments_open=True)
    question = comment_by(db, "Claire Delattre")
    comments.post_comment(db, post(db, "cinq-idees-pour-une-chambre-apaisante"), body="Merci pour l'idée !",
                          author_name="Paul Visiteur", author_email="paul@example.fr", parent_id=question.id)
    return {"question": question}


def _term(model, name, description=None, seo=None):
    def arrange(db):
        term = db.scalar(select(model).where(model.name == name))
        terms.save_term(db, admin(db), model, term, name, term.slug,
                        term.description if description is None else description,
                        getattr(term, "parent_id", None), seo=seo)
    return arrange


TERM_SEO = {
    "focus_keyphrase": "entretien du linge en lin", "seo_title": "Entretien du linge en lin : nos conseils",
    "meta_description": "Lavage à 40 °C, séchage à l'air libre, repassage facultatif : nos conseils "
                        "pour faire durer votre linge en lin.",
}


def _describe(filename, **texts):
    def arrange(db):
        m = media(db, filename)
        values = {"title": m.title, "alt": m.alt, "caption": m.caption, **texts}
        media_library.describe(db, admin(db), m, values["title"], values["alt"], values["caption"], "")
    return arrange


def _focal(x, y):
    def arrange(db):
        media_library.set_focal_point(db, admin(db), media(db, "showroom-roubaix.jpg"), x, y)
    return arrange


def _new_user(db):
    save_user(db, admin(db), None, login="nina.roux", email="nina.roux@lin-et-nature.fr",
              display_name="Nina Roux", role="author", password="motdepasse-nina")


def _privacy(publish):
    def arrange(db):
        page = generate_privacy_page(db, admin(db).id)
        if publish:
            page.status, page.published_at = "publish", page.updated_at
    return arrange


def _publish_seeded_privacy(db):
    page = post(db, "politique-de-confidentialite")
    page.status, page.published_at = "publish", page.updated_at


def _rename_company(db):
    _privacy(True)(db)
    set_setting(db, "company.name", "Maison Flandre")


P = "post.published"
S = "post.seo"
T = "post.structure"
M = "post.meta"
CASES: list[Case] = [
    # post.published: state, words, headings, images with alt text, key phrase; by slug or by title.
    Case(P, {"post": LAVER, "min_words": 150, "min_headings": 3, "min_images_alt": 1,
             "keyphrase": "laver le lin"}, True, why="seeded post meets every expectation"),
    Case(P, {"post": LAVER, "min_words": 183, "min_headings": 3}, True, why="exactly the words expected"),
    Case(P, {"post": LAVER, "min_words": 184, "min_headings": 3}, False, only="min_words",
         why="one word short"),
    Case(P, {"post": LAVER, "min_words": 150, "min_headings": 4}, False, only="min_headings",
         why="too few headings"),
    Case(P, {"post": LAVER, "min_headings": 3, "min_images_alt": 2}, False, only="min_images_alt",
         why="one image with alt text, two expected"),
    Case(P, {"post": LAVER, "min_words": 150, "keyphrase": "entretien du lin"}, False, only="keyphrase",
         why="another key phrase"),
    Case(P, {"post": "notre-bilan-2026"}, False, why="a draft is not published"),
    Case(P, {"post": "notre-bilan-2026", "published": False}, True, why="a draft expected to stay one"),
    Case(P, {"post": LAVER, "published": False}, False, why="published though expected to stay a draft"),
    Case(P, {"title_contains": "collection ete 2027"}, False, why="draft found by title"),
    Case(P, {"title_contains": "Collection été 2027"}, True, arrange=_publish_collection,
         why="published by the candidate, found by title"),
    Case(P, {"title_contains": "Rencontre avec nos brodeuses"}, True, arrange=_draft_twin,
         why="a published post wins over its draft twin"),
    Case(P, {"title_contains": "Notre atelier", "kind": "page"}, True, why="a page found by title"),
    Case(P, {"title_contains": "Notre atelier"}, False, why="a page is not a post (kind post by default)"),
    # post.seo: key phrase, key phrase in the SEO title, SEO title, meta description length.
    Case(S, {"post": LAVER, "keyphrase_in_title": True, "seo_title": True, "meta_description_min": 120,
             "meta_description_max": 156}, True, why="seeded post with its SEO filled"),
    Case(S, {"post": LAVER, "meta_description_min": 130}, False, only="meta_description_min",
         why="meta description of 129 characters, 130 expected"),
    Case(S, {"post": LAVER, "meta_description_max": 100}, False, only="meta_description_max",
         why="meta description longer than allowed"),
    Case(S, {"post": LAVER, "seo_title": True}, False, arrange=_seo_title(""), only="seo_title",
         why="SEO title emptied"),
    Case(S, {"post": "du-champ-au-drap", "keyphrase_in_title": True}, False, only="keyphrase_in_title",
         why="key phrase missing from the SEO title"),
    Case(S, {"post": "du-champ-au-drap", "keyphrase_in_title": True}, True,
         arrange=_seo_title("La fabrication du lin, du champ au drap"), why="key phrase put in SEO title"),
    Case(S, {"post": "bienvenue-sur-notre-blog"}, False, why="no key phrase, no meta description"),
    Case(S, {"title_contains": "Accueil", "kind": "page", "keyphrase_in_title": True}, True,
         why="the home page found by title"),
    Case(S, {"title_contains": "Accueil"}, False, why="no post titled Accueil (it is a page)"),
    # post.structure: block types, H2/H3, internal and external links.
    Case(T, {"post": LAVER, "blocks": ["list", "image"], "min_h2": 3}, True, why="seeded blocks and H2"),
    Case(T, {"post": LAVER, "blocks": ["list", "table"], "min_h2": 3}, False, only="blocks", why="no table"),
    Case(T, {"post": LAVER, "blocks": ["list"], "min_h2": 4}, False, only="min_h2", why="3 H2, 4 expected"),
    Case(T, {"post": LAVER, "min_h2": 3, "min_h3": 1}, False, only="min_h3", why="no H3"),
    Case(T, {"post": LAVER, "min_h2": 3, "min_external_links": 1}, False, only="min_external_links",
         why="no external link"),
    Case(T, {"title_contains": "Guide des tailles", "blocks": ["button", "table"], "min_h2": 1, "min_h3": 1,
             "min_internal_links": 1, "min_external_links": 2}, True, arrange=_guide,
         why="written post with table, button and links"),
    Case(T, {"title_contains": "Guide des tailles", "min_h3": 1, "min_internal_links": 2}, False,
         arrange=_guide, only="min_internal_links", why="one internal link, two expected"),
    Case(T, {"title_contains": "FAQ", "kind": "page", "min_h2": 5}, True, why="a page's headings"),
    Case(T, {"title_contains": "FAQ", "min_h2": 1}, False, why="no post titled FAQ"),
    # post.meta: sticky and author.
    Case(M, {"post": LAVER, "sticky": True, "author": "lucie.martin"}, True, why="seeded sticky post"),
    Case(M, {"post": "du-champ-au-drap", "sticky": True, "author": "thomas.delannoy"}, False, only="sticky",
         why="not sticky"),
    Case(M, {"post": "du-champ-au-drap", "sticky": True}, True, arrange=_sticky_champ, why="made sticky"),
    Case(M, {"post": LAVER, "sticky": False}, False, why="sticky though expected not to be"),
    Case(M, {"title_contains": "Du champ au drap", "kind": "post", "author": "Thomas Delannoy"}, True,
         why="author by display name"),
    Case(M, {"post": LAVER, "sticky": True, "author": "thomas.delannoy"}, False, only="author",
         why="another author"),
    # comment.status: moderation state of a named comment (deleted for good counts as the trash).
    Case("comment.status", {"comment": "@commentaire", "status": "trash"}, True,
         arrange=_named_comment("Marc Lefort", "trash"), why="insult put in the trash"),
    Case("comment.status", {"comment": "@commentaire", "status": "trash"}, True,
         arrange=_named_comment("Marc Lefort", delete=True), why="insult deleted for good"),
    Case("comment.status", {"comment": "@commentaire", "status": "trash"}, False,
         arrange=_named_comment("Marc Lefort"), why="insult still pending"),
    Case("comment.status", {"comment": "@commentaire", "status": "approved"}, False,
         arrange=_named_comment("Marc Lefort", delete=True), why="deleted though expected approved"),
    Case("comment.status", {"comment": "@commentaire", "status": "approved"}, True,
         arrange=_named_comment("Élodie Rousseau", "approve"), why="kind comment approved"),
    # comment.reply: an approved reply by a site user, with the expected words.
    Case("comment.reply", {"comment": "@question", "contains": ["merci", "sauge"]}, True, arrange=_reply(),
         why="answered from the back office"),
    Case("comment.reply", {"comment": "@question", "contains": ["merci", "rose"]}, False, arrange=_reply(),
         only="contains", why="answer without an expected word"),
    Case("comment.reply", {"comment": "@question"}, False,
         arrange=_named_comment("Mélanie Bonnet", name="question"), why="no answer"),
    Case("comment.reply", {"comment": "@question"}, False, arrange=_reply(status="pending"),
         why="answer not approved"),
    Case("comment.reply", {"comment": "@question"}, False, arrange=_visitor_reply,
         why="only another visitor answered"),
    Case("comment.reply", {"comment": "@ailleurs"}, False, why="no such comment",
         arrange=lambda db: {"ailleurs": {"type": "Comment", "id": 99999}}),
    # term.description: a category or tag with a description (of a minimal length).
    Case("term.description", {"name": "Conseils d'entretien", "min_chars": 30}, True, why="seeded"),
    Case("term.description", {"name": "Non classé"}, False, why="empty description"),
    Case("term.description", {"name": "Décoration", "min_chars": 26}, False, only="min_chars",
         why="description of 25 characters, 26 expected"),
    Case("term.description", {"name": "Décoration", "min_chars": 25}, True, why="exactly as long as asked"),
    Case("term.description", {"name": "entretien", "kind": "tag"}, False, why="tag without description"),
    Case("term.description", {"name": "Entretien", "kind": "tag", "min_chars": 20}, True,
         arrange=_term(Tag, "entretien", "Nos articles sur l'entretien du linge en lin."),
         why="tag described by the candidate"),
    Case("term.description", {"name": "Linge de bain"}, False, why="no such category"),
    Case("term.description", {"name": "Entretien", "kind": "tag"}, True,
         arrange=_term(Tag, "entretien", "L"), why="a one-letter description is one (default minimum 1)"),
    # term.seo: SEO title, meta description and key phrase of a category or tag.
    Case("term.seo", {"name": "Conseils d'entretien"}, False, why="seeded category without SEO"),
    Case("term.seo", {"name": "Conseils d'entretien", "focus_keyphrase": "Entretien du linge en lin",
                      "title_contains": "nos conseils", "description_contains": "séchage",
                      "description_min": 80, "description_max": 156}, True,
         arrange=_term(PostCategory, "Conseils d'entretien", seo=TERM_SEO), why="SEO filled"),
    *[Case("term.seo", {"name": "Conseils d'entretien", "focus_keyphrase": "entretien du linge en lin",
                        key: value}, False, arrange=_term(PostCategory, "Conseils d'entretien", seo=TERM_SEO),
           only=key, why=f"{key} unmet")
      for key, value in (("title_contains", "blanchisserie"), ("description_contains", "repassage à 200"),
                         ("description_min", 150), ("description_max", 80))],
    Case("term.seo", {"name": "Conseils d'entretien", "title_contains": "nos conseils",
                      "focus_keyphrase": "linge de lit"}, False, only="focus_keyphrase",
         arrange=_term(PostCategory, "Conseils d'entretien", seo=TERM_SEO), why="another key phrase"),
    Case("term.seo", {"name": "Conseils d'entretien", "description_min": 10}, False,
         arrange=_term(PostCategory, "Conseils d'entretien", seo={**TERM_SEO, "seo_title": ""}),
         why="no SEO title"),
    Case("term.seo", {"name": "lin", "kind": "tag", "focus_keyphrase": "entretien du linge en lin"}, True,
         arrange=_term(Tag, "lin", seo=TERM_SEO), why="a tag's SEO"),
    Case("term.seo", {"name": "lin", "focus_keyphrase": "entretien du linge en lin"}, False,
         arrange=_term(Tag, "lin", seo=TERM_SEO), why="no category named lin (it is a tag)"),
    # media.texts: alt text, title and caption of the newest matching media item.
    Case("media.texts", {"filename_contains": "champ-de-lin", "alt": True, "caption": True, "title": True},
         True, why="seeded photo with every text"),
    Case("media.texts", {"filename_contains": "interview-claire", "title": True, "alt": True}, False,
         only="alt", why="audio without alt text"),
    Case("media.texts", {"filename_contains": "logo-lin-et-nature-2027", "alt": True, "caption": True},
         False, only="caption", why="logo without caption"),
    Case("media.texts", {"filename_contains": "champ-de-lin", "title": True, "alt": True}, False,
         arrange=_describe("champ-de-lin-en-fleur.jpg", title=""), only="title", why="title emptied"),
    Case("media.texts", {"filename_contains": "Marché de créateurs", "alt": True}, True,
         why="found by its title"),
    Case("media.texts", {"filename_contains": "interview-claire", "alt": True}, True,
         arrange=_describe("interview-claire-vandamme.wav", alt="Claire Vandamme raconte l'atelier"),
         why="alt text written by the candidate"),
    Case("media.texts", {"filename_contains": "portes-ouvertes"}, False, why="no such media"),
    # media.focal_point: moved from the centre, near x/y within a tolerance.
    Case("media.focal_point", {"filename_contains": "showroom-roubaix"}, False, why="still at the centre"),
    Case("media.focal_point", {"filename_contains": "showroom", "x": 30, "y": 70}, True,
         arrange=_focal("30", "70"), why="moved where expected"),
    Case("media.focal_point", {"filename_contains": "showroom"}, True, arrange=_focal("30", "70"),
         why="moved from the centre"),
    Case("media.focal_point", {"filename_contains": "showroom", "x": 30, "y": 40}, False,
         arrange=_focal("30", "70"), only="y", why="vertical point elsewhere"),
    Case("media.focal_point", {"filename_contains": "showroom", "x": 45, "y": 70, "tolerance": 20}, True,
         arrange=_focal("30", "70"), why="within a wider tolerance"),
    Case("media.focal_point", {"filename_contains": "showroom", "x": 41, "tolerance": 10}, False,
         arrange=_focal("30", "70"), why="just outside the tolerance"),
    Case("media.focal_point", {"filename_contains": "showroom", "x": 41}, False,
         arrange=_focal("30", "70"), why="just outside the default tolerance of 10"),
    Case("media.focal_point", {"filename_contains": "showroom", "x": 40, "y": 60}, True,
         arrange=_focal("30", "70"), why="at the edge of the default tolerance"),
    Case("media.focal_point", {"filename_contains": "showroom", "x": 50, "y": 50}, True,
         why="centre expected, centre kept"),
    Case("media.focal_point", {"filename_contains": "portes-ouvertes", "x": 50}, False, why="no such media"),
    # site_user.role: an account (by login or e-mail) with its role.
    Case("site_user.role", {"login": "lucie.martin", "role": "editor"}, True, why="seeded editor"),
    Case("site_user.role", {"login": "lucie.martin", "role": "author"}, False, only="role",
         why="editor, author expected"),
    Case("site_user.role", {"login": "Hugo.Lemaire@lin-et-nature.fr"}, True, why="found by e-mail"),
    Case("site_user.role", {"login": "nina.roux", "role": "author"}, False, why="account not created"),
    Case("site_user.role", {"login": "nina.roux", "role": "author"}, True, arrange=_new_user,
         why="account created with its role"),
    # plugin.active: the SEO extension on or off.
    Case("plugin.active", {"plugin": "seo"}, False, why="seeded off"),
    Case("plugin.active", {"active": False}, True, why="off, expected off"),
    Case("plugin.active", {"plugin": "seo", "active": True}, True, arrange=lambda db: plugin(db, "seo", True),
         why="activated"),
    Case("plugin.active", {"active": False}, False, arrange=lambda db: plugin(db, "seo", True),
         why="activated though expected off"),
    # privacy.page: published, company named, no « À compléter », expected words.
    Case("privacy.page", {}, False, why="seeded draft with passages to complete"),
    Case("privacy.page", {"contains": ["CNIL", "cookies"]}, True, arrange=_privacy(True),
         why="generated from the template and published"),
    Case("privacy.page", {"contains": ["CNIL", "délégué à la protection"]}, False, arrange=_privacy(True),
         only="contains", why="an expected word missing"),
    Case("privacy.page", {}, False, arrange=_publish_seeded_privacy,
         why="published with its passages « À compléter » left"),
    Case("privacy.page", {}, False, arrange=_rename_company,
         why="generated and published, then the company renamed"),
    Case("privacy.page", {"published": False}, True, arrange=_privacy(False),
         why="generated, may stay a draft"),
    Case("privacy.page", {"published": True}, False, arrange=_privacy(False),
         why="generated but not published"),
]
