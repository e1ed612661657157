"""Forms of the practice pages (labels in French; CSRF through Flask-WTF)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from sandbox.web.choice_fields import SelectField, SelectMultipleField


class PracticeForm(FlaskForm):
    """A new practice session."""

    title = StringField(
        "Titre de la séance", validators=[DataRequired("Indiquez le titre."), Length(max=160)]
    )
    subjects = SelectMultipleField(
        "Sujets (un par groupe)", validate_choice=False, widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    students = TextAreaField("Liste de la classe (un nom par ligne)")
    file = FileField("Ou fichier CSV de la classe (nom;prénom;groupe)")
    duration = IntegerField(
        "Durée en minutes (facultative)",
        validators=[Optional(), NumberRange(1, 240, "La durée doit être comprise entre 1 et 240 minutes.")],
    )
    stuck = IntegerField(
        "Signaler un élève sans activité depuis (minutes)", default=5,
        validators=[NumberRange(1, 60, "Indiquez un délai entre 1 et 60 minutes.")],
    )
    show_observables = BooleanField("Montrer aux élèves leurs observables (retour formatif)")


class JoinForm(FlaskForm):
    """The class code shown on the projector."""

    code = StringField("Code de la classe", validators=[DataRequired("Tapez le code affiché au tableau.")])


class PickForm(FlaskForm):
    """The student picks their name in the class list."""

    student = SelectField("Votre nom", coerce=int, validate_choice=False,
                          validators=[DataRequired("Choisissez votre nom.")])
