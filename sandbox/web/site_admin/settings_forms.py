"""Forms of « Réglages › Général » and of the SEO extension's settings (« Fil d'Ariane »)."""

from __future__ import annotations

from wtforms import BooleanField, EmailField, StringField, TextAreaField
from wtforms.validators import DataRequired

from sandbox.web.shop_admin.forms import AdminForm


class GeneralForm(AdminForm):
    """« Réglages généraux »: identity and the contact details shown by the site."""

    title = StringField("Titre du site", validators=[DataRequired("Indiquez le titre du site.")])
    tagline = StringField("Slogan")
    address1 = StringField("Adresse")
    address2 = StringField("Complément d'adresse")
    postcode = StringField("Code postal")
    city = StringField("Ville")
    phone = StringField("Téléphone")
    email = EmailField("Adresse e-mail de contact")
    hours = TextAreaField("Horaires d'ouverture", render_kw={"rows": 2})


class BreadcrumbForm(AdminForm):
    """« SEO › Réglages › Fil d'Ariane » (as the SEO extension offers it)."""

    enabled = BooleanField("Activer le fil d'Ariane")
    separator = StringField("Séparateur entre les éléments du fil d'Ariane")
    home_label = StringField("Texte d'ancrage pour la page d'accueil")
    prefix = StringField("Préfixe pour le chemin")
