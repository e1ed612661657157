"""Forms of the centre administration (labels in French; CSRF through Flask-WTF)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, IntegerField, PasswordField, StringField, TextAreaField, TimeField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from grading.accounts import PASSWORD_ERROR, PASSWORD_MIN, USERNAME, USERNAME_ERROR
from sandbox.services import ServiceError
from sandbox.web.choice_fields import SelectField, SelectMultipleField
from sandbox.web.date_fields import DateField
from sandbox.web.shop_admin.forms import AdminForm  # WTForms' own messages in French


class ExaminerForm(AdminForm):
    """A new examiner account."""

    display_name = StringField(
        "Nom de l'examinateur (tel qu'imprimé sur les grilles)",
        validators=[DataRequired("Indiquez le nom de l'examinateur."), Length(max=120)],
    )
    # The service's rules, checked here too so that every wrong field is flagged at once, not one by one.
    username = StringField("Identifiant de connexion", validators=[
        DataRequired("Indiquez un identifiant."), Regexp(USERNAME, message=USERNAME_ERROR)])
    password = PasswordField("Mot de passe (8 caractères au moins)", validators=[
        DataRequired("Indiquez un mot de passe."), Length(min=PASSWORD_MIN, message=PASSWORD_ERROR)])


class TeacherForm(ExaminerForm):
    """A new teacher account."""

    display_name = StringField(
        "Nom de l'enseignant",
        validators=[DataRequired("Indiquez le nom de l'enseignant."), Length(max=120)],
    )


class PasswordResetForm(AdminForm):
    """A new password for an examiner's or teacher's account."""

    password = PasswordField(
        "Nouveau mot de passe (8 caractères au moins)",
        validators=[DataRequired("Indiquez le nouveau mot de passe.")],
    )


class SettingsForm(AdminForm):
    """The centre's settings: the address candidates' PCs use to reach the server."""

    base_url = StringField(
        "Adresse du serveur pour les postes",
        validators=[DataRequired("Indiquez l'adresse du serveur (exemple : http://192.168.1.10:8000).")],
    )


class SessionForm(AdminForm):
    """A new exam session."""

    date = DateField("Date de la session", validators=[InputRequired("Indiquez la date de la session.")])
    centre_name = StringField(
        "Centre d'examen", validators=[DataRequired("Indiquez le nom du centre."), Length(max=160)]
    )
    academie = StringField("Académie", validators=[DataRequired("Indiquez l'académie."), Length(max=80)])
    commissions = StringField("Numéros de commission", validators=[Optional(), Length(max=400)])


class ImportForm(AdminForm):
    """A candidates file, uploaded or pasted."""

    file = FileField("Fichier CSV des candidats")
    content = TextAreaField("Ou collez le contenu du fichier")


class ConfirmImportForm(AdminForm):
    """The previewed file, sent again to be imported."""

    content = HiddenField()


class SlotForm(AdminForm):
    """A new slot: examiner, subject, time, candidates."""

    time = TimeField("Heure de début", validators=[InputRequired("Indiquez l'heure de début.")])
    examiner = SelectField(
        "Examinateur",
        coerce=int,
        validate_choice=False,
        validators=[DataRequired("Choisissez l'examinateur.")],
    )
    template = SelectField("Sujet", validate_choice=False, validators=[DataRequired("Choisissez le sujet.")])
    commission = SelectField("Commission", validate_choice=False, validators=[Optional()])
    duration = IntegerField(
        "Durée (minutes)",
        default=40,
        validators=[
            InputRequired("Indiquez la durée."),
            NumberRange(1, 240, "La durée doit être comprise entre 1 et 240 minutes."),
        ],
    )
    candidates = SelectMultipleField(
        "Candidats (trois au plus)",
        coerce=int,
        validate_choice=False,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )


class AccommodationForm(AdminForm):
    """A candidate's extra time, typed as in the candidates file."""

    accommodation = StringField("Aménagement", validators=[Optional(), Length(max=40)])


class AddCandidateForm(AdminForm):
    """One more candidate in an existing slot."""

    candidate = SelectField(
        "Candidat à ajouter",
        coerce=int,
        validate_choice=False,
        validators=[DataRequired("Choisissez un candidat.")],
    )


def attach_error(form: FlaskForm, error: ServiceError, aliases: dict[str, str] | None = None) -> str | None:
    """Show a service refusal next to its field; return it when no field matches (shown above the form)."""
    name = (aliases or {}).get(error.field or "", error.field or "")
    if name and name in form._fields:
        form[name].errors = [*form[name].errors, error.message]
        return None
    return error.message
