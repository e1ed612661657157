"""The product sheet form and the per-product combinations form (rows built from the product)."""

from __future__ import annotations

from decimal import Decimal

from wtforms import BooleanField, HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from sandbox.models import Product
from sandbox.money import parse_amount, ttc_from_ht
from sandbox.services.catalogue import (
    CONDITIONS,
    OUT_OF_STOCK,
    VISIBILITIES,
    ProductInput,
    choose_basis,
    ean13_is_valid,
)
from sandbox.services.combinations import CombinationInput
from sandbox.services.product_shipping import ShippingInput
from sandbox.web.choice_fields import SelectField, SelectMultipleField
from sandbox.web.date_fields import DateField
from sandbox.web.shop_admin.forms import AdminForm, AmountField, QuantityField, input_amount
from sandbox.web.shop_admin.promotion_forms import Checkboxes

# Single-line texts, stripped before they reach the service.
TEXTS = ("name", "reference", "ean13", "available_now", "available_later", "meta_title", "meta_description",
         "slug")


def lines(text: str | None) -> str:
    """A text as typed, with the browser's CRLF line ends stored as plain LF."""
    return (text or "").replace("\r\n", "\n")


def optional_amount(text: str | None) -> Decimal | None:
    """A hidden amount the page wrote itself; None when empty or unreadable."""
    try:
        return parse_amount(text) if text else None
    except ValueError:
        return None


def _length(n: int) -> Length:
    return Length(max=n, message=f"{n} caractères au plus.")


class ProductForm(AdminForm):
    """Essentiel, Quantités, Prix and SEO sections of a product sheet."""

    name = StringField("Nom du produit", validators=[DataRequired("Le nom du produit est obligatoire."),
                                                     _length(160)])
    summary = TextAreaField("Récapitulatif", validators=[Optional()])
    description = TextAreaField("Description", validators=[Optional()])
    reference = StringField("Référence", validators=[_length(64)])
    ean13 = StringField("Code-barres EAN-13", validators=[_length(13)])
    category_ids = SelectMultipleField("Catégories associées", coerce=int, validate_choice=False)
    default_category_id = SelectField("Catégorie par défaut", coerce=int, validate_choice=False)
    brand_id = SelectField("Marque", coerce=int, validate_choice=False, default=0)
    price_ht = AmountField("Prix HT", render_kw={"data-price": "ht", "inputmode": "decimal"})
    price_ttc = AmountField("Prix TTC", render_kw={"data-price": "ttc", "inputmode": "decimal"})
    price_basis = HiddenField(default="", render_kw={"data-basis": ""})
    price_ht_initial = HiddenField(default="")
    tax_id = SelectField("Règle de taxe", coerce=int, validate_choice=False, render_kw={"data-tax": ""})
    wholesale_price_ht = AmountField("Prix d'achat HT", render_kw={"inputmode": "decimal"})
    weight_g = QuantityField("Poids (en grammes)", render_kw={"inputmode": "numeric"})
    condition = SelectField("État", default="new")
    visibility = SelectField("Visibilité", default="both")
    active = BooleanField("En ligne", default=True)
    online_only = BooleanField("Exclusivité web (vendu uniquement en ligne)")
    on_sale = BooleanField("Afficher le bandeau « En solde ! » sur la page du produit et dans les listes")
    quantity = QuantityField("Quantité", render_kw={"inputmode": "numeric"})
    out_of_stock = SelectField("En cas de rupture de stock", default="default")
    available_now = StringField("Libellé si le produit est en stock", validators=[_length(120)])
    available_later = StringField("Libellé si le produit est en rupture (commande autorisée)",
                                  validators=[_length(120)])
    available_date = DateField("Date de disponibilité", validators=[Optional()],
                               render_kw={"type": "date"})
    meta_title = StringField("Balise titre", validators=[_length(200)])
    meta_description = TextAreaField("Méta description", validators=[_length(300)])
    slug = StringField("URL simplifiée", validators=[_length(180)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Choices set on the bound fields: WTForms 3.3 deprecates tuples given at class level.
        self.condition.choices = list(CONDITIONS.items())
        self.visibility.choices = list(VISIBILITIES.items())
        self.out_of_stock.choices = list(OUT_OF_STOCK.items())

    def validate_ean13(self, field):
        """13 digits with a valid check digit, or empty."""
        if field.data and not ean13_is_valid(field.data.strip()):
            raise ValidationError("Le code EAN-13 doit compter 13 chiffres avec une clé de contrôle valide "
                             "(exemple : 3760123456784).")

    def validate_price_ht(self, field):
        """No negative price."""
        if field.data is not None and field.data < 0:
            raise ValidationError("Le prix HT ne peut pas être négatif.")

    def validate_price_ttc(self, field):
        """No negative price."""
        if field.data is not None and field.data < 0:
            raise ValidationError("Le prix TTC ne peut pas être négatif.")

    def validate_wholesale_price_ht(self, field):
        """No negative purchase price."""
        if field.data is not None and field.data < 0:
            raise ValidationError("Le prix d'achat HT ne peut pas être négatif.")

    def validate_quantity(self, field):
        """No negative stock."""
        if field.data is not None and field.data < 0:
            raise ValidationError("La quantité ne peut pas être négative.")

    def validate_weight_g(self, field):
        """No negative weight."""
        if field.data is not None and field.data < 0:
            raise ValidationError("Le poids ne peut pas être négatif.")

    def validate_default_category_id(self, field):
        """The default category is one of the product's categories."""
        if self.category_ids.data and field.data not in self.category_ids.data:
            raise ValidationError("La catégorie par défaut doit faire partie des catégories associées.")

    def fill_from(self, product: Product) -> None:
        """Show a product's stored values (HT with its 6 decimals, TTC to the cent)."""
        self.process(obj=product)
        self.category_ids.data = [c.id for c in product.categories]
        self.brand_id.data = product.brand_id or 0
        self.price_ttc.data = product.price_ttc
        self.price_ht_initial.data = input_amount(product.price_ht)
        self.weight_g.data = product.weight_g

    def to_input(self, rates: dict[int, int]) -> ProductInput:
        """The parsed values for the catalogue service."""
        basis = choose_basis(self.price_basis.data or "", self.price_ht.data, self.price_ttc.data,
                             optional_amount(self.price_ht_initial.data), rates.get(self.tax_id.data, 0))
        text = {name: lines(self[name].data).strip() for name in TEXTS}
        return ProductInput(
            **text, tax_id=self.tax_id.data, default_category_id=self.default_category_id.data,
            category_ids=list(self.category_ids.data or []), price_ht=self.price_ht.data,
            price_ttc=self.price_ttc.data, price_basis=basis,
            wholesale_price_ht=self.wholesale_price_ht.data or 0,
            summary=lines(self.summary.data), description=lines(self.description.data),
            brand_id=self.brand_id.data or None, weight_g=self.weight_g.data or 0,
            condition=self.condition.data, visibility=self.visibility.data, active=self.active.data,
            online_only=self.online_only.data, on_sale=self.on_sale.data, quantity=self.quantity.data,
            out_of_stock=self.out_of_stock.data, available_date=self.available_date.data,
        )


def values_label(combination) -> str:
    """« 140 x 190, Blanc »: the attribute values of a combination."""
    return ", ".join(a.name for a in combination.attributes) or f"n° {combination.id}"


def combinations_form(product: Product, formdata=None) -> AdminForm:
    """A form with one labelled row of fields per combination (no CSRF of its own: it shares the page's)."""

    class CombinationsForm(AdminForm):
        class Meta:
            csrf = False

    rate = product.tax.rate_bp
    for c in product.combinations:
        label = values_label(c)
        fields = {
            "reference": StringField(f"Référence de la déclinaison {label}", default=c.reference,
                                     validators=[_length(64)]),
            "impact_ht": AmountField(f"Impact HT de la déclinaison {label}", default=c.price_impact_ht),
            "impact_ttc": AmountField(f"Impact TTC de la déclinaison {label}",
                                      default=ttc_from_ht(c.price_impact_ht, rate)),
            "impact_basis": HiddenField(default=""),
            "impact_initial": HiddenField(default=input_amount(c.price_impact_ht)),
            "quantity": QuantityField(f"Quantité de la déclinaison {label}", default=c.quantity),
        }
        for name, field in fields.items():
            setattr(CombinationsForm, f"{name}_{c.id}", field)
    default = next((c.id for c in product.combinations if c.is_default), None)
    # Rendered as one radio button per row by the template; only the chosen id matters here.
    CombinationsForm.default_combination = QuantityField("Déclinaison par défaut", default=default)
    return CombinationsForm(formdata=formdata)


def combination_rows(form: AdminForm, product: Product, rate_bp: int) -> list[CombinationInput]:
    """The parsed rows of a combinations form."""
    rows = []
    for c in product.combinations:
        ht, ttc = form[f"impact_ht_{c.id}"].data, form[f"impact_ttc_{c.id}"].data
        initial = optional_amount(form[f"impact_initial_{c.id}"].data)
        basis = choose_basis(form[f"impact_basis_{c.id}"].data or "", ht, ttc, initial, rate_bp)
        quantity = form[f"quantity_{c.id}"].data
        rows.append(CombinationInput(c.id, form[f"reference_{c.id}"].data or "", ht, ttc, basis,
                                     c.quantity if quantity is None else quantity))
    return rows


class ShippingForm(AdminForm):
    """The Livraison tab's dimensions, extra fees and carriers (shares the product sheet's CSRF)."""

    class Meta:
        csrf = False

    width_cm = AmountField("Largeur (cm)", render_kw={"inputmode": "decimal"})
    height_cm = AmountField("Hauteur (cm)", render_kw={"inputmode": "decimal"})
    depth_cm = AmountField("Profondeur (cm)", render_kw={"inputmode": "decimal"})
    additional_shipping_ht = AmountField("Frais de port supplémentaires (€ HT)",
                                         render_kw={"inputmode": "decimal"})
    carrier_ids = Checkboxes("Transporteurs disponibles", coerce=int, validate_choice=False)

    def fill_from(self, product: Product, carrier_ids: list[int]) -> None:
        """Show a product's stored dimensions, fees and carriers."""
        for name in ("width_cm", "height_cm", "depth_cm", "additional_shipping_ht"):
            self[name].data = getattr(product, name)
        self.carrier_ids.data = carrier_ids

    def to_input(self) -> ShippingInput:
        """The parsed values for the product shipping service."""
        return ShippingInput(self.width_cm.data, self.height_cm.data, self.depth_cm.data,
                             self.additional_shipping_ht.data, list(self.carrier_ids.data or []))
