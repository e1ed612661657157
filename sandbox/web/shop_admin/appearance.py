"""Apparence › Positions: order of the home-page blocks (B-APP-1, B-APP-2)."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for

from sandbox.services import ServiceError
from sandbox.services.modules import HOME_BLOCKS, home_order, module_active, set_home_order
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.forms import ConfirmForm

FEATURES = ["B-APP-1", "B-APP-2"]  # feature ids of this screen (coverage report)


@bp.route("/apparence/positions", methods=["GET", "POST"])
def positions():
    """Positions of the home blocks: a number per block, 1 at the top of the page."""
    order = home_order(g.db)
    form = ConfirmForm()
    typed = {code: str(order.index(code) + 1) for code in order}
    errors: dict[str, str] = {}
    if form.validate_on_submit():
        typed = {code: request.form.get(f"position_{code}", "").strip() for code in HOME_BLOCKS}
        for code, value in typed.items():
            if not value.isdigit():
                errors[code] = f"Indiquez un nombre entier de 1 à {len(HOME_BLOCKS)}."
        if not errors:
            try:
                set_home_order(g.db, {code: int(v) for code, v in typed.items()})
                g.db.commit()
            except ServiceError as error:
                g.db.rollback()
                errors["_"] = error.message
            else:
                flash("L'ordre des blocs de la page d'accueil a été enregistré.", "success")
                return redirect(url_for("seat.shop_admin.positions"))
    rows = [(code, name, module is None or module_active(g.db, module))
            for code in order for name, module in [HOME_BLOCKS[code]]]
    return render_template("shop_admin/positions.html", rows=rows, typed=typed, errors=errors, form=form,
                           count=len(HOME_BLOCKS))
