"""Seeding of the site vitrine's appearance and relations: menus, widgets, a pop-up (off), subscribers,
past campaigns, the social timeline and contact messages. Runs after the settings (it reads social.* URLs).
"""

from __future__ import annotations

from sqlalchemy import select

from sandbox.models import (
    Campaign,
    CampaignSend,
    ContactMessage,
    Customer,
    Menu,
    MenuItem,
    MenuLocation,
    Popup,
    Post,
    SocialComment,
    SocialPost,
    Subscriber,
    Widget,
    get_setting,
)
from sandbox.seeding.common import Run, at, days, slugify
from sandbox.services.newsletter import simulated_result

TAGS = ["salon", "professionnel", "atelier", "jeu-concours", "boutique"]
SOCIAL = [
    ("Le lin fleurit dans le pays de Caux : une seule journée de fleurs bleues par an 💙", 84,
     [("Sophie Marchal", "Magnifique ! On peut visiter les champs ?"),
      ("Julien Roussel", "Superbe photo.")]),
    ("Nos brodeuses préparent la collection d'été. Rendez-vous en juin à l'atelier de Roubaix !", 61,
     [("Claire Dumont", "Vous faites des initiales sur les serviettes ?")]),
    ("Conseil du jour : lavez votre linge en lin à 40 °C, sans adoucissant.", 47,
     [("Marc Lefebvre", "Et le sèche-linge, c'est possible ?"), ("Nadia Benali", "Merci pour l'astuce !")]),
    ("Green Friday : cette année encore, nous reversons 5 % de nos ventes à une association de "
     "replantation de haies.", 132, [("Paul Vermeersch", "Bravo pour l'initiative.")]),
    ("Nouveau : la nappe Vichy existe en vert olive.", 58,
     [("Émilie Caron", "Elle existe en 150 x 300 ?"), ("Thomas Petit", "Commandée, hâte de la recevoir")]),
    ("L'équipe au complet pour les 15 ans de la marque 🎉", 203,
     [("Hélène Vasseur", "Joyeux anniversaire !")]),
    ("Six gîtes de la Côte d'Opale équipés en linge Lin & Nature : merci pour votre confiance !", 39,
     [("Gîtes du Cap", "Ravis de ce partenariat !")]),
    ("Fête des mères : découvrez nos coffrets cadeaux.", 71,
     [("Lucie Martin", "Livraison possible avant dimanche ?")]),
    ("Le showroom de Roubaix vous accueille du mardi au samedi.", 25,
     [("Karim Haddad", "Toujours aussi beau ce lieu.")]),
    ("Un nouveau logo pour nos 15 ans : qu'en pensez-vous ?", 96,
     [("Sandrine Leroy", "J'aimais bien l'ancien…"), ("Bruno Lefort", "Très réussi, plus moderne.")]),
]
MESSAGES = [
    ("Agnès Morel", "agnes.morel@laposte.net",
     "Bonjour, proposez-vous des draps en 180 x 200 ? Je ne les trouve pas dans la boutique. Merci."),
    ("Hôtel Le Beffroi", "contact@hotel-lebeffroi.fr",
     "Nous rénovons nos 18 chambres et souhaitons un devis pour des parures en lin lavé."),
    ("Patrick Delattre", "p.delattre@orange.fr",
     "Peut-on visiter l'atelier en dehors des journées portes ouvertes ? Nous sommes un groupe de 12."),
    ("Inès Belkacem", "ines.belkacem@gmail.com",
     "Ma housse de couette a rétréci au lavage à 40 °C : est-ce normal ?"),
    ("Léa Fournier", "lea.fournier@free.fr", "Bonjour, recrutez-vous des apprentis en couture ?"),
]


def _menus(run: Run) -> None:
    run.insert(Menu, [{"id": 1, "name": "Menu principal"}, {"id": 2, "name": "Pied de page"},
                      {"id": 3, "name": "Réseaux sociaux"}])
    page = run.keys.get("post", {})

    def item(iid, menu, kind, label, position, target=None, url="", parent=None):
        return {"id": iid, "menu_id": menu, "parent_id": parent, "kind": kind, "label": label,
                "target_id": target, "url": url, "position": position}

    items = [
        item(1, 1, "custom", "Accueil", 1, url="/"),
        item(2, 1, "page", "À propos", 2, target=page.get("a-propos", 22)),
        item(3, 1, "page", "Notre atelier", 1, target=page.get("notre-atelier", 23), parent=2),
        item(4, 1, "page", "Nos engagements", 2, target=page.get("nos-engagements", 24), parent=2),
        item(5, 1, "custom", "Blog", 3, url="/blog"),
        item(6, 1, "page", "FAQ", 4, target=page.get("faq", 25)),
        item(7, 1, "page", "Contact", 5, target=page.get("contact", 28)),
        item(8, 2, "page", "Mentions légales", 1, target=page.get("mentions-legales", 29)),
        item(9, 2, "page", "Livraison et retours", 2, target=page.get("livraison-et-retours", 26)),
        item(10, 2, "page", "Espace professionnels", 3, target=page.get("espace-professionnels", 27)),
    ]
    next_id = 11
    for position, network in enumerate(("facebook", "instagram", "pinterest"), start=1):
        url = get_setting(run.db, f"social.{network}").strip()
        if url:
            items.append(item(next_id, 3, "social", network.capitalize(), position, url=url))
            next_id += 1
    run.insert(MenuItem, items)
    run.insert(MenuLocation, [{"location": "primary", "menu_id": 1}, {"location": "footer", "menu_id": 2}])


def _widgets(run: Run) -> None:
    # The opening hours are shown by the footer from « Réglages › Général » (kept in one place).
    showroom = ("Venez toucher nos lins à l'atelier de Roubaix : conseils, échantillons et retouches sur "
                "place.")
    run.insert(Widget, [
        {"id": 1, "area": "footer", "kind": "text", "title": "Le showroom", "position": 1,
         "config": {"text": showroom}},
        # WordPress's « Méta » widget: the visitor's way to the login page and the feeds.
        {"id": 7, "area": "footer", "kind": "meta", "title": "Méta", "position": 2, "config": {}},
        # The blog sidebar's stock widgets (WordPress' default sidebar; the archives moved here from the
        # footer), ending with the RSS widget of the site's own feed.
        {"id": 3, "area": "sidebar", "kind": "search", "title": "", "position": 1, "config": {}},
        {"id": 4, "area": "sidebar", "kind": "recent_posts", "title": "Articles récents", "position": 2,
         "config": {"count": 5, "excerpt_words": 0}},
        {"id": 5, "area": "sidebar", "kind": "recent_comments", "title": "Commentaires récents",
         "position": 3, "config": {"count": 5}},
        {"id": 6, "area": "sidebar", "kind": "archives", "title": "Archives", "position": 4, "config": {}},
        {"id": 8, "area": "sidebar", "kind": "categories", "title": "Catégories", "position": 5,
         "config": {}},
        {"id": 9, "area": "sidebar", "kind": "rss", "title": "Flux RSS", "position": 6,
         "config": {"count": 5, "url": ""}},
    ])
    run.insert(Popup, [{
        "id": 1, "name": "Portes ouvertes de juin", "kind": "modal", "title": "Journées portes ouvertes",
        "body": "Venez visiter notre atelier de Roubaix les 5 et 6 juin : démonstrations de broderie et "
                "tissage.", "button_label": "", "button_url": "", "active": False, "pages": "home",
        "delay_seconds": 5, "frequency": "session", "starts_on": run.ref, "ends_on": run.ref + days(12),
    }])


def _subscribers(run: Run) -> list[dict]:
    rng = run.local_rng("subscribers")
    customers = list(run.db.execute(select(Customer.email, Customer.first_name).order_by(Customer.id)))
    picked = customers[::max(1, len(customers) // 80)][:80]
    rows = []
    span = (run.ref - run.start).days
    for i in range(200):
        if i < len(picked):
            email, name = picked[i]
        else:
            first, last = run.fake.first_name(), run.fake.last_name()
            domain = rng.choice(["gmail.com", "orange.fr", "free.fr", "laposte.net"])
            email, name = f"{slugify(first)}.{slugify(last)}.{i}@{domain}", first
        tags = sorted(rng.sample(TAGS, rng.choice([0, 1, 1, 2])))
        rows.append({"id": i + 1, "email": email, "name": name, "active": i % 23 != 7,
                     "created_at": at(run.start + days(rng.randrange(span)), 9 + i % 10, i % 60),
                     "tags": ",".join(tags)})
    run.insert(Subscriber, rows)
    return rows


def _campaigns(run: Run, subscribers: list[dict]) -> None:
    seed = get_setting(run.db, "context.id") + get_setting(run.db, "context.version")
    campaigns = [
        (1, "Soldes d'hiver : jusqu'à -30 % sur le linge de lit", "all", -500,
         lambda s: True),
        (2, "Professionnels : équipez vos chambres en linge durable", "tag:professionnel", -220,
         lambda s: "professionnel" in s["tags"].split(",")),
    ]
    sends, send_id = [], 1
    for cid, subject, segment, day, keep in campaigns:
        run.insert(Campaign, [{"id": cid, "subject": subject, "segment": segment, "status": "sent",
                               "body": subject + "\n\nÀ bientôt dans notre showroom de Roubaix.",
                               "created_at": at(run.ref + days(day - 1), 15),
                               "sent_at": at(run.ref + days(day), 9)}])
        for s in subscribers:
            if s["active"] and keep(s):
                opened, clicked = simulated_result(seed, cid, s["email"])
                sends.append({"id": send_id, "campaign_id": cid, "email": s["email"], "opened": opened,
                              "clicked": clicked})
                send_id += 1
    run.insert(CampaignSend, sends)


def _social(run: Run) -> None:
    posts, comments, cid = [], [], 1
    media = run.keys.get("media", {})
    company = get_setting(run.db, "company.name")
    for i, (body, likes, remarks) in enumerate(SOCIAL):
        when = at(run.ref - days(100 - i * 10), 11, (i * 7) % 60)
        posts.append({"id": i + 1, "network": "facebook", "body": body, "likes": likes, "created_at": when,
                      "media_id": media.get("champ") if i == 0 else None})
        for j, (author, text) in enumerate(remarks):
            comments.append({"id": cid, "post_id": i + 1, "parent_id": None, "author_name": author,
                             "body": text, "from_company": False, "created_at": when + days(j) + days(0)})
            cid += 1
            if i in (2, 5) and j == 0:  # a few are already answered
                comments.append({"id": cid, "post_id": i + 1, "parent_id": cid - 1, "author_name": company,
                                 "body": "Merci beaucoup !", "from_company": True,
                                 "created_at": when + days(j + 1)})
                cid += 1
    run.insert(SocialPost, posts)
    run.insert(SocialComment, comments)


def _contact_forms(run: Run) -> None:
    """The « Contact » page ends with the contact form and the newsletter sign-up (X-REL-1, X-REL-2)."""
    page = run.db.scalar(select(Post).where(Post.kind == "page", Post.slug == "contact"))
    if page is not None:
        # « Coordonnées » shows the contact details of « Réglages › Général » (edited there, shown here).
        page.blocks = [*page.blocks, {"type": "contact_details", "title": "Nos coordonnées"},
                       {"type": "form", "kind": "contact", "title": "Écrivez-nous"},
                       {"type": "form", "kind": "newsletter", "title": "Recevoir notre lettre d'information"}]


def seed_site_extras(run: Run) -> None:
    """Menus, widgets, pop-up, subscribers, campaigns, social timeline and contact messages."""
    _contact_forms(run)
    _menus(run)
    _widgets(run)
    _campaigns(run, _subscribers(run))
    _social(run)
    run.insert(ContactMessage, [
        {"id": i + 1, "name": name, "email": email, "message": text, "page_url": "/site/contact",
         "read": i >= 3, "created_at": at(run.ref - days(9 - i * 2), 10 + i, 5 * i), "reply": "",
         "replied_at": None, "handled": i == 4}
        for i, (name, email, text) in enumerate(MESSAGES)
    ])
