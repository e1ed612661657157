"""Checks of company.toml: required identity keys, SIREN/SIRET checksums, VAT number key, social URLs."""

from __future__ import annotations

from sandbox.seeding.common import luhn_valid
from sandbox.seeding.validate import Checker


def check_company(c: Checker) -> None:
    """Identity of the company: required keys, SIREN/SIRET checksums, VAT number key."""
    data = c.toml("company.toml")
    if data is None:
        return
    for table, keys in (
        (
            "company",
            [
                "name",
                "legal_name",
                "siren",
                "siret",
                "vat_number",
                "address1",
                "postcode",
                "city",
                "phone",
                "email",
                "domain",
                "website",
            ],
        ),
        ("social", []),
        (
            "shop",
            [
                "name",
                "email",
                "cheque_payee",
                "cheque_address",
                "wire_owner",
                "wire_bank",
                "wire_iban",
                "wire_bic",
                "return_days",
                "new_product_days",
            ],
        ),
        ("site", ["title", "tagline", "posts_per_page"]),
    ):
        section = data.get(table)
        if not isinstance(section, dict):
            c.add("company.toml", f"[{table}]", "table absente", f"ajoutez la table [{table}]")
            continue
        for key in keys:
            if key not in section or section[key] in ("", None):
                c.add("company.toml", f"{table}.{key}", "valeur absente", f"renseignez {table}.{key}")
        for key, url in section.items() if table == "social" else []:
            if not str(url).startswith("https://"):
                c.add(
                    "company.toml",
                    f"social.{key}",
                    f"« {url} » n'est pas une adresse https://",
                    "indiquez l'adresse complète de la page, par exemple https://www.instagram.com/…",
                )
    company = data.get("company", {})
    siren, siret = str(company.get("siren", "")), str(company.get("siret", ""))
    if not (len(siren) == 9 and luhn_valid(siren)):
        c.add(
            "company.toml",
            "company.siren",
            f"« {siren} » n'est pas un SIREN valide",
            "indiquez 9 chiffres dont la clé de Luhn est juste",
        )
    if not (len(siret) == 14 and luhn_valid(siret) and siret.startswith(siren)):
        c.add(
            "company.toml",
            "company.siret",
            f"« {siret} » n'est pas un SIRET valide pour ce SIREN",
            "indiquez le SIREN suivi des 5 chiffres du NIC (clé de Luhn juste sur les 14 chiffres)",
        )
    if siren.isdigit() and company.get("vat_number") != f"FR{(12 + 3 * (int(siren) % 97)) % 97:02d}{siren}":
        c.add(
            "company.toml",
            "company.vat_number",
            "le numéro de TVA ne correspond pas au SIREN",
            f"écrivez FR{(12 + 3 * (int(siren) % 97)) % 97:02d}{siren}",
        )
