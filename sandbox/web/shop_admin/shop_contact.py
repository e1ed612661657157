"""Paramètres de la boutique › Contact › Coordonnées: the shop's name, address, phone, e-mail, opening hours
(shown in the public footer, « Informations sur la boutique »)."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, url_for
from wtforms import StringField, TextAreaField

from sandbox.services import ServiceError
from sandbox.services.shop_contact import FIELDS, contact_details, save_contact
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.forms import AdminForm
from sandbox.web.shop_admin.products import attach_error


class ContactForm(AdminForm):
    """The shop's contact details (checked by the service: French errors next to the field)."""


for _field, _label in FIELDS.items():
    setattr(ContactForm, _field, (TextAreaField if _field == "opening_hours" else StringField)(
        _label, id=f"contact-{_field}"))


@bp.route("/parametres/coordonnees", methods=["GET", "POST"])
def shop_contact():
    """Edit the shop's contact details; nothing changed, nothing recorded."""
    form = ContactForm()
    if not form.is_submitted():
        form.process(data=contact_details(g.db))
    elif form.validate_on_submit():
        try:
            changed = save_contact(g.db, {f: form[f].data for f in FIELDS})
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash("Les coordonnées de la boutique ont été enregistrées." if changed
                  else "Aucune modification : les coordonnées sont inchangées.", "success")
            return redirect(url_for("seat.shop_admin.shop_contact"))
    return render_template("shop_admin/shop_contact.html", form=form, fields=list(FIELDS))
