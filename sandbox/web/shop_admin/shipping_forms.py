"""Forms of « Livraison »: carrier, zone (ranges are read by hand: their fields depend on the zones)."""

from __future__ import annotations

from decimal import Decimal

from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, Length

from sandbox.money import parse_amount
from sandbox.services.carriers import METHODS, OUT_OF_RANGE, RangeInput
from sandbox.web.choice_fields import SelectField, SelectMultipleField
from sandbox.web.shop_admin.forms import AdminForm, AmountField
from sandbox.web.shop_admin.promotion_forms import Checkboxes


class CarrierForm(AdminForm):
    """A carrier: name, delay, billing, free shipping, zones and products."""

    name = StringField(
        "Nom du transporteur",
        validators=[
            DataRequired("Le nom du transporteur est obligatoire."),
            Length(max=80, message="80 caractères au plus."),
        ],
    )
    delay = StringField("Délai de livraison", validators=[Length(max=120, message="120 caractères au plus.")])
    active = BooleanField("Activé", default=True)
    is_free = BooleanField("Livraison gratuite")
    free_above_ttc = AmountField("Livraison gratuite à partir de (TTC)")
    shipping_method = SelectField("Facturation", default="fixed")
    out_of_range = SelectField("Hors tranches", default="highest")
    price_ht = AmountField("Frais de port fixes HT")
    zone_ids = Checkboxes("Zones desservies", coerce=int, validate_choice=False)
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Choices set on the bound fields: WTForms 3.3 deprecates tuples given at class level.
        self.shipping_method.choices = list(METHODS.items())
        self.out_of_range.choices = list(OUT_OF_RANGE.items())

    product_ids = SelectMultipleField(
        "Produits réservés à ce transporteur", coerce=int, validate_choice=False
    )


class ZoneForm(AdminForm):
    """A shipping zone and its countries."""

    name = StringField(
        "Nom de la zone",
        validators=[
            DataRequired("Le nom de la zone est obligatoire."),
            Length(max=80, message="80 caractères au plus."),
        ],
    )
    active = BooleanField("Active", default=True)
    country_ids = SelectMultipleField("Pays de la zone", coerce=int, validate_choice=False)


def _amount(text: str | None) -> Decimal | None:
    """A typed amount, None when empty; ValueError (French) when unreadable."""
    text = (text or "").strip()
    return parse_amount(text) if text else None


def read_ranges(form, range_ids: list[int], zone_ids: list[int]) -> list[RangeInput]:
    """The range rows of the posted table (existing ones, then the new one when its bounds are typed)."""
    rows = []
    for key in [*(str(i) for i in range_ids), "new"]:
        lower, upper = form.get(f"lower_{key}", ""), form.get(f"upper_{key}", "")
        if key == "new" and not lower.strip() and not upper.strip():
            continue
        rows.append(
            RangeInput(
                range_id=None if key == "new" else int(key),
                lower=_amount(lower),
                upper=_amount(upper),
                prices={z: _amount(form.get(f"price_{key}_{z}")) for z in zone_ids},
                remove=form.get(f"remove_{key}") == "1",
            )
        )
    return rows
