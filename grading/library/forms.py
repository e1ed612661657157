"""Forms of the subject library (labels in French; CSRF through Flask-WTF)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField
from wtforms.validators import DataRequired, InputRequired

from sandbox.web.choice_fields import SelectField
from sandbox.web.date_fields import DateField


class UploadForm(FlaskForm):
    """A subject pack archive to add to the library."""

    archive = FileField("Archive du sujet (.zip ou .tar.gz)")


class PrepareForm(FlaskForm):
    """Prepare a library subject for an exam (or practice) date."""

    subject = SelectField(
        "Sujet à préparer", validate_choice=False, validators=[DataRequired("Choisissez le sujet.")]
    )
    day = DateField("Date de l'épreuve", validators=[InputRequired("Indiquez la date (JJ/MM/AAAA).")])
    next = HiddenField()
