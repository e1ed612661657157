"""Promotions: catalogue price rules, specific prices, cart rules (vouchers) and their uses."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, object_session, relationship

from sandbox.db.base import Base, Cents, MicroEuros

# reduction_type values shared by the three kinds of rules.
PERCENT, AMOUNT = "percent", "amount"
# What a cart rule's reduction applies to (PrestaShop's « Appliquer une réduction à »).
APPLY_ORDER, APPLY_PRODUCT, APPLY_CHEAPEST, APPLY_SELECTED = "order", "product", "cheapest", "selected"
APPLY_TO = {
    APPLY_ORDER: "Commande (sans frais de port)",
    APPLY_PRODUCT: "Produit spécifique",
    APPLY_CHEAPEST: "Produit le moins cher",
    APPLY_SELECTED: "Produit(s) sélectionné(s)",
}
# Kinds of a cart rule's product restriction (« Restreindre la sélection de produits »), products apart.
RESTRICTION_KINDS = {"category": "catégorie", "brand": "marque", "attribute": "valeur d'attribut"}


class CatalogRule(Base):
    """A catalogue price rule: a reduction on every product of a scope (category, brand, group, country)."""

    __tablename__ = "catalog_rule"
    __activity__ = {"label": "Règle de prix catalogue", "gender": "f", "title": "name"}

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), info={"label": "nom"})
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("category.id", ondelete="CASCADE"), info={"label": "catégorie"}
    )
    brand_id: Mapped[int | None] = mapped_column(
        ForeignKey("brand.id", ondelete="CASCADE"), info={"label": "marque"}
    )
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("customer_group.id", ondelete="CASCADE"), info={"label": "groupe"}
    )
    country_id: Mapped[int | None] = mapped_column(
        ForeignKey("country.id", ondelete="CASCADE"), info={"label": "pays"}
    )
    from_quantity: Mapped[int] = mapped_column(Integer, default=1, info={"label": "à partir de (quantité)"})
    date_from: Mapped[date | None] = mapped_column(Date, info={"label": "du"})
    date_to: Mapped[date | None] = mapped_column(Date, info={"label": "au"})
    reduction_type: Mapped[str] = mapped_column(
        String(8), default=PERCENT, info={"label": "type de réduction"}
    )
    reduction: Mapped[Decimal] = mapped_column(Cents, default=Decimal(0), info={"label": "réduction"})
    reduction_tax_included: Mapped[bool] = mapped_column(Boolean, default=True, info={"label": "montant TTC"})


class SpecificPrice(Base):
    """A specific price of one product (or combination), for a group, a customer, dates, from a quantity."""

    __tablename__ = "specific_price"
    __activity__ = {"label": "Prix spécifique", "title": "id"}

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(
        ForeignKey("product.id", ondelete="CASCADE"), info={"label": "produit"}
    )
    combination_id: Mapped[int | None] = mapped_column(
        ForeignKey("combination.id", ondelete="CASCADE"), info={"label": "déclinaison"}
    )
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("customer_group.id", ondelete="CASCADE"), info={"label": "groupe"}
    )
    customer_id: Mapped[int | None] = mapped_column(
        ForeignKey("customer.id", ondelete="CASCADE"), info={"label": "client"}
    )
    from_quantity: Mapped[int] = mapped_column(Integer, default=1, info={"label": "à partir de (quantité)"})
    date_from: Mapped[date | None] = mapped_column(Date, info={"label": "du"})
    date_to: Mapped[date | None] = mapped_column(Date, info={"label": "au"})
    fixed_price_ht: Mapped[Decimal | None] = mapped_column(
        MicroEuros, info={"label": "prix fixe HT", "kind": "money"}
    )
    reduction_type: Mapped[str] = mapped_column(
        String(8), default=PERCENT, info={"label": "type de réduction"}
    )
    reduction: Mapped[Decimal] = mapped_column(Cents, default=Decimal(0), info={"label": "réduction"})
    reduction_tax_included: Mapped[bool] = mapped_column(Boolean, default=True, info={"label": "montant TTC"})

    def activity_summary(self, action: str, changes: dict) -> str | None:
        """« Prix spécifique de « Savon de Marseille » : -10 % dès 3 unités ajouté »."""
        from sandbox.formatting import format_money, format_number
        from sandbox.models import Product

        session = object_session(self)
        product = session.get(Product, self.product_id) if session is not None else None
        parts = [
            f"prix fixe {format_money(self.fixed_price_ht)} HT" if self.fixed_price_ht is not None else ""
        ]
        if self.reduction:
            parts.append(
                f"-{format_number(self.reduction, 2)} %"
                if self.reduction_type == PERCENT
                else f"-{format_money(self.reduction)}"
            )
        if self.from_quantity > 1:
            parts.append(f"dès {self.from_quantity} unités")
        word = {"create": "ajouté", "delete": "supprimé"}.get(action, "modifié")
        name = product.name if product is not None else f"n° {self.product_id}"
        return f"Prix spécifique de « {name} » : {' '.join(p for p in parts if p)} {word}"


class CartRule(Base):
    """A cart rule (bon de réduction): information, conditions and actions, as PrestaShop's."""

    __tablename__ = "cart_rule"
    __activity__ = {"label": "Règle panier", "gender": "f", "title": "name"}

    id: Mapped[int] = mapped_column(primary_key=True)
    # Information
    name: Mapped[str] = mapped_column(String(120), info={"label": "nom"})
    description: Mapped[str] = mapped_column(Text, default="", info={"label": "description"})
    code: Mapped[str] = mapped_column(String(40), default="", index=True, info={"label": "code"})
    priority: Mapped[int] = mapped_column(Integer, default=1, info={"label": "priorité"})
    partial_use: Mapped[bool] = mapped_column(Boolean, default=True, info={"label": "utilisation partielle"})
    highlight: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "mise en avant"})
    active: Mapped[bool] = mapped_column(Boolean, default=True, info={"label": "actif"})
    # Conditions
    customer_id: Mapped[int | None] = mapped_column(
        ForeignKey("customer.id", ondelete="SET NULL"), info={"label": "client"}
    )
    date_from: Mapped[date] = mapped_column(Date, info={"label": "valable à partir du"})
    date_to: Mapped[date] = mapped_column(Date, info={"label": "valable jusqu'au"})
    minimum_amount: Mapped[Decimal] = mapped_column(
        Cents, default=Decimal(0), info={"label": "montant minimum", "kind": "money"}
    )
    minimum_tax_included: Mapped[bool] = mapped_column(Boolean, default=True, info={"label": "minimum TTC"})
    minimum_shipping_included: Mapped[bool] = mapped_column(
        Boolean, default=False, info={"label": "minimum frais de port inclus"}
    )
    quantity: Mapped[int] = mapped_column(Integer, default=1, info={"label": "quantité totale"})
    quantity_per_user: Mapped[int] = mapped_column(Integer, default=1, info={"label": "quantité par client"})
    # Actions
    free_shipping: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "livraison gratuite"})
    reduction_type: Mapped[str] = mapped_column(String(8), default="", info={"label": "type de réduction"})
    reduction: Mapped[Decimal] = mapped_column(Cents, default=Decimal(0), info={"label": "réduction"})
    reduction_tax_included: Mapped[bool] = mapped_column(Boolean, default=True, info={"label": "montant TTC"})
    exclude_specials: Mapped[bool] = mapped_column(
        Boolean, default=False, info={"label": "exclure les produits déjà en promotion"}
    )
    gift_product_id: Mapped[int | None] = mapped_column(
        ForeignKey("product.id", ondelete="SET NULL"), info={"label": "produit offert"}
    )
    gift_combination_id: Mapped[int | None] = mapped_column(ForeignKey("combination.id", ondelete="SET NULL"))
    # « Le panier doit contenir au moins N produit(s) correspondant aux règles suivantes » (restrictions).
    restriction_quantity: Mapped[int] = mapped_column(
        Integer, default=1, info={"label": "nombre de produits correspondant à la sélection"}
    )
    reduction_apply: Mapped[str] = mapped_column(
        String(10), default=APPLY_ORDER, info={"label": "réduction appliquée à"}
    )
    reduction_product_id: Mapped[int | None] = mapped_column(
        ForeignKey("product.id", ondelete="SET NULL"), info={"label": "produit réduit"}
    )

    products: Mapped[list["Product"]] = relationship(secondary="cart_rule_product")  # noqa: F821, UP037
    groups: Mapped[list["CustomerGroup"]] = relationship(secondary="cart_rule_group")  # noqa: F821, UP037
    carriers: Mapped[list["Carrier"]] = relationship(secondary="cart_rule_carrier")  # noqa: F821, UP037
    restrictions: Mapped[list[CartRuleRestriction]] = relationship(
        order_by="CartRuleRestriction.id", cascade="all, delete-orphan"
    )

    def activity_summary(self, action: str, changes: dict) -> str | None:
        """Says what a new rule does; names « réduction appliquée à » in words rather than as a code."""
        if action == "create":
            return f"Règle panier « {self.name} » créée — {self.actions_text()}"
        if action != "update" or "reduction_apply" not in changes:
            return None
        from sandbox.activity.summaries import describe_changes

        def applies(old, new) -> str:
            before, after = APPLY_TO.get(old or APPLY_ORDER), APPLY_TO.get(new or APPLY_ORDER)
            return f"réduction appliquée à {before} → {after}"

        special = {"reduction_apply": applies}
        return f"Règle panier « {self.name} » : {describe_changes(self, changes, special)}"

    def actions_text(self) -> str:
        """« code NOEL ; -20 % sur : Produit le moins cher ; dès 2 produits de la sélection »."""
        from sandbox.formatting import format_money, format_percent

        parts = [f"code {self.code}"] if self.code else []
        if self.reduction and self.reduction_type in (PERCENT, AMOUNT):
            tax = "TTC" if self.reduction_tax_included else "HT"
            amount = (f"-{format_percent(int(self.reduction * 100))}" if self.reduction_type == PERCENT
                      else f"-{format_money(self.reduction)} {tax}")
            parts.append(f"{amount} sur : {APPLY_TO.get(self.reduction_apply or APPLY_ORDER)}")
        if self.free_shipping:
            parts.append("livraison gratuite")
        if self.gift_product_id:
            parts.append("produit offert")
        if (self.restriction_quantity or 1) > 1:
            parts.append(f"dès {self.restriction_quantity} produits de la sélection")
        return " ; ".join(parts) or "aucune action"


class CartRuleRestriction(Base):
    """One value of a cart rule's product selection: a category, a brand or an attribute value."""

    __tablename__ = "cart_rule_restriction"
    __activity__ = {"label": "Restriction de règle panier", "title": "id"}

    id: Mapped[int] = mapped_column(primary_key=True)
    cart_rule_id: Mapped[int] = mapped_column(ForeignKey("cart_rule.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10), info={"label": "type"})
    target_id: Mapped[int] = mapped_column(Integer, info={"label": "valeur"})

    def target_name(self) -> str:
        """The name of the category, brand or attribute value (« Taille : 140 x 190 »)."""
        from sandbox.models import Attribute, Brand, Category

        session = object_session(self)
        model = {"category": Category, "brand": Brand, "attribute": Attribute}.get(self.kind)
        row = session.get(model, self.target_id) if session is not None and model is not None else None
        if row is None:
            return f"n° {self.target_id}"
        if isinstance(row, Attribute):
            return f"{row.group.name} : {row.name}"
        return row.name

    def activity_summary(self, action: str, changes: dict) -> str | None:
        """« Règle panier « Linge de lit » : sélection de produits, catégorie Linge de lit ajoutée »."""
        word = {"create": "ajoutée", "delete": "retirée"}.get(action)
        session = object_session(self)
        rule = session.get(CartRule, self.cart_rule_id) if session is not None else None
        if word is None or rule is None:
            return None
        kind = RESTRICTION_KINDS.get(self.kind, self.kind)
        return f"Règle panier « {rule.name} » : sélection de produits, {kind} {self.target_name()} {word}"


def _link_summary(link, action: str, model: str, column: str, what: str) -> str | None:
    """« Règle panier « Printemps » : sélection de produits, produit Plaid Ardoise ajouté »."""
    from sandbox import models

    word = {"create": "ajouté", "delete": "retiré"}.get(action)
    session = object_session(link)
    rule = session.get(CartRule, link.cart_rule_id) if session is not None else None
    other = session.get(getattr(models, model), getattr(link, column)) if session is not None else None
    if word is None or rule is None or other is None:
        return None
    return f"Règle panier « {rule.name} » : {what} {other.name} {word}"


class CartRuleProduct(Base):
    """Restriction of a cart rule: the cart must hold one of these products."""

    __tablename__ = "cart_rule_product"
    __activity__ = {"label": "Produit d'une règle panier", "title": "product_id"}

    def activity_summary(self, action: str, changes: dict) -> str | None:
        """« Règle panier « X » : sélection de produits, produit Y ajouté »."""
        return _link_summary(self, action, "Product", "product_id", "sélection de produits, produit")

    cart_rule_id: Mapped[int] = mapped_column(
        ForeignKey("cart_rule.id", ondelete="CASCADE"), primary_key=True
    )
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), primary_key=True)


class CartRuleGroup(Base):
    """Restriction of a cart rule to customer groups."""

    __tablename__ = "cart_rule_group"
    __activity__ = {"label": "Groupe d'une règle panier", "title": "group_id"}

    def activity_summary(self, action: str, changes: dict) -> str | None:
        """« Règle panier « X » : groupe de clients Professionnels ajouté »."""
        return _link_summary(self, action, "CustomerGroup", "group_id", "groupe de clients")

    cart_rule_id: Mapped[int] = mapped_column(
        ForeignKey("cart_rule.id", ondelete="CASCADE"), primary_key=True
    )
    group_id: Mapped[int] = mapped_column(
        ForeignKey("customer_group.id", ondelete="CASCADE"), primary_key=True
    )


class CartRuleCarrier(Base):
    """Restriction of a cart rule to carriers."""

    __tablename__ = "cart_rule_carrier"
    __activity__ = {"label": "Transporteur d'une règle panier", "title": "carrier_id"}

    def activity_summary(self, action: str, changes: dict) -> str | None:
        """« Règle panier « X » : transporteur Colissimo Domicile ajouté »."""
        return _link_summary(self, action, "Carrier", "carrier_id", "transporteur")

    cart_rule_id: Mapped[int] = mapped_column(
        ForeignKey("cart_rule.id", ondelete="CASCADE"), primary_key=True
    )
    carrier_id: Mapped[int] = mapped_column(ForeignKey("carrier.id", ondelete="CASCADE"), primary_key=True)


class CartCartRule(Base):
    """A code a customer applied to a cart."""

    __tablename__ = "cart_cart_rule"

    cart_id: Mapped[int] = mapped_column(ForeignKey("cart.id", ondelete="CASCADE"), primary_key=True)
    cart_rule_id: Mapped[int] = mapped_column(
        ForeignKey("cart_rule.id", ondelete="CASCADE"), primary_key=True
    )


class CartRuleUse(Base):
    """A cart rule used by an order: the order's discount line, with its amounts frozen."""

    __tablename__ = "cart_rule_use"
    __activity__ = {"label": "Réduction de commande", "gender": "f", "title": "name"}

    id: Mapped[int] = mapped_column(primary_key=True)
    cart_rule_id: Mapped[int | None] = mapped_column(ForeignKey("cart_rule.id", ondelete="SET NULL"))
    order_id: Mapped[int] = mapped_column(
        ForeignKey("orders.id", ondelete="CASCADE"), info={"label": "commande"}
    )
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(160), info={"label": "réduction"})
    amount_ht: Mapped[Decimal] = mapped_column(
        Cents, default=Decimal(0), info={"label": "montant HT", "kind": "money"}
    )
    amount_ttc: Mapped[Decimal] = mapped_column(
        Cents, default=Decimal(0), info={"label": "montant TTC", "kind": "money"}
    )
    free_shipping: Mapped[bool] = mapped_column(Boolean, default=False)

    def activity_summary(self, action: str, changes: dict) -> str | None:
        """« Réduction « X » appliquée à la commande « REF » : −17,98 € TTC »."""
        if action != "create":
            return None
        from sandbox.formatting import format_money
        from sandbox.models import Order

        session = object_session(self)
        order = session.get(Order, self.order_id) if session is not None else None
        where = f" à la commande « {order.reference} »" if order is not None else ""
        amount = f" : −{format_money(self.amount_ttc)} TTC" if self.amount_ttc else ""
        shipping = " (livraison gratuite)" if self.free_shipping else ""
        return f"Réduction « {self.name} » appliquée{where}{amount}{shipping}"
