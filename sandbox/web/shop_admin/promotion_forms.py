"""Forms of « Promotions »: cart rules, catalogue price rules, and the specific prices of a product."""

from __future__ import annotations

from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from sandbox.models.promotions import APPLY_TO
from sandbox.services.promotion_admin import Reduction
from sandbox.web.choice_fields import SelectField, SelectMultipleField
from sandbox.web.date_fields import DateField
from sandbox.web.shop_admin.forms import AdminForm, AmountField, QuantityField

KINDS = [("", "Aucune"), ("percent", "Pourcentage (%)"), ("amount", "Montant (€)")]
TAXES = [("ttc", "TTC"), ("ht", "HT")]


class Checkboxes(SelectMultipleField):
    """Several choices shown as check boxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _date(label: str, required: bool = False) -> DateField:
    check = DataRequired(f"Indiquez la date « {label} ».") if required else Optional()
    return DateField(label, validators=[check], render_kw={"type": "date"})


class ReductionMixin:
    """Type, value and tax basis of a reduction, read into a Reduction; fills the shared choices."""

    KINDS = KINDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_choices()

    def set_choices(self) -> None:
        """Choices set on the bound fields: WTForms 3.3 deprecates tuples given at class level."""
        self.reduction_type.choices = list(self.KINDS)
        self.reduction_tax.choices = list(TAXES)
        if hasattr(self, "minimum_tax"):
            self.minimum_tax.choices = list(TAXES)
        if hasattr(self, "reduction_apply"):
            self.reduction_apply.choices = list(APPLY_TO.items())

    def reduction_input(self) -> Reduction:
        """The reduction as the services read it."""
        return Reduction(self.reduction_type.data or "", self.reduction.data, self.reduction_tax.data != "ht")


class CartRuleForm(ReductionMixin, AdminForm):
    """Informations, Conditions and Actions of a cart rule."""

    name = StringField(
        "Nom",
        validators=[
            DataRequired("Le nom de la règle est obligatoire."),
            Length(max=120, message="120 caractères au plus."),
        ],
    )
    description = TextAreaField("Description", validators=[Optional()])
    code = StringField("Code", validators=[Length(max=40, message="40 caractères au plus.")])
    priority = QuantityField("Priorité", default=1)
    partial_use = BooleanField("Utilisation partielle", default=True)
    highlight = BooleanField("Mettre en avant dans le panier")
    active = BooleanField("Activée", default=True)
    customer_email = StringField("Limiter à un client (adresse e-mail)")
    date_from = _date("Valable à partir du", True)
    date_to = _date("Valable jusqu'au", True)
    minimum_amount = AmountField("Montant minimum")
    minimum_tax = SelectField("Taxes du montant minimum", default="ttc")
    minimum_shipping = BooleanField("Frais de port inclus dans le montant minimum")
    quantity = QuantityField("Quantité totale", default=1)
    quantity_per_user = QuantityField("Quantité par client", default=1)
    restriction_quantity = QuantityField("Le panier doit contenir au moins (produits de la sélection)",
                                         default=1)
    product_ids = SelectMultipleField("Produits", coerce=int, validate_choice=False)
    category_ids = Checkboxes("Catégories", coerce=int, validate_choice=False)
    brand_ids = Checkboxes("Marques", coerce=int, validate_choice=False)
    attribute_ids = SelectMultipleField("Valeurs d'attributs", coerce=int, validate_choice=False)
    group_ids = Checkboxes("Groupes de clients", coerce=int, validate_choice=False)
    carrier_ids = Checkboxes("Transporteurs", coerce=int, validate_choice=False)
    free_shipping = BooleanField("Livraison gratuite")
    reduction_type = SelectField("Réduction", default="")
    reduction = AmountField("Valeur de la réduction")
    reduction_tax = SelectField("Taxes du montant de la réduction", default="ttc")
    reduction_apply = SelectField("Appliquer une réduction à", default="order")
    reduction_product_id = SelectField("Produit spécifique", coerce=int, validate_choice=False, default=0)
    exclude_specials = BooleanField("Exclure les produits déjà en promotion")
    gift_product_id = SelectField("Produit offert", coerce=int, validate_choice=False, default=0)


class CatalogRuleForm(ReductionMixin, AdminForm):
    """A catalogue price rule: scope, quantity, dates and reduction."""

    KINDS = KINDS[1:]

    name = StringField(
        "Nom",
        validators=[
            DataRequired("Le nom de la règle est obligatoire."),
            Length(max=120, message="120 caractères au plus."),
        ],
    )
    category_id = SelectField("Catégorie", coerce=int, validate_choice=False, default=0)
    brand_id = SelectField("Marque", coerce=int, validate_choice=False, default=0)
    group_id = SelectField("Groupe de clients", coerce=int, validate_choice=False, default=0)
    country_id = SelectField("Pays", coerce=int, validate_choice=False, default=0)
    from_quantity = QuantityField("À partir de (quantité)", default=1)
    date_from = _date("Du")
    date_to = _date("Au")
    reduction_type = SelectField("Type de réduction", default="percent")
    reduction = AmountField("Réduction")
    reduction_tax = SelectField("Taxes du montant de la réduction", default="ttc")


class SpecificPriceForm(ReductionMixin, AdminForm):
    """A specific price of one product."""

    combination_id = SelectField("Déclinaison", coerce=int, validate_choice=False, default=0)
    group_id = SelectField("Groupe de clients", coerce=int, validate_choice=False, default=0)
    customer_email = StringField("Client (adresse e-mail)")
    from_quantity = QuantityField("À partir de (quantité)", default=1)
    date_from = _date("Du")
    date_to = _date("Au")
    fixed_price_ht = AmountField("Prix fixe HT")
    reduction_type = SelectField("Type de réduction", default="percent")
    reduction = AmountField("Réduction")
    reduction_tax = SelectField("Taxes du montant de la réduction", default="ttc")
