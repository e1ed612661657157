"""Forms of the public site vitrine."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from sandbox.services.comments import EMAIL, MAX_BODY


class CommentForm(FlaskForm):
    """« Laisser un commentaire »: name and e-mail are dropped when a site user is logged in."""

    body = TextAreaField("Commentaire", validators=[
        DataRequired("Écrivez votre commentaire avant de l'envoyer."),
        Length(max=MAX_BODY, message=f"Votre commentaire est trop long ({MAX_BODY} caractères au plus)."),
    ], render_kw={"rows": 6, "autocomplete": "off"})
    author_name = StringField("Nom", validators=[
        DataRequired("Indiquez votre nom."),
        Length(max=120, message="Votre nom est trop long (120 caractères au plus)."),
    ], render_kw={"autocomplete": "name"})
    author_email = EmailField("E-mail", validators=[
        DataRequired("Indiquez votre adresse e-mail."),
        Regexp(EMAIL, message="Indiquez une adresse e-mail valide, par exemple prenom.nom@exemple.fr."),
        Length(max=160, message="Votre adresse e-mail est trop longue (160 caractères au plus)."),
    ], render_kw={"autocomplete": "email"})
    parent_id = HiddenField(validators=[Optional(), Regexp(r"^\d{1,9}$", message="Réponse invalide.")])
