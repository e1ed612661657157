"""Forms of after-sales pages: returns, refunds, customer service, predefined messages, customers."""

from __future__ import annotations

from wtforms import BooleanField, EmailField, PasswordField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from sandbox.web.choice_fields import SelectField, SelectMultipleField
from sandbox.web.date_fields import DateField
from sandbox.web.shop_admin.forms import AdminForm, QuantityField


class ReturnSettingsForm(AdminForm):
    """Return conditions of the shop."""

    enabled = BooleanField("Activer les retours produits")
    days = QuantityField("Délai de retour (en jours)")
    instructions = TextAreaField("Instructions de retour", validators=[Length(max=5000)])


class ReturnStateForm(AdminForm):
    """Next state of a return request."""

    state = SelectField("Nouvel état du retour", validate_choice=False)


class RefundForm(AdminForm):
    """Options of a refund (the quantities are posted per line as qty-<line id>)."""

    shipping = BooleanField("Rembourser les frais de port")
    restock = BooleanField("Remettre les produits en stock")
    message = TextAreaField("Message au client (facultatif)", validators=[Length(max=5000)])


class ReplyForm(AdminForm):
    """An answer (or a private note) on a customer-service thread."""

    body = TextAreaField("Votre réponse", validators=[Length(max=5000, message="5 000 caractères au plus.")])
    private = BooleanField("Note privée (non envoyée au client)")


class ThreadStatusForm(AdminForm):
    """Status of a thread."""

    status = SelectField("Statut du fil", validate_choice=False)


class ForwardForm(AdminForm):
    """Forward a thread to an employee."""

    employee_id = SelectField("Transférer à", coerce=int, validate_choice=False)
    note = TextAreaField("Commentaire pour l'employé", validators=[Length(max=2000)])


class PredefinedForm(AdminForm):
    """A canned reply."""

    name = StringField("Nom du message", validators=[Length(max=120, message="120 caractères au plus.")])
    body = TextAreaField("Message", validators=[Length(max=5000, message="5 000 caractères au plus.")])


class CustomerForm(AdminForm):
    """A customer account edited in the back office."""

    gender = SelectField("Civilité", choices=[("", "—"), ("Mme", "Mme"), ("M.", "M.")], validate_choice=False)
    first_name = StringField("Prénom", validators=[Length(max=80, message="80 caractères au plus.")])
    last_name = StringField("Nom", validators=[Length(max=80, message="80 caractères au plus.")])
    email = EmailField("Adresse e-mail", validators=[Length(max=160, message="160 caractères au plus.")])
    password = PasswordField("Mot de passe", render_kw={"autocomplete": "new-password"})
    birthday = DateField(
        "Date de naissance", validators=[Optional()], render_kw={"placeholder": "JJ/MM/AAAA"}
    )
    company = StringField("Société", validators=[Length(max=120, message="120 caractères au plus.")])
    siret = StringField("SIRET", validators=[Length(max=14, message="14 chiffres.")])
    groups = SelectMultipleField("Groupes", coerce=int, validate_choice=False)
    default_group_id = SelectField("Groupe par défaut", coerce=int, validate_choice=False)
    newsletter = BooleanField("Inscrit à la lettre d'information")
    optin = BooleanField("Offres partenaires")
    active = BooleanField("Compte actif", default=True)
    note = TextAreaField("Note privée", validators=[Length(max=5000, message="5 000 caractères au plus.")])


class AdminAddressForm(AdminForm):
    """A customer's address edited in the back office."""

    alias = StringField("Nom de l'adresse", validators=[Length(max=60)])
    first_name = StringField("Prénom", validators=[Length(max=80)])
    last_name = StringField("Nom", validators=[Length(max=80)])
    company = StringField("Société", validators=[Length(max=120)])
    address1 = StringField("Adresse", validators=[Length(max=160)])
    address2 = StringField("Complément d'adresse", validators=[Length(max=160)])
    postcode = StringField("Code postal", validators=[Length(max=10)])
    city = StringField("Ville", validators=[Length(max=80)])
    country = StringField("Pays", default="France", validators=[Length(max=60)])
    phone = StringField("Téléphone", validators=[Length(max=30)])
