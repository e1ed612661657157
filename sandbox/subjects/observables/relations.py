"""Checks on relations with visitors: contact inbox, newsletter campaigns, social timeline, exit attempts."""

from __future__ import annotations

from sqlalchemy import func, select

from sandbox.models import (
    ActivityEvent,
    Campaign,
    CampaignSend,
    ContactMessage,
    SocialComment,
    SocialPost,
)
from sandbox.models.campaigns import segment_label
from sandbox.subjects.observables import Observation, ObserveContext, check, verdict
from sandbox.subjects.observables.common import fold, opt_int, plural, quote
from sandbox.subjects.params import Param, text

EXIT_PREFIX = "Tentative de sortie du site d'examen vers "


@check(
    "inbox.answered",
    label="Message du formulaire de contact traité",
    features=("X-REL-2",),
    params={
        "email": text('"contact@hotel-lebeffroi.fr" (adresse de l\'expéditeur)'),
        "contains": Param("list", '["devis"] (mots attendus dans la réponse)', False),
    },
)
def inbox_answered(ctx: ObserveContext, p: dict) -> Observation:
    """A contact message from an address: read, answered, handled."""
    stmt = select(ContactMessage).where(func.lower(ContactMessage.email) == p["email"].lower())
    rows = list(ctx.db.scalars(stmt.order_by(ContactMessage.id.desc())))
    if not rows:
        return Observation(False, f"Aucun message de {p['email']}")
    m = rows[0]
    state = "répondu" if m.reply else ("traité" if m.handled else ("lu" if m.read else "non lu"))
    facts = f"Message de {m.name or m.email} : {state}" + (f", réponse {quote(m.reply)}" if m.reply else "")
    misses = [] if m.reply else ["une réponse"]
    misses += [f"le mot {quote(w)}" for w in p.get("contains", []) if fold(w) not in fold(m.reply)]
    return verdict(facts, misses)


@check(
    "campaign.sent",
    label="Campagne de newsletter envoyée à un segment",
    features=("X-REL-1",),
    params={
        "subject_contains": text('"portes ouvertes" (mots de l\'objet)'),
        "segment": text('"customers", "prospects", "all" ou "tag:professionnel"', required=False),
        "min_recipients": opt_int("nombre minimal de destinataires"),
    },
)
def campaign_sent(ctx: ObserveContext, p: dict) -> Observation:
    """A campaign found by its subject: sent, to which segment, with its simulated results."""
    wanted = fold(p["subject_contains"])
    campaigns = ctx.db.scalars(select(Campaign).order_by(Campaign.id.desc()))
    rows = [c for c in campaigns if wanted in fold(c.subject)]
    rows.sort(key=lambda c: c.status != "sent")
    if not rows:
        return Observation(False, f"Aucune campagne dont l'objet contient {quote(p['subject_contains'])}")
    c = rows[0]
    sent = ctx.db.scalar(select(func.count(CampaignSend.id)).where(CampaignSend.campaign_id == c.id)) or 0
    facts = (f"Campagne {quote(c.subject)} {'envoyée' if c.status == 'sent' else 'en brouillon'}, segment "
             f"{segment_label(c.segment)}, {plural(sent, 'destinataire')}")
    misses = [] if c.status == "sent" else ["envoyée"]
    if "segment" in p and c.segment != p["segment"]:
        misses.append(f"segment {segment_label(p['segment'])}")
    if sent < p.get("min_recipients", 0):
        misses.append(f"au moins {p['min_recipients']} destinataires")
    return verdict(facts, misses)


@check(
    "social.post",
    label="Publication sur les réseaux sociaux de l'entreprise",
    features=("X-REL-4",),
    params={
        "contains": text('"portes ouvertes" (mots de la publication)'),
        "with_image": Param("bool", "true si une image est attendue", False),
    },
)
def social_post(ctx: ObserveContext, p: dict) -> Observation:
    """A post of the company's timeline containing some words."""
    wanted = fold(p["contains"])
    posts = ctx.db.scalars(select(SocialPost).order_by(SocialPost.id.desc()))
    rows = [s for s in posts if wanted in fold(s.body)]
    if not rows:
        return Observation(False, f"Aucune publication contenant {quote(p['contains'])}")
    s = rows[0]
    facts = f"Publication {quote(s.body)} ({'avec' if s.media_id else 'sans'} image)"
    misses = ["une image"] if p.get("with_image") and not s.media_id else []
    return verdict(facts, misses)


@check(
    "social.answered",
    label="Réponse de l'entreprise à un commentaire sur les réseaux sociaux",
    features=("X-REL-4",),
    params={
        "author": text('"Claire Dumont" (auteur du commentaire)'),
        "contains": Param("list", '["initiales"] (mots attendus dans la réponse)', False),
    },
)
def social_answered(ctx: ObserveContext, p: dict) -> Observation:
    """The company answered a follower's comment."""
    wanted = fold(p["author"])
    comments = [c for c in ctx.db.scalars(select(SocialComment).where(SocialComment.from_company.is_(False))
                                          .order_by(SocialComment.id)) if fold(c.author_name) == wanted]
    if not comments:
        return Observation(False, f"Aucun commentaire de {p['author']}")
    ids = [c.id for c in comments]
    replies = list(ctx.db.scalars(select(SocialComment).where(SocialComment.parent_id.in_(ids),
                                                              SocialComment.from_company.is_(True))
                                  .order_by(SocialComment.id)))
    head = f"Commentaire de {comments[0].author_name} {quote(comments[0].body)}"
    if not replies:
        return Observation(False, f"{head} : sans réponse — attendu : une réponse de l'entreprise")
    reply = replies[-1]
    misses = [f"le mot {quote(w)}" for w in p.get("contains", []) if fold(w) not in fold(reply.body)]
    return verdict(f"{head} : réponse {quote(reply.body)}", misses)


@check(
    "exit.attempts",
    label="Tentatives de sortie du site d'examen (liens externes)",
    features=("S-APP-4", "S-CON-6"),
    params={
        "url_contains": text('"facebook.com" (adresse visée)', required=False),
        "max": opt_int("nombre maximal de tentatives attendu (0 : aucune)"),
    },
)
def exit_attempts(ctx: ObserveContext, p: dict) -> Observation:
    """How many times the candidate followed a link leaving the exam site, and where to."""
    rows = [s for s in ctx.db.scalars(select(ActivityEvent.summary).where(
        ActivityEvent.action == "visit", ActivityEvent.summary.like(EXIT_PREFIX + "%")))]
    urls = [s[len(EXIT_PREFIX):] for s in rows]
    if "url_contains" in p:
        urls = [u for u in urls if fold(p["url_contains"]) in fold(u)]
    shown = ", ".join(sorted(set(urls))[:3])
    facts = f"Sorties du site d'examen : {plural(len(urls), 'tentative')}" + (f" ({shown})" if shown else "")
    misses = []
    if "max" in p and len(urls) > p["max"]:
        misses.append(f"au plus {p['max']}")
    return verdict(facts, misses, compared="max" in p)
