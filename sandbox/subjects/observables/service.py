"""Checks on customer service: threads answered and their status, product comments moderated."""

from __future__ import annotations

from sandbox.formatting import format_datetime
from sandbox.models import Product
from sandbox.subjects.labels import THREAD_STATUSES
from sandbox.subjects.observables import Observation, ObserveContext, check, verdict
from sandbox.subjects.observables.common import fold, opt_int, plural, quote
from sandbox.subjects.params import Param, ref


@check(
    "thread.answered",
    label="Réponse à un fil SAV",
    params={
        "thread": ref("thread", '"@sav_client" (fil créé dans changes.toml)'),
        "contains": Param("list", '["remboursement"] (mots attendus dans la réponse)', False),
        "min_chars": opt_int("longueur minimale de la réponse"),
    },
)
def thread_answered(ctx: ObserveContext, p: dict) -> Observation:
    """An employee answered after the customer's last message (internal notes do not count)."""
    thread = ctx.get("thread", p["thread"])
    if thread is None:
        return Observation(False, f"Fil SAV {quote(p['thread'])} introuvable")
    head = f"Fil SAV {quote(thread.subject)} ({thread.email})"
    last_customer = max((m.id for m in thread.messages if m.employee_id is None), default=0)
    answers = [
        m for m in thread.messages if m.employee_id is not None and not m.private and m.id > last_customer
    ]
    if not answers:
        return Observation(
            False, f"{head} : pas de réponse après le dernier message du client — attendu : une réponse"
        )
    answer = answers[-1]
    size = len(" ".join(answer.body.split()))
    facts = f"{head} : réponse du {format_datetime(answer.created_at)} ({plural(size, 'caractère')})"
    misses = [f"le mot {quote(w)}" for w in p.get("contains", []) if fold(w) not in fold(answer.body)]
    if "min_chars" in p and size < p["min_chars"]:
        misses.append(f"une réponse d'au moins {p['min_chars']} caractères")
    return verdict(facts, misses)


@check(
    "thread.status",
    label="Statut d'un fil SAV",
    params={
        "thread": ref("thread", '"@sav_client" (fil créé dans changes.toml)'),
        "status": Param("choice", "le statut attendu", choices=tuple(THREAD_STATUSES)),
    },
)
def thread_status(ctx: ObserveContext, p: dict) -> Observation:
    """Status of a customer-service thread."""
    thread = ctx.get("thread", p["thread"])
    if thread is None:
        return Observation(False, f"Fil SAV {quote(p['thread'])} introuvable")
    facts = (
        f"Fil SAV {quote(thread.subject)} : statut « {THREAD_STATUSES.get(thread.status, thread.status)} »"
    )
    misses = [] if thread.status == p["status"] else [f"statut « {THREAD_STATUSES[p['status']]} »"]
    return verdict(facts, misses)


@check(
    "product_comment.status",
    label="Modération d'un avis produit",
    params={
        "comment": ref("product_comment", '"@avis" (avis créé dans changes.toml)'),
        "expect": Param("choice", "ce qui est attendu", choices=("validated", "deleted", "pending")),
    },
)
def product_comment_status(ctx: ObserveContext, p: dict) -> Observation:
    """Whether a product comment was validated, deleted, or is still waiting."""
    comment = ctx.get("product_comment", p["comment"])
    if comment is None:
        state, facts = "deleted", f"Avis {quote(p['comment'])} : supprimé"
    else:
        state = "validated" if comment.validated else "pending"
        product = ctx.db.get(Product, comment.product_id)
        word = "validé (publié)" if comment.validated else "en attente de validation"
        facts = f"Avis {quote(comment.title)} de {comment.author_name} sur {quote(product.name)} : {word}"
    wanted = {"validated": "validé", "deleted": "supprimé", "pending": "en attente"}[p["expect"]]
    return verdict(facts, [] if state == p["expect"] else [wanted])
