"""Forms of the appearance, comments, settings and relations screens of the site back office."""

from __future__ import annotations

from wtforms import BooleanField, EmailField, IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from sandbox.web.choice_fields import SelectField, SelectMultipleField
from sandbox.web.date_fields import DateField
from sandbox.web.shop_admin.forms import AdminForm


class CommentEditForm(AdminForm):
    """« Modifier le commentaire »."""

    author_name = StringField("Nom", validators=[DataRequired("Indiquez le nom de l'auteur.")])
    author_email = EmailField("E-mail", validators=[DataRequired("Indiquez l'adresse e-mail de l'auteur.")])
    body = TextAreaField("Commentaire", validators=[DataRequired("Le commentaire ne peut pas être vide.")],
                         render_kw={"rows": 6})


class ReplyForm(AdminForm):
    """« Répondre » (as the site, or to a message / a social comment)."""

    body = TextAreaField("Réponse", validators=[DataRequired("Écrivez votre réponse.")],
                         render_kw={"rows": 5})


class IdentityForm(AdminForm):
    """« Identité du site »."""

    title = StringField("Titre du site", validators=[DataRequired("Indiquez le titre du site.")])
    tagline = StringField("Slogan", validators=[Length(max=200, message="200 caractères au plus.")])
    logo = SelectField("Logo", validate_choice=False, render_kw={"data-media": "image"})
    icon = SelectField("Icône du site", validate_choice=False, render_kw={"data-media": "image"})


class HeaderForm(AdminForm):
    """« En-tête »."""

    header_text = StringField("Texte de l'en-tête",
                              validators=[Length(max=300, message="300 caractères au plus.")])
    header_media = SelectField("Photo ou vidéo d'en-tête", validate_choice=False,
                               render_kw={"data-media": "image,video"})


class HomeForm(AdminForm):
    """« Page d'accueil » (also the reading settings)."""

    show_on_front = SelectField("La page d'accueil affiche", choices=[
        ("posts", "Les derniers articles"), ("page", "Une page statique")])
    page_on_front = SelectField("Page statique d'accueil", validate_choice=False)
    posts_per_page = StringField("Les pages du site doivent afficher au plus (articles)")


class LayoutForm(AdminForm):
    """« Mise en page »."""

    layout = SelectField("Colonne latérale", validate_choice=False)


class SocialForm(AdminForm):
    """« Réseaux sociaux »: icons on/off and URLs."""

    enabled = BooleanField("Afficher les icônes des réseaux sociaux")
    position = SelectField("Emplacement des icônes", validate_choice=False)
    facebook = StringField("Facebook")
    instagram = StringField("Instagram")
    pinterest = StringField("Pinterest")
    linkedin = StringField("LinkedIn")
    youtube = StringField("YouTube")
    x = StringField("X (Twitter)")
    tiktok = StringField("TikTok")


class DiscussionForm(AdminForm):
    """« Réglages › Discussion »."""

    moderation = BooleanField("Le commentaire doit être approuvé manuellement")
    comments_open = BooleanField("Autoriser les commentaires sur les nouveaux articles")


class MenuNameForm(AdminForm):
    """« Créer un menu » / rename."""

    name = StringField("Nom du menu", validators=[DataRequired("Donnez un nom au menu.")])


class MenuItemForm(AdminForm):
    """« Ajouter des éléments de menu »."""

    kind = SelectField("Type d'élément", choices=[
        ("page", "Page"), ("post", "Article"), ("category", "Catégorie"), ("custom", "Lien personnalisé"),
        ("social", "Réseau social")])
    page_id = SelectField("Page", validate_choice=False)
    post_id = SelectField("Article", validate_choice=False)
    category_id = SelectField("Catégorie", validate_choice=False)
    url = StringField("Adresse web (URL)")
    label = StringField("Texte du lien")
    parent_id = SelectField("Sous-élément de", validate_choice=False)


class WidgetForm(AdminForm):
    """« Ajouter un widget » / edit."""

    area = SelectField("Zone", validate_choice=False)
    kind = SelectField("Type de widget", validate_choice=False)
    title = StringField("Titre")
    count = StringField("Nombre d'éléments à afficher")
    excerpt_words = StringField("Longueur de l'extrait (mots)")
    text = TextAreaField("Texte", render_kw={"rows": 4})
    url = StringField("Adresse du flux RSS")
    media_ids = SelectMultipleField("Images de la galerie", validate_choice=False,
                                    render_kw={"data-media": "image", "size": 6})


class PopupForm(AdminForm):
    """« Fenêtres surgissantes » editor."""

    name = StringField("Nom", validators=[DataRequired("Donnez un nom à la fenêtre.")])
    kind = SelectField("Type", choices=[("modal", "Fenêtre surgissante"), ("bar", "Barre d'information")])
    title = StringField("Titre affiché")
    body = TextAreaField("Contenu", validators=[DataRequired("Écrivez le contenu affiché.")],
                         render_kw={"rows": 4})
    button_label = StringField("Texte du bouton")
    button_url = StringField("Lien du bouton")
    active = BooleanField("Activer")
    pages = SelectField("Afficher sur", validate_choice=False)
    delay_seconds = IntegerField("Délai avant affichage (secondes)", default=0, validators=[
        Optional(), NumberRange(0, 120, "Entre 0 et 120 secondes.")])
    frequency = SelectField("Fréquence", choices=[
        ("always", "À chaque page"), ("session", "Une fois par visite"), ("once", "Une seule fois")])
    starts_on = DateField("Date de début", validators=[Optional()])
    ends_on = DateField("Date de fin", validators=[Optional()])


class CampaignForm(AdminForm):
    """« Nouvelle campagne »."""

    subject = StringField("Objet de l'e-mail", validators=[DataRequired("Indiquez l'objet de l'e-mail.")])
    segment = SelectField("Destinataires (segment)", validate_choice=False)
    body = TextAreaField("Contenu", validators=[DataRequired("Écrivez le contenu de la campagne.")],
                         render_kw={"rows": 10})


class SocialPostForm(AdminForm):
    """« Publier » on the social timeline."""

    network = SelectField("Réseau", choices=[("facebook", "Facebook"), ("instagram", "Instagram"),
                                             ("linkedin", "LinkedIn")])
    body = TextAreaField("Texte de la publication", validators=[DataRequired("Écrivez le texte.")],
                         render_kw={"rows": 4})
    media_id = SelectField("Image", validate_choice=False, render_kw={"data-media": "image"})
