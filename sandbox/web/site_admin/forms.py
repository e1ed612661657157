"""Forms of the site back office (French labels: tests and screen readers find fields by them)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    IntegerField,
    PasswordField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from sandbox.web.choice_fields import SelectField, SelectMultipleField
from sandbox.web.date_fields import DateTimeLocalField
from sandbox.web.shop_admin.forms import AdminForm


class LoginForm(AdminForm):
    """« Identifiant ou adresse e-mail », « Mot de passe »."""

    login = StringField("Identifiant ou adresse e-mail",
                        validators=[DataRequired("Indiquez votre identifiant ou votre adresse e-mail.")],
                        render_kw={"autocomplete": "username"})
    password = PasswordField("Mot de passe", validators=[DataRequired("Indiquez votre mot de passe.")],
                             render_kw={"autocomplete": "current-password"})
    next = HiddenField()


class CheckboxesField(SelectMultipleField):
    """Several choices shown as labelled checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class PostForm(AdminForm):
    """The edit screen of a post or a page (blocks travel as JSON in a hidden field)."""

    title = StringField("Titre", validators=[Length(max=200, message="200 caractères au plus.")])
    blocks = HiddenField(default="[]")
    slug = StringField("Permalien", validators=[Length(max=190, message="190 caractères au plus.")])
    publish_at = DateTimeLocalField("Date de publication", format="%Y-%m-%dT%H:%M", validators=[Optional()])
    author_id = SelectField("Auteur", coerce=int, validate_choice=False)
    category_ids = CheckboxesField("Catégories", coerce=int, validate_choice=False)
    tags = StringField("Étiquettes", validators=[Length(max=1000)])
    featured_media_id = SelectField("Image mise en avant", coerce=int, validate_choice=False, default=0,
                                    render_kw={"data-media": "image"})
    excerpt = TextAreaField("Extrait", validators=[Length(max=2000, message="2 000 caractères au plus.")])
    comments_open = BooleanField("Autoriser les commentaires", default=True)
    sticky = BooleanField("Mettre en avant en haut du blog")
    parent_id = SelectField("Page parente", coerce=int, validate_choice=False, default=0)
    menu_order = IntegerField("Ordre", default=0, validators=[Optional()])
    focus_keyphrase = StringField("Requête cible", validators=[Length(max=120)])
    seo_title = StringField("Titre SEO", validators=[Length(max=200)])
    meta_description = TextAreaField("Méta description", validators=[Length(max=300)])
    action = HiddenField(default="save")


class TermForm(AdminForm):
    """A category or a tag."""

    name = StringField("Nom", validators=[DataRequired("Le nom est obligatoire."), Length(max=120)])
    slug = StringField("Identifiant (slug)", validators=[Length(max=140)])
    parent_id = SelectField("Catégorie parente", coerce=int, validate_choice=False, default=0)
    description = TextAreaField("Description", validators=[Length(max=5000)])
    focus_keyphrase = StringField("Requête cible", validators=[Length(max=120)])
    seo_title = StringField("Titre SEO", validators=[Length(max=200)])
    meta_description = TextAreaField("Méta description", validators=[Length(max=300)])


class UploadForm(AdminForm):
    """« Téléverser un fichier »."""

    file = FileField("Fichier à téléverser")


class MediaForm(AdminForm):
    """The texts of a media item and its focal point."""

    alt = StringField("Texte alternatif", validators=[Length(max=300)])
    title = StringField("Titre", validators=[Length(max=200)])
    caption = TextAreaField("Légende", validators=[Length(max=300)])
    description = TextAreaField("Description", validators=[Length(max=5000)])
    # Text fields so that a wrong value is shown back as typed; the service checks 0–100.
    focal_x = StringField("Point focal horizontal (%)", validators=[Length(max=10)],
                          render_kw={"inputmode": "numeric"})
    focal_y = StringField("Point focal vertical (%)", validators=[Length(max=10)],
                          render_kw={"inputmode": "numeric"})


class UserForm(AdminForm):
    """A site user: identity, role, password."""

    login = StringField("Identifiant", validators=[DataRequired("L'identifiant est obligatoire."),
                                                   Length(max=60)])
    email = EmailField("Adresse e-mail", validators=[DataRequired("L'adresse e-mail est obligatoire."),
                                                     Length(max=160)])
    display_name = StringField("Nom affiché", validators=[Length(max=120)])
    role = SelectField("Rôle", default="author")
    password = PasswordField("Mot de passe", validators=[Length(max=200)],
                             render_kw={"autocomplete": "new-password"})
    bio = TextAreaField("Biographie", validators=[Length(max=500)])


class ConfirmForm(FlaskForm):
    """CSRF token only (buttons that change something)."""
