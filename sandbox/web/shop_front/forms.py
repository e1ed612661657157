"""Forms of the public shop; labels are the words a French customer reads (and tests look for)."""

from __future__ import annotations

from flask import g
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, PasswordField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.i18n import get_translations
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from sandbox.services import ServiceError
from sandbox.services.shipping import country_names
from sandbox.web.choice_fields import RadioField, SelectField
from sandbox.web.date_fields import DateField

GENDERS = [SelectChoice("M."), SelectChoice("Mme")]
COUNTRIES = [SelectChoice(c) for c in ("France", "Belgique", "Luxembourg", "Suisse", "Monaco")]
TERMS_LABEL = "J'ai lu les conditions générales de vente et j'y adhère sans réserve"


class ShopForm(FlaskForm):
    """Base form: WTForms' own messages in French (no Babel here)."""

    class Meta(FlaskForm.Meta):
        def get_translations(self, form):
            return get_translations(["fr"])


def attach_error(form: FlaskForm, error: ServiceError) -> bool:
    """Show a service error next to its field; False when the form has no such field (show it at the top)."""
    if error.field and error.field in form:
        field = form[error.field]
        field.errors = [*field.errors, error.message]
        return True
    return False


class AddToCartForm(ShopForm):
    """The quantity part of the product form (attributes and customisations are read by name)."""

    quantity = IntegerField(
        "Quantité",
        default=1,
        validators=[
            InputRequired("Indiquez une quantité."),
            NumberRange(1, 999, "Indiquez une quantité entre 1 et 999."),
        ],
        render_kw={"min": 1, "max": 999, "inputmode": "numeric"},
    )


class LoginForm(ShopForm):
    """Customer login."""

    email = StringField(
        "Adresse e-mail",
        validators=[InputRequired("Indiquez votre adresse e-mail.")],
        render_kw={"autocomplete": "email", "inputmode": "email"},
    )
    password = PasswordField(
        "Mot de passe",
        validators=[InputRequired("Indiquez votre mot de passe.")],
        render_kw={"autocomplete": "current-password"},
    )


class IdentityForm(ShopForm):
    """Personal information of a customer, for registration and for « Mes informations »."""

    gender = RadioField("Civilité", choices=GENDERS, validators=[Optional()])
    first_name = StringField(
        "Prénom",
        validators=[InputRequired("Indiquez votre prénom."), Length(max=80)],
        render_kw={"autocomplete": "given-name"},
    )
    last_name = StringField(
        "Nom",
        validators=[InputRequired("Indiquez votre nom."), Length(max=80)],
        render_kw={"autocomplete": "family-name"},
    )
    email = StringField(
        "Adresse e-mail",
        validators=[InputRequired("Indiquez votre adresse e-mail."), Length(max=160)],
        render_kw={"autocomplete": "email", "inputmode": "email"},
    )
    password = PasswordField(
        "Mot de passe",
        validators=[InputRequired("Choisissez un mot de passe.")],
        render_kw={"autocomplete": "new-password"},
    )
    birthday = DateField("Date de naissance", validators=[Optional()])
    optin = BooleanField("Recevoir les offres de nos partenaires")
    newsletter = BooleanField("Recevoir notre newsletter")


class EditIdentityForm(IdentityForm):
    """« Mes informations »: the password is changed only when a new one is typed."""

    password = PasswordField(
        "Nouveau mot de passe", validators=[Optional()], render_kw={"autocomplete": "new-password"}
    )


class AddressForm(ShopForm):
    """A postal address."""

    alias = StringField("Nom de l'adresse", validators=[Length(max=60)], default="Mon adresse")
    first_name = StringField(
        "Prénom",
        validators=[InputRequired("Indiquez le prénom."), Length(max=80)],
        render_kw={"autocomplete": "given-name"},
    )
    last_name = StringField(
        "Nom",
        validators=[InputRequired("Indiquez le nom."), Length(max=80)],
        render_kw={"autocomplete": "family-name"},
    )
    company = StringField("Société", validators=[Length(max=120)], render_kw={"autocomplete": "organization"})
    address1 = StringField(
        "Adresse",
        validators=[InputRequired("Indiquez l'adresse (numéro et rue)."), Length(max=160)],
        render_kw={"autocomplete": "address-line1"},
    )
    address2 = StringField(
        "Complément d'adresse", validators=[Length(max=160)], render_kw={"autocomplete": "address-line2"}
    )
    postcode = StringField(
        "Code postal",
        validators=[InputRequired("Indiquez le code postal."), Length(max=10)],
        render_kw={"autocomplete": "postal-code", "inputmode": "numeric"},
    )
    city = StringField(
        "Ville",
        validators=[InputRequired("Indiquez la ville."), Length(max=80)],
        render_kw={"autocomplete": "address-level2"},
    )
    country = SelectField("Pays", choices=COUNTRIES, default="France")
    phone = StringField("Téléphone", validators=[Length(max=30)], render_kw={"autocomplete": "tel"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Every active country of the shop, so that a customer can reach each zone (France first).
        if g.get("db") is not None:
            names = country_names(g.db)
            if self.country.data and self.country.data not in names:
                names.append(self.country.data)  # an old address keeps its country when edited
            self.country.choices = [SelectChoice(n) for n in names]

    def values(self) -> dict[str, str]:
        """The typed values by address field name."""
        return {
            name: self[name].data or ""
            for name in (
                "alias",
                "first_name",
                "last_name",
                "company",
                "address1",
                "address2",
                "postcode",
                "city",
                "country",
                "phone",
            )
        }


class ChooseAddressForm(ShopForm):
    """Checkout step 2 with saved addresses: which one to deliver to."""

    address = RadioField(
        "Adresse de livraison", coerce=int, validators=[InputRequired("Choisissez une adresse de livraison.")]
    )


class CarrierForm(ShopForm):
    """Checkout step 3: carrier and a message for the shop."""

    carrier = RadioField(
        "Mode de livraison", coerce=int, validators=[InputRequired("Choisissez un mode de livraison.")]
    )
    message = TextAreaField(
        "Si vous souhaitez nous laisser un message à propos de votre commande, merci de l'écrire ci-dessous",
        validators=[Length(max=1000)],
    )


class PaymentForm(ShopForm):
    """Checkout step 4: payment method and acceptance of the terms of sale."""

    payment = RadioField(
        "Moyen de paiement",
        choices=[
            SelectChoice("cheque", "Payer par chèque"),
            SelectChoice("transfer", "Payer par virement bancaire"),
        ],
        validators=[InputRequired("Choisissez un moyen de paiement.")],
    )
    terms = BooleanField(
        TERMS_LABEL,
        validators=[
            InputRequired("Vous devez accepter les conditions générales de vente pour passer commande.")
        ],
    )


class CommentForm(ShopForm):
    """A customer's review of a product."""

    title = StringField("Titre", validators=[InputRequired("Donnez un titre à votre avis."), Length(max=160)])
    grade = RadioField(
        "Note",
        coerce=int,
        choices=[SelectChoice(n, f"{n} sur 5") for n in (5, 4, 3, 2, 1)],
        validators=[InputRequired("Choisissez une note de 1 à 5.")],
    )
    body = TextAreaField("Commentaire", validators=[InputRequired("Écrivez votre avis."), Length(max=2000)])
    # Shown to visitors only, when the product comments module accepts guests (B-MOD-7).
    author = StringField("Votre nom", validators=[Length(max=120)])
