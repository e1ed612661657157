"""Forms of the subject studio: one per part of the draft, each with the draft revision it was loaded at
(two tabs: the later save is refused with a conflict message instead of silently overwriting)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import FieldList, Form, FormField, HiddenField, IntegerField, StringField, TextAreaField
from wtforms.validators import InputRequired, Optional
from wtforms.widgets import HiddenInput

from sandbox.subjects.feature_titles import FEATURE_TITLES
from sandbox.subjects.grid import CRITERIA, GRID_TYPES
from sandbox.subjects.manifest import SITES
from sandbox.web.choice_fields import SelectField, SelectMultipleField

QUESTION_SLOTS = 5  # a subject has 4 or 5 questions
CRITERION_CHOICES = [("", "— choisir dans le référentiel —")] + [(c, c) for c in CRITERIA]
KINDS = [("texte", "Texte (Markdown)"), ("tableau", "Tableau (collé depuis un tableur)")]


class Revisioned(FlaskForm):
    """A studio form: the revision of the draft the page was loaded at."""

    revision = IntegerField(widget=HiddenInput(), validators=[Optional()])


class ActionForm(FlaskForm):
    """A button that changes something: only its CSRF token is read."""


class NewDraftForm(FlaskForm):
    """« Nouveau sujet »: the site it is written on."""

    site = SelectField("Site du sujet", choices=list(SITES.items()))


class ImportForm(FlaskForm):
    """A pack archive to open in the studio."""

    archive = FileField("Archive du sujet (.zip ou .tar.gz)")


class HeaderForm(Revisioned):
    """The header of the subject as the official paper prints it."""

    title = StringField("Titre du sujet")
    site = SelectField("Site", choices=list(SITES.items()))
    letter = StringField("Lettre du sujet")
    session = StringField("Session")
    code = StringField("Code du sujet")
    subject_id = StringField("Identifiant du sujet")


class TextsForm(Revisioned):
    """The two texts before the questions."""

    contexte = TextAreaField("Contexte commercial", render_kw={"rows": 10})
    mise_en_situation = TextAreaField("Mise en situation", render_kw={"rows": 8})


def feature_choices(site: str, chosen: list[str] = ()) -> list[tuple[str, str]]:
    """The national list for this site (S- vitrine, B- boutique) and X- features, with their French labels;
    ids already chosen stay offered (the site changed since, or an unknown id the check reports)."""
    prefixes = ("S-", "X-") if site == "vitrine" else ("B-", "X-")
    offered = [(fid, f"{fid} — {title}") for fid, title in FEATURE_TITLES.items() if fid.startswith(prefixes)]
    known = {fid for fid, _ in offered}
    return offered + [(fid, f"{fid} — {FEATURE_TITLES.get(fid, 'identifiant inconnu')}")
                      for fid in chosen if fid not in known]


class QuestionEntry(Form):
    """One question."""

    title = StringField("Titre")
    text = TextAreaField("Énoncé", render_kw={"rows": 5})
    features = SelectMultipleField("Fonctionnalités", validate_choice=False, render_kw={"size": 6})


class QuestionsForm(Revisioned):
    """The 4 or 5 questions, in order."""

    questions = FieldList(FormField(QuestionEntry), min_entries=QUESTION_SLOTS, max_entries=QUESTION_SLOTS)


class AnnexEntry(Form):
    """One annex."""

    title = StringField("Titre")
    kind = SelectField("Type", choices=KINDS)
    content = TextAreaField("Contenu", render_kw={"rows": 6})


class AnnexesForm(Revisioned):
    """The annexes, in order (one empty slot more than there are)."""

    annexes = FieldList(FormField(AnnexEntry))


class FileForm(Revisioned):
    """A file for the seat's media library."""

    file = FileField("Fichier (image, PDF, son)")
    file_title = StringField("Titre du fichier")
    alt = StringField("Texte alternatif")


class LineEntry(Form):
    """One grid line."""

    line_id = HiddenField()
    question = SelectField("Question", validate_choice=False)
    criterion = SelectField("Critère de performance", choices=CRITERION_CHOICES, validate_choice=False)
    text = StringField("Compétence évaluée")
    level2 = StringField("Niveau 2")
    level3 = StringField("Niveau 3")
    level4 = StringField("Niveau 4")


class GridForm(Revisioned):
    """The grid: its national type and its lines."""

    kind = SelectField("Type de grille", choices=list(GRID_TYPES.items()))
    aid = TextAreaField("Aide à la notation (facultative)", render_kw={"rows": 2})
    lines = FieldList(FormField(LineEntry))


class VersionForm(FlaskForm):
    """« Enregistrer une version »."""

    comment = StringField("Commentaire de la version")


class RestoreForm(FlaskForm):
    """Restore a version."""

    number = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
