"""French words for the status codes stored in seats, as the back offices show them."""

from __future__ import annotations

# Merchandise returns, as in PrestaShop: validated → waiting for the parcel → parcel received (the credit
# slip is then issued) → completed.
RETURN_STATES = {
    "awaiting": "En attente de confirmation",
    "waiting_package": "En attente du colis",
    "package_received": "Colis reçu",
    "refused": "Retour refusé",
    "completed": "Retour terminé",
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
}
