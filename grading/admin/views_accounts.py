"""Administration: examiners' and teachers' accounts (create, disable or enable, reset the password)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for

from grading.accounts import create_account, list_accounts, reset_password, set_active
from grading.admin import bp, data
from grading.admin.forms import ExaminerForm, PasswordResetForm, TeacherForm, attach_error
from grading.console.auth import admin_required
from grading.db import CentreUser
from grading.services.store import reading
from sandbox.services import ServiceError

# Per role: the page's endpoint, its form, its French words.
KINDS = {
    "examiner": ("admin.examiners", ExaminerForm, "Examinateurs", "examinateur"),
    "teacher": ("admin.teachers", TeacherForm, "Enseignants", "enseignant"),
}


def _accounts_page(role: str):
    endpoint, form_class, title, word = KINDS[role]
    form = form_class()
    error = None
    if form.validate_on_submit():
        try:
            user = create_account(
                data(), role, form.username.data, form.display_name.data, form.password.data
            )
        except ServiceError as exc:
            error = attach_error(form, exc)
        else:
            flash(f"Compte {word} « {user.username} » créé pour {user.display_name}.", "success")
            return redirect(url_for(endpoint))
    with reading(data()) as db:
        return render_template(
            "admin/accounts.html", form=form, error=error, accounts=list_accounts(db, role),
            title=title, word=word,
        )


@bp.route("/examinateurs", methods=["GET", "POST"])
@admin_required
def examiners():
    """List the examiners and create one."""
    return _accounts_page("examiner")


@bp.route("/enseignants", methods=["GET", "POST"])
@admin_required
def teachers():
    """List the teachers and create one."""
    return _accounts_page("teacher")


def _managed_account(user_id: int) -> CentreUser:
    with reading(data()) as db:
        user = db.get(CentreUser, user_id)
        if user is None or user.role not in KINDS:
            abort(404, description=f"Le compte n° {user_id} n'existe pas.")
        db.expunge(user)
        return user


@bp.route("/comptes/<int:user_id>/", methods=["GET", "POST"])
@admin_required
def account(user_id: int):
    """One account: its state, a new password, disable or enable it."""
    user = _managed_account(user_id)
    form = PasswordResetForm()
    if form.validate_on_submit():
        try:
            reset_password(data(), user_id, form.password.data)
        except ServiceError as exc:
            attach_error(form, exc)
        else:
            flash(f"Nouveau mot de passe enregistré pour {user.display_name} : communiquez-le-lui.",
                  "success")
            return redirect(url_for("admin.account", user_id=user_id))
    endpoint, _form, title, word = KINDS[user.role]
    return render_template("admin/account.html", user=user, form=form, back=url_for(endpoint), title=title,
                           word=word)


@bp.post("/comptes/<int:user_id>/activation")
@admin_required
def account_active(user_id: int):
    """Disable the account (« désactiver ») or enable it again (« réactiver »); CSRF-checked form."""
    user = _managed_account(user_id)
    enable = request.form.get("actif") == "1"
    set_active(data(), user_id, enable)
    flash(
        f"Compte de {user.display_name} réactivé : il peut de nouveau se connecter." if enable
        else f"Compte de {user.display_name} désactivé : il ne peut plus se connecter.",
        "success",
    )
    return redirect(url_for("admin.account", user_id=user_id))
