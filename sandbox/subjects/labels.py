"""French words for the status codes stored in seats, as the back offices show them."""

from __future__ import annotations

# Merchandise returns, in the codes the context seeds: a request is confirmed (validated), the parcel comes
# back (received: the credit slip is then due), and the refund completes it.
RETURN_STATES = {
    "awaiting": "En attente de confirmation",
    "validated": "Validé, en attente du colis",
    "received": "Colis reçu",
    "refused": "Refusé",
    "completed": "Terminé (remboursé)",
}
THREAD_STATUSES = {"open": "Ouvert", "pending": "En attente", "closed": "Fermé"}
COMMENT_STATUSES = {
    "pending": "en attente",
    "approved": "approuvé",
    "spam": "indésirable",
    "trash": "à la corbeille",
}
POST_STATUSES = {
    "draft": "brouillon",
    "publish": "publié",
    "pending": "en attente de relecture",
    "private": "privé",
    "future": "planifié",
    "trash": "à la corbeille",
}
