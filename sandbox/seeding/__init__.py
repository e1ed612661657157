"""Seeding of a context pack into an empty template database, deterministically.

Two entry points: ``validate_context`` checks the pack's data files, ``seed_context`` fills the database. Same
pack and seed → same rows: one ``Faker(locale)`` seeded with the pack's seed and one ``random.Random(seed)``
drive the data (pictures use generators of their own named after what they draw), every date is relative to
the reference date, primary keys are explicit, unique values come from row indexes, password hashes are a
fixed precomputed Argon2id hash (password « LinNature-2027 » for every seeded account; a seat replaces the
candidate's). The seeded world stops on the reference date at 08:00: everything happened before, except the
scheduled post. A subject prepared for another date moves every seeded date with it (sandbox.db.timeshift).

Accounts: employee 1 « Candidat Stagiaire » (profile 1 SuperAdmin) and site user 1 « candidat »
(administrator) are the candidate's. Customer groups: 1 Visiteur, 2 Invité, 3 Particuliers, 4 Professionnels
(−10 %, prices HT), 5 CSE et comités d'entreprise (−5 %). Tax 1 is TVA 20 %.

Codes stored in the seeded rows:
- order states (OrderState.code): awaiting_cheque, awaiting_transfer, payment_accepted, processing, shipped,
  delivered, cancelled, refunded, payment_error (French names in order_states.csv);
- return requests (ReturnRequest.state): awaiting « En attente de confirmation », validated « Retour accepté »
  (waiting for the parcel and the credit slip), received « Colis reçu », refused « Retour refusé », completed
  « Retour terminé » (credit slip issued, lines refunded);
- customer threads (CustomerThread.status): open, pending, closed;
- posts (Post.status): publish, draft, future (scheduled), private; comments (Comment.status): approved,
  pending, spam, trash. The pack's comments include an insulting one (pending, post 14) and one naming a
  delivery person (approved, post 2); page « Politique de confidentialité » is a draft to complete;
- traffic sources (TrafficDay.source): direct, search, social, email, referral, ads.

Settings (Setting rows): clock.today (the reference date, ISO), context.id / title / version; company.<key>
for every key of company.toml [company] (name, legal_name, legal_form, capital, siren, siret, vat_number, rcs,
naf, founded, founders, president, headcount, address1, address2, postcode, city, country, phone, email,
domain, website, opening_hours, slogan, history, values); social.<network> (facebook, instagram, pinterest,
linkedin, youtube: URLs, never fetched); shop.name, shop.email, shop.phone, shop.logo_media_id,
shop.icon_media_id, shop.new_product_days (free shipping is each carrier's threshold);
payment.cheque.enabled / payee / address; payment.wire.enabled / owner / bank / iban / bic;
returns.enabled / days / instructions;
product_comments.enabled / moderation / allow_guests; site.title, site.tagline, site.logo_media_id,
site.icon_media_id (empty: no site icon at the start), site.social_icons (0),
site.social_position (footer), site.sidebar (posts: the blog's sidebar is shown), seo.breadcrumbs (0);
reading.show_on_front (« posts »), reading.page_on_front (id of the
page « Accueil »), reading.posts_per_page; discussion.moderation, discussion.comments_open;
plugins.seo (0: the SEO extension is off). Booleans are « 1 »/« 0 ». Set later by the site back office:
site.header_text, site.header_media_id, privacy.page_id, seo.breadcrumbs_separator / _home / _prefix.

Site appearance and relations (seeding.site_extras): menus 1 « Menu principal » (with a sub-menu under
« À propos », location primary), 2 « Pied de page » (location footer), 3 « Réseaux sociaux » (no location);
a footer text widget, the « Méta » widget and the blog sidebar's stock widgets (search, recent posts,
recent comments, archives, categories, RSS feed of the site); the shop's share buttons module is off;
pop-up 1 (disabled); 200 newsletter subscribers with tags, 2 sent campaigns;
a Facebook timeline of 10 posts with comments; 5 contact messages; the « Contact » page ends with the
contact and newsletter forms.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from sandbox.packs.errors import PackProblem
from sandbox.packs.reader import PackReader
from sandbox.seeding import (
    after_sales,
    catalogue,
    company,
    content,
    customers,
    media,
    order_parts,
    orders,
    product_pictures,
    products,
    promotions,
    service,
)
from sandbox.seeding.common import Progress, make_run
from sandbox.seeding.shop_modules import seed_shop_modules
from sandbox.seeding.site_extras import seed_site_extras
from sandbox.seeding.traffic import seed_traffic
from sandbox.seeding.validate import check_pack

__all__ = ["seed_context", "validate_context"]


def validate_context(reader: PackReader, manifest: dict) -> list[PackProblem]:
    """Content checks of the pack's data files (not the manifest's [context] table).

    Every problem names file, field and fix.
    """
    return check_pack(reader, manifest)


STEPS: list[tuple[str, Any]] = [
    (
        "Comptes et paramètres de base",
        lambda run: (
            company.seed_reference(run),
            company.seed_accounts(run),
            after_sales.seed_permissions(run),
        ),
    ),
    ("Médiathèque", media.seed_media),
    ("Photos des produits", product_pictures.prepare),
    ("Catalogue", lambda run: (catalogue.seed_taxonomy(run), products.seed_products(run))),
    ("Clients", customers.build_customers),
    ("Commandes", lambda run: (orders.seed_orders(run), order_parts.seed_carts(run))),
    (
        "Service client",
        lambda run: (
            service.seed_reviews(run),
            service.seed_threads(run),
            service.seed_returns(run),
            after_sales.seed_after_sales(run),
        ),
    ),
    ("Livraison et promotions", lambda run: (promotions.seed_shipping(run), promotions.seed_promotions(run))),
    ("Site vitrine", content.seed_content),
    ("Fréquentation", seed_traffic),
    ("Paramètres", company.seed_settings),
    ("Apparence et relations du site", seed_site_extras),
    ("Modules de la boutique", seed_shop_modules),
]


def seed_context(
    reader: PackReader, manifest: dict, db: Session, progress: Progress = lambda step, done, total: None
) -> None:
    """Fill an empty template database (all tables already created) from the pack, deterministically."""
    run = make_run(reader, manifest, db)
    for done, (name, step) in enumerate(STEPS):
        progress(name, done, len(STEPS))
        step(run)
    db.flush()
    progress("Terminé", len(STEPS), len(STEPS))
