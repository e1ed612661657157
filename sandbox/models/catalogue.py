"""Catalogue: taxes, categories, brands, products, attributes, combinations, features, packs, stock."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, object_session, relationship

from sandbox.activity.summaries import describe_changes
from sandbox.db.base import Base, Cents, MicroEuros
from sandbox.formatting import format_money, format_number
from sandbox.money import ttc_from_ht


def _rate(obj, tax_id) -> int:
    session = object_session(obj)
    tax = session.get(Tax, tax_id) if session is not None and tax_id is not None else None
    return tax.rate_bp if tax is not None else 0


def _ttc_part(label: str, old_ht, new_ht, old_rate: int, new_rate: int, signed: bool = False) -> str | None:
    old_ttc, new_ttc = ttc_from_ht(old_ht or 0, old_rate), ttc_from_ht(new_ht or 0, new_rate)
    if old_ttc == new_ttc:
        return None

    def text(value) -> str:
        return ("+" if signed and value >= 0 else "") + format_money(value)

    return f"{label} {text(old_ttc)} → {text(new_ttc)}"


def _link_summary(obj, owner_id: int, other_id: int, action: str, what: str, prefix: str) -> str | None:
    """Summary of a product-to-product link (pack content, accessory) naming both products."""
    session = object_session(obj)
    if session is None:
        return None
    owner, other = session.get(Product, owner_id), session.get(Product, other_id)
    if owner is None or other is None:
        return None
    verb = {"create": "ajouté(s)", "delete": "retiré(s)"}.get(action, "modifié(s)")
    return f"{what} « {owner.name} » : {prefix}{other.name} {verb}"


DIMENSIONS = {"width_cm": "largeur", "height_cm": "hauteur", "depth_cm": "profondeur"}


def _cm_part(label: str):
    """Render a dimension change as « largeur 0 cm → 45,5 cm »."""

    def text(value) -> str:
        value = Decimal(value or 0)
        return f"{format_number(value, 0 if value == value.to_integral_value() else 2)} cm"

    return lambda old, new: f"{label} {text(old)} → {text(new)}"


class Tax(Base):
    """A VAT rate (basis points: 2000 = 20 %)."""

    __tablename__ = "tax"
    __activity__ = {"label": "Taxe", "gender": "f", "title": "name"}

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), info={"label": "nom"})
    rate_bp: Mapped[int] = mapped_column(Integer, info={"label": "taux"})


class Category(Base):
    """A shop category; the tree has a root (id 1, « Accueil ») and two levels below it."""

    __tablename__ = "category"
    __activity__ = {"label": "Catégorie", "gender": "f", "title": "name"}

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("category.id"), info={"label": "parent"})
    name: Mapped[str] = mapped_column(String(120), info={"label": "nom"})
    slug: Mapped[str] = mapped_column(String(140), info={"label": "URL simplifiée"})
    description: Mapped[str] = mapped_column(Text, default="", info={"label": "description"})
    position: Mapped[int] = mapped_column(Integer, default=0, info={"label": "position"})
    active: Mapped[bool] = mapped_column(Boolean, default=True, info={"label": "affichée"})
    image_id: Mapped[int | None] = mapped_column(ForeignKey("media.id"), info={"label": "image"})
    meta_title: Mapped[str] = mapped_column(String(200), default="", info={"label": "balise titre"})
    meta_description: Mapped[str] = mapped_column(String(300), default="", info={"label": "méta description"})

    parent: Mapped[Category | None] = relationship(remote_side="Category.id")


class Brand(Base):
    """A brand (marque) of products."""

    __tablename__ = "brand"
    __activity__ = {"label": "Marque", "gender": "f", "title": "name"}

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), info={"label": "nom"})
    slug: Mapped[str] = mapped_column(String(140))
    description: Mapped[str] = mapped_column(Text, default="", info={"label": "description"})
    logo_id: Mapped[int | None] = mapped_column(ForeignKey("media.id"), info={"label": "logo"})
    active: Mapped[bool] = mapped_column(Boolean, default=True, info={"label": "activée"})
    meta_title: Mapped[str] = mapped_column(String(200), default="", info={"label": "balise titre"})
    meta_description: Mapped[str] = mapped_column(String(300), default="", info={"label": "méta description"})


class Product(Base):
    """A product sheet. Prices are kept HT with 6 decimals; TTC is derived from the tax rate."""

    __tablename__ = "product"
    __activity__ = {"label": "Produit", "title": "name"}

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(64), default="", info={"label": "référence"})
    ean13: Mapped[str] = mapped_column(String(13), default="", info={"label": "EAN-13"})
    name: Mapped[str] = mapped_column(String(160), info={"label": "nom"})
    slug: Mapped[str] = mapped_column(String(180), info={"label": "URL simplifiée"})
    summary: Mapped[str] = mapped_column(Text, default="", info={"label": "récapitulatif"})
    description: Mapped[str] = mapped_column(Text, default="", info={"label": "description"})
    price_ht: Mapped[Decimal] = mapped_column(
        MicroEuros, default=Decimal(0), info={"label": "prix HT", "kind": "money"}
    )
    tax_id: Mapped[int] = mapped_column(ForeignKey("tax.id"), info={"label": "règle de taxe"})
    wholesale_price_ht: Mapped[Decimal] = mapped_column(
        MicroEuros, default=Decimal(0), info={"label": "prix d'achat HT", "kind": "money"}
    )
    weight_g: Mapped[int] = mapped_column(Integer, default=0, info={"label": "poids (g)"})
    # Livraison tab (PrestaShop's « Dimensions du colis », in cm, and « Frais de port supplémentaires » HT).
    width_cm: Mapped[Decimal] = mapped_column(Cents, default=Decimal(0), info={"label": "largeur"})
    height_cm: Mapped[Decimal] = mapped_column(Cents, default=Decimal(0), info={"label": "hauteur"})
    depth_cm: Mapped[Decimal] = mapped_column(Cents, default=Decimal(0), info={"label": "profondeur"})
    additional_shipping_ht: Mapped[Decimal] = mapped_column(
        Cents, default=Decimal(0), info={"label": "frais de port supplémentaires HT", "kind": "money"}
    )
    condition: Mapped[str] = mapped_column(String(16), default="new", info={"label": "état"})
    visibility: Mapped[str] = mapped_column(String(16), default="both", info={"label": "visibilité"})
    active: Mapped[bool] = mapped_column(Boolean, default=True, info={"label": "en ligne"})
    online_only: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "exclusivité web"})
    on_sale: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "drapeau « En solde ! »"})
    default_category_id: Mapped[int] = mapped_column(
        ForeignKey("category.id"), info={"label": "catégorie par défaut"}
    )
    brand_id: Mapped[int | None] = mapped_column(ForeignKey("brand.id"), info={"label": "marque"})
    quantity: Mapped[int] = mapped_column(Integer, default=0, info={"label": "stock"})
    out_of_stock: Mapped[str] = mapped_column(
        String(10), default="default", info={"label": "comportement hors stock"}
    )
    available_now: Mapped[str] = mapped_column(String(120), default="", info={"label": "message en stock"})
    available_later: Mapped[str] = mapped_column(
        String(120), default="", info={"label": "message hors stock"}
    )
    available_date: Mapped[date | None] = mapped_column(Date, info={"label": "date de disponibilité"})
    is_pack: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "pack"})
    meta_title: Mapped[str] = mapped_column(String(200), default="", info={"label": "balise titre"})
    meta_description: Mapped[str] = mapped_column(String(300), default="", info={"label": "méta description"})
    created_at: Mapped[datetime] = mapped_column(DateTime, info={"label": "date d'ajout"})

    tax: Mapped[Tax] = relationship()
    brand: Mapped[Brand | None] = relationship()
    default_category: Mapped[Category] = relationship()
    combinations: Mapped[list[Combination]] = relationship(
        back_populates="product", order_by="Combination.id", cascade="all, delete-orphan"
    )
    images: Mapped[list[ProductImage]] = relationship(
        order_by="ProductImage.position", cascade="all, delete-orphan"
    )
    categories: Mapped[list[Category]] = relationship(secondary="product_category", order_by="Category.id")

    @property
    def price_ttc(self) -> Decimal:
        """Public price including tax, to the cent."""
        return ttc_from_ht(self.price_ht, self.tax.rate_bp)

    @property
    def cover(self) -> ProductImage | None:
        """The cover image, or the first image."""
        return next((i for i in self.images if i.cover), self.images[0] if self.images else None)

    @property
    def total_quantity(self) -> int:
        """Stock of the product: sum of its combinations when it has some."""
        return sum(c.quantity for c in self.combinations) if self.combinations else self.quantity

    def activity_summary(self, action: str, changes: dict) -> str | None:
        """« Produit « Drap housse lin » : prix TTC 49,00 € → 44,90 € »: prices read TTC, links by name."""
        if action != "update":
            return None
        old_tax, new_tax = changes.get("tax_id", (self.tax_id, self.tax_id))
        old_rate, new_rate = _rate(self, old_tax), _rate(self, new_tax)
        old_ht, new_ht = changes.get("price_ht", (self.price_ht, self.price_ht))

        def tax_part(old, new) -> str:
            part = describe_changes(self, {"tax_id": (old, new)})
            if "price_ht" in changes:
                return part
            price = _ttc_part("prix TTC", old_ht, new_ht, old_rate, new_rate)
            return f"{part} ; {price}" if price else part

        special = {
            "price_ht": lambda old, new: _ttc_part("prix TTC", old, new, old_rate, new_rate),
            "tax_id": tax_part,
            **{name: _cm_part(label) for name, label in DIMENSIONS.items()},
        }
        return f"Produit « {self.name} » : {describe_changes(self, changes, special)}"


class ProductCategory(Base):
    """Association of a product with one of its categories."""

    __tablename__ = "product_category"

    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class ProductImage(Base):
    """A picture of a product, from the media library, with its caption (legend)."""

    __tablename__ = "product_image"
    __activity__ = {"label": "Image produit", "gender": "f", "title": "legend"}

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"))
    media_id: Mapped[int] = mapped_column(ForeignKey("media.id"))
    position: Mapped[int] = mapped_column(Integer, default=0, info={"label": "position"})
    cover: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "image de couverture"})
    legend: Mapped[str] = mapped_column(String(200), default="", info={"label": "légende"})


class AttributeGroup(Base):
    """An attribute such as Taille or Couleur."""

    __tablename__ = "attribute_group"
    __activity__ = {"label": "Attribut", "title": "name"}

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), info={"label": "nom"})
    public_name: Mapped[str] = mapped_column(String(80), info={"label": "nom public"})
    kind: Mapped[str] = mapped_column(String(10), default="select", info={"label": "type"})
    position: Mapped[int] = mapped_column(Integer, default=0)

    values: Mapped[list[Attribute]] = relationship(order_by="Attribute.position", back_populates="group")


class Attribute(Base):
    """A value of an attribute (140 x 190, Blanc…)."""

    __tablename__ = "attribute"
    __activity__ = {"label": "Valeur d'attribut", "gender": "f", "title": "name"}

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("attribute_group.id"))
    name: Mapped[str] = mapped_column(String(80), info={"label": "valeur"})
    color: Mapped[str] = mapped_column(String(7), default="", info={"label": "couleur"})
    position: Mapped[int] = mapped_column(Integer, default=0)

    group: Mapped[AttributeGroup] = relationship(back_populates="values")


class Combination(Base):
    """A combination (déclinaison) of a product: its own reference, stock and price impact."""

    __tablename__ = "combination"
    __activity__ = {"label": "Déclinaison", "gender": "f", "title": "label"}

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"))
    reference: Mapped[str] = mapped_column(String(64), default="", info={"label": "référence"})
    ean13: Mapped[str] = mapped_column(String(13), default="", info={"label": "EAN-13"})
    price_impact_ht: Mapped[Decimal] = mapped_column(
        MicroEuros, default=Decimal(0), info={"label": "impact sur le prix HT", "kind": "money"}
    )
    weight_impact_g: Mapped[int] = mapped_column(Integer, default=0, info={"label": "impact sur le poids"})
    quantity: Mapped[int] = mapped_column(Integer, default=0, info={"label": "stock"})
    is_default: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "déclinaison par défaut"})

    product: Mapped[Product] = relationship(back_populates="combinations")
    attributes: Mapped[list[Attribute]] = relationship(
        secondary="combination_attribute", order_by="Attribute.group_id"
    )

    @property
    def label(self) -> str:
        """« Drap housse lin – 140 x 190, Blanc »."""
        values = ", ".join(a.name for a in self.attributes)
        return f"{self.product.name} – {values}" if values else self.product.name

    @property
    def price_ht(self) -> Decimal:
        """Price HT of this combination (product price + impact)."""
        return self.product.price_ht + self.price_impact_ht

    @property
    def price_ttc(self) -> Decimal:
        """Price TTC of this combination, to the cent."""
        return ttc_from_ht(self.price_ht, self.product.tax.rate_bp)

    def activity_summary(self, action: str, changes: dict) -> str | None:
        """« Déclinaison « Drap housse lin – 140 x 190, Blanc » : stock 12 → 8 », impacts read TTC."""
        if action != "update" or self.product is None:
            return None
        rate = self.product.tax.rate_bp
        label = "impact sur le prix TTC"
        special = {"price_impact_ht": lambda old, new: _ttc_part(label, old, new, rate, rate, signed=True)}
        return f"Déclinaison « {self.label} » : {describe_changes(self, changes, special)}"


class CombinationAttribute(Base):
    """Which attribute values make a combination."""

    __tablename__ = "combination_attribute"

    combination_id: Mapped[int] = mapped_column(
        ForeignKey("combination.id", ondelete="CASCADE"), primary_key=True
    )
    attribute_id: Mapped[int] = mapped_column(
        ForeignKey("attribute.id", ondelete="CASCADE"), primary_key=True
    )


class Feature(Base):
    """A feature (caractéristique) such as Composition or Origine."""

    __tablename__ = "feature"
    __activity__ = {"label": "Caractéristique", "gender": "f", "title": "name"}

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), info={"label": "nom"})
    position: Mapped[int] = mapped_column(Integer, default=0)


class FeatureValue(Base):
    """A value of a feature (100 % lin lavé, France…)."""

    __tablename__ = "feature_value"
    __activity__ = {"label": "Valeur de caractéristique", "gender": "f", "title": "value"}

    id: Mapped[int] = mapped_column(primary_key=True)
    feature_id: Mapped[int] = mapped_column(ForeignKey("feature.id"))
    value: Mapped[str] = mapped_column(String(160), info={"label": "valeur"})

    feature: Mapped[Feature] = relationship()


class ProductFeature(Base):
    """A feature value given to a product."""

    __tablename__ = "product_feature"

    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), primary_key=True)
    feature_id: Mapped[int] = mapped_column(ForeignKey("feature.id"), primary_key=True)
    value_id: Mapped[int] = mapped_column(ForeignKey("feature_value.id"))


class PackItem(Base):
    """A product contained in a pack, with its quantity."""

    __tablename__ = "pack_item"
    __activity__ = {"label": "Contenu de pack", "title": "item_id"}

    pack_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("product.id"), primary_key=True)
    quantity: Mapped[int] = mapped_column(Integer, default=1, info={"label": "quantité"})

    def activity_summary(self, action: str, changes: dict) -> str | None:
        """« Pack « Coffret Nuit douce » : 2 × Taie d'oreiller en lin lavé ajouté(s) »."""
        return _link_summary(self, self.pack_id, self.item_id, action, "Pack", f"{self.quantity} × ")


class RelatedProduct(Base):
    """An accessory (related product) shown on a product page."""

    __tablename__ = "related_product"
    __activity__ = {"label": "Accessoire", "title": "related_id"}

    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), primary_key=True)
    related_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), primary_key=True)

    def activity_summary(self, action: str, changes: dict) -> str | None:
        """« Accessoires de « Drap housse lin » : Taie d'oreiller en lin lavé ajouté(s) »."""
        return _link_summary(self, self.product_id, self.related_id, action, "Accessoires de", "")


class CustomizationField(Base):
    """A field the customer fills to personalise a product (text or file)."""

    __tablename__ = "customization_field"
    __activity__ = {"label": "Champ de personnalisation", "title": "label"}

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(8), default="text", info={"label": "type"})
    label: Mapped[str] = mapped_column(String(160), info={"label": "libellé"})
    required: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "obligatoire"})


class StockMovement(Base):
    """A stock change with its reason (order, inventory correction, return…)."""

    __tablename__ = "stock_movement"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"))
    combination_id: Mapped[int | None] = mapped_column(ForeignKey("combination.id", ondelete="CASCADE"))
    delta: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(120))
    employee_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
