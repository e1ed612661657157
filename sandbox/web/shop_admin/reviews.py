"""Catalogue › Commentaires produits: moderation queue, approve, delete, public reply; e-reputation view."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from sqlalchemy import select

from sandbox.models import Product
from sandbox.services import ServiceError
from sandbox.services import reviews as service
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.forms import ConfirmForm

FEATURES = ["B-MOD-7", "B-SAV-1", "X-REL-3"]  # feature ids of this screen (coverage report)


@bp.get("/commentaires-produits")
def reviews():
    """Comments by status, with the shop's replies; average rating per product and by month."""
    status = request.args.get("statut", "pending")
    status = status if status in service.STATUSES else "pending"
    rows = service.comments(g.db, status)
    names = dict(g.db.execute(select(Product.id, Product.name)
                              .where(Product.id.in_({c.product_id for c in rows}))).all())
    return render_template("shop_admin/reviews.html", rows=rows, names=names, status=status,
                           statuses=service.STATUSES, ratings=service.ratings(g.db),
                           trend=service.trend(g.db),
                           overall=service.overall(g.db), pending=len(service.comments(g.db, "pending")),
                           form=ConfirmForm())


def _back():
    target = request.form.get("next", "")
    return redirect(target if target.startswith(f"/s/{g.seat}/") else url_for("seat.shop_admin.reviews"))


@bp.post("/commentaires-produits/<int:comment_id>/<action>")
def review_action(comment_id: int, action: str):
    """Approve, delete or reply to a comment."""
    if not ConfirmForm().validate_on_submit() or action not in ("valider", "supprimer", "repondre"):
        flash("Action impossible : rechargez la page et recommencez.", "error")
        return _back()
    try:
        if action == "valider":
            service.approve(g.db, comment_id)
            message = "Le commentaire est publié sur la page du produit."
        elif action == "supprimer":
            message = f"Le commentaire « {service.delete(g.db, comment_id)} » a été supprimé."
        else:
            comment = service.reply(g.db, comment_id, request.form.get("reply", ""))
            message = ("Votre réponse est publiée sous l'avis." if comment.reply
                       else "La réponse a été retirée.")
        g.db.commit()
    except ServiceError as error:
        g.db.rollback()
        flash(error.message, "error")
    else:
        flash(message, "success")
    return _back()
