"""Catalogue › Attributs & caractéristiques: attributes with their values (colours), features and values."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from sqlalchemy import func, select

from sandbox.models import AttributeGroup, CombinationAttribute
from sandbox.services import ServiceError
from sandbox.services import attributes as service
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.forms import ConfirmForm

FEATURES = ["B-CAT-7"]  # feature ids of this screen (coverage report)


def _int(name: str) -> int:
    value = request.form.get(name, "").strip()
    return int(value) if value.isdigit() else 0


ACTIONS = {
    "group": (lambda f: service.add_group(g.db, f.get("name", ""), f.get("public_name", ""),
                                          f.get("kind", "")), "L'attribut a été créé."),
    "value": (lambda f: service.add_value(g.db, _int("group_id"), f.get("value", ""), f.get("color", "")),
              "La valeur a été ajoutée."),
    "feature": (lambda f: service.add_feature(g.db, f.get("feature_name", "")),
                "La caractéristique a été créée."),
    "feature_value": (lambda f: service.add_feature_value(g.db, _int("feature_id"),
                                                          f.get("feature_value", "")),
                      "La valeur de la caractéristique a été ajoutée."),
    "delete_value": (lambda f: service.delete_value(g.db, _int("id")), "La valeur a été supprimée."),
    "delete_feature_value": (lambda f: service.delete_feature_value(g.db, _int("id")),
                             "La valeur de la caractéristique a été supprimée."),
}


@bp.route("/attributs", methods=["GET", "POST"])
def attributes():
    """Both lists, with small forms to add attributes, values, features and feature values."""
    errors: dict[str, str] = {}
    if request.method == "POST" and ConfirmForm().validate_on_submit():
        action = request.form.get("action", "")
        if action in ACTIONS:
            run, message = ACTIONS[action]
            try:
                run(request.form)
                g.db.commit()
            except ServiceError as error:
                g.db.rollback()
                if error.field and not action.startswith("delete"):
                    errors[error.field] = error.message
                else:
                    flash(error.message, "error")
            else:
                flash(message, "success")
                return redirect(url_for("seat.shop_admin.attributes", _anchor=request.form.get("anchor", "")))
    groups = list(g.db.scalars(select(AttributeGroup).order_by(AttributeGroup.position, AttributeGroup.id)))
    used = dict(g.db.execute(select(CombinationAttribute.attribute_id, func.count())
                             .group_by(CombinationAttribute.attribute_id)).all())
    return render_template("shop_admin/attributes.html", groups=groups, used=used, kinds=service.KINDS,
                           features=service.features(g.db), errors=errors,
                           typed=request.form if errors else {}), 422 if errors else 200
