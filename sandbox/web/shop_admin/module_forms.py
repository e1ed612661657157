"""Forms of « Modules › Configurer »: built from the module's options; carousel slides, reassurance."""

from __future__ import annotations

from flask_wtf.file import FileField
from wtforms import BooleanField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from sandbox.services.modules import NETWORKS, ModuleSpec
from sandbox.web.choice_fields import SelectField, SelectMultipleField
from sandbox.web.shop_admin.forms import AdminForm, QuantityField

ICONS = {"truck": "Camion (livraison)", "lock": "Cadenas (paiement sécurisé)", "return": "Flèche (retours)",
         "phone": "Téléphone (service client)", "leaf": "Feuille (matières naturelles)", "gift": "Cadeau"}
ICON_GLYPHS = {"truck": "🚚", "lock": "🔒", "return": "↩", "phone": "☎", "leaf": "🌿", "gift": "🎁"}


class CheckboxesField(SelectMultipleField):
    """Several choices shown as check boxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def config_form(spec: ModuleSpec, categories: list[tuple[int, str]], data: dict | None = None) -> AdminForm:
    """A form with one field per option of the module."""

    class ConfigForm(AdminForm):
        pass

    for option in spec.options:
        if option.kind == "int":
            message = f"Indiquez un nombre entier entre {option.low} et {option.high}."
            field = QuantityField(option.label, validators=[
                DataRequired(message), NumberRange(option.low, option.high, message)])
        elif option.kind == "bool":
            field = BooleanField(option.label)
        elif option.kind == "category":
            field = SelectField(option.label, coerce=int, choices=categories)
        elif option.kind == "networks":
            field = CheckboxesField(option.label, choices=list(NETWORKS.items()), validators=[Optional()])
        elif option.kind in ("textarea", "html"):
            field = TextAreaField(option.label,
                                  validators=[Length(max=5000, message="5 000 caractères au plus.")])
        else:
            field = StringField(option.label, validators=[Length(max=200, message="200 caractères au plus.")])
        setattr(ConfigForm, option.key, field)
    ConfigForm.submit = SubmitField("Enregistrer")
    return ConfigForm(data=data)


class SlideForm(AdminForm):
    """A new carousel slide."""

    image = FileField("Image de la diapositive (JPEG, PNG, GIF ou WebP)")
    title = StringField("Titre de la diapositive", validators=[
        DataRequired("Indiquez le titre de la diapositive."),
        Length(max=160, message="160 caractères au plus.")])
    caption = StringField("Légende", validators=[Length(max=300, message="300 caractères au plus.")])
    product_id = SelectField("Lien vers un produit", coerce=int, validate_choice=False, default=0)
    category_id = SelectField("ou lien vers une catégorie", coerce=int, validate_choice=False, default=0)
    submit = SubmitField("Ajouter la diapositive")


class ReassuranceForm(AdminForm):
    """A new reassurance item."""

    icon = SelectField("Icône", choices=list(ICONS.items()))
    text = StringField("Texte de réassurance", validators=[
        DataRequired("Indiquez le texte de l'élément."), Length(max=160, message="160 caractères au plus.")])
    submit = SubmitField("Ajouter l'élément")
