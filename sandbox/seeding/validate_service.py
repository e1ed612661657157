"""Checks of reviews.toml (grades, titles, remarks) and service.toml (thread scenarios, return reasons)."""

from __future__ import annotations

from sandbox.seeding.validate import Checker

THREAD_STATUSES = ("open", "pending", "closed")


def check_reviews_and_service(c: Checker) -> None:
    """Review texts for every grade and well-formed thread scenarios."""
    reviews = c.toml("reviews.toml")
    if reviews is not None:
        kinds = reviews.get("kinds", {})
        families = {row["key"] for row in c.csv("products.csv") or []}
        for grade in ("1", "2", "3", "4", "5"):
            for table in ("titles", "closings", "grades"):
                if not reviews.get(table, {}).get(grade):
                    c.add(
                        "reviews.toml",
                        f"{table}.{grade}",
                        "valeur absente pour cette note",
                        f"complétez la table [{table}] pour les notes 1 à 5",
                    )
        for kind, remarks in reviews.get("remarks", {}).items():
            if kind not in kinds:
                c.add(
                    "reviews.toml",
                    f"remarks.{kind}",
                    "famille de produits inconnue",
                    "ajoutez-la à la table [kinds]",
                )
            for n, remark in enumerate(remarks):
                if remark.get("grade") not in (1, 2, 3, 4, 5) or not remark.get("text"):
                    c.add(
                        "reviews.toml",
                        f"remarks.{kind}[{n}]",
                        "remarque sans texte ou note hors 1–5",
                        'écrivez { grade = 1 à 5, text = "…" }',
                    )
                for family in remark.get("only", []):
                    if family not in families:
                        c.add(
                            "reviews.toml",
                            f"remarks.{kind}[{n}].only",
                            f"la famille de produits « {family} » n'existe pas",
                            "indiquez une clé (colonne key) de products.csv",
                        )
    service = c.toml("service.toml")
    if service is None:
        return
    threads = service.get("thread", [])
    if c.sizes.get("customer_threads", 0) and not threads:
        c.add("service.toml", "thread", "aucun scénario de fil SAV", "ajoutez des tables [[thread]]")
    for n, thread in enumerate(threads):
        where = f"thread[{n}]"
        if (
            thread.get("about") not in ("order", "product", "visitor")
            or thread.get("status") not in THREAD_STATUSES
        ):
            c.add(
                "service.toml",
                where,
                "about ou status invalide",
                f"about : order, product ou visitor ; status : {', '.join(THREAD_STATUSES)}",
            )
        if thread.get("about") == "product" and not thread.get("product"):
            c.add(
                "service.toml",
                f"{where}.product",
                "fil sur un produit sans produit",
                'indiquez product = "<clé>"',
            )
        messages = thread.get("messages", [])
        if not messages or any(
            m.get("from") not in ("customer", "employee") or not m.get("text") for m in messages
        ):
            c.add(
                "service.toml",
                f"{where}.messages",
                "messages absents ou mal écrits",
                'écrivez { from = "customer" ou "employee", text = "…" }',
            )
    if not service.get("returns", {}).get("reasons"):
        c.add(
            "service.toml",
            "returns.reasons",
            "aucun motif de retour",
            "ajoutez une liste reasons dans [returns]",
        )
