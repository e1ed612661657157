"""Forms of the shop back office: French fields (amounts, quantities), login, categories, orders, notes."""

from __future__ import annotations

from decimal import Decimal

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.meta import DefaultMeta
from wtforms.validators import DataRequired, Length, Optional

from sandbox.money import MICRO, parse_amount
from sandbox.web.choice_fields import SelectField


def input_amount(value: Decimal | None) -> str:
    """An amount as typed in a field: comma, no thousands separator, 2 to 6 decimals (37,416667 · 49,00)."""
    if value is None:
        return ""
    text = f"{Decimal(value).quantize(MICRO):f}"
    whole, _, decimals = text.partition(".")
    decimals = decimals.rstrip("0").ljust(2, "0")
    return f"{whole},{decimals}"


class AdminForm(FlaskForm):
    """Base form: WTForms' own messages in French (no Babel needed)."""

    class Meta:
        locales = ["fr_FR", "fr"]

        def get_translations(self, form):
            return DefaultMeta.get_translations(self, form)


class AmountField(StringField):
    """A French amount (« 44,90 »): data is a Decimal or None; what was typed is shown back as typed."""

    def process_formdata(self, valuelist):
        text = valuelist[0].strip() if valuelist else ""
        self.data = None
        if text:
            try:
                self.data = parse_amount(text)
            except ValueError as exc:
                raise ValueError(str(exc)) from exc

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return input_amount(self.data)


class PercentField(AmountField):
    """A French percentage (« 12,5 » or « 10 % »): its error speaks of a percentage, not of an amount."""

    def process_formdata(self, valuelist):
        text = valuelist[0].strip() if valuelist else ""
        try:
            super().process_formdata([text.replace("%", "")])
        except ValueError:
            raise ValueError(f"« {text} » n'est pas un pourcentage valide (exemple : 10 ou 12,5).") from None


class QuantityField(StringField):
    """A whole number typed in French (« 12 », « -3 »); data is an int or None."""

    def process_formdata(self, valuelist):
        text = (valuelist[0] if valuelist else "").replace(" ", "").replace("\u202f", "").strip()
        self.data = None
        if text:
            try:
                self.data = int(text)
            except ValueError as exc:
                raise ValueError(f"« {valuelist[0]} » n'est pas un nombre entier (exemple : 12).") from exc

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else str(self.data)


class LoginForm(AdminForm):
    """Employee login of the seat's back office."""

    email = EmailField("Adresse e-mail", validators=[DataRequired("Indiquez votre adresse e-mail.")],
                       render_kw={"autocomplete": "username"})
    password = PasswordField("Mot de passe", validators=[DataRequired("Indiquez votre mot de passe.")],
                             render_kw={"autocomplete": "current-password"})
    next = HiddenField()
    submit = SubmitField("Se connecter")


class CategoryForm(AdminForm):
    """A shop category (name, parent, description, display, SEO, image)."""

    name = StringField("Nom", validators=[DataRequired("Le nom de la catégorie est obligatoire."),
                                          Length(max=120, message="120 caractères au plus.")])
    parent_id = SelectField("Catégorie parente", coerce=int, validate_choice=False)
    description = TextAreaField("Description", validators=[Optional()])
    active = BooleanField("Afficher la catégorie dans la boutique", default=True)
    image_id = SelectField("Image de la catégorie", coerce=int, validate_choice=False, default=0)
    meta_title = StringField("Balise titre", validators=[Length(max=200, message="200 caractères au plus.")])
    meta_description = TextAreaField("Méta description",
                                     validators=[Length(max=300, message="300 caractères au plus.")])
    slug = StringField("URL simplifiée", validators=[Length(max=140, message="140 caractères au plus.")])
    submit = SubmitField("Enregistrer")


class OrderStateForm(AdminForm):
    """Change the state of an order."""

    state_id = SelectField("Nouvel état de la commande", coerce=int, validate_choice=False)
    submit = SubmitField("Mettre à jour l'état")


class NoteForm(AdminForm):
    """The private note of a customer."""

    # Its own id: the page's section is already « note » (a duplicate id broke the label).
    note = TextAreaField("Note privée", id="note-privee",
                         validators=[Length(max=5000, message="5 000 caractères au plus.")])
    submit = SubmitField("Enregistrer")


class ConfirmForm(AdminForm):
    """A bare form for buttons that change something (CSRF token only)."""
