"""« Newsletter » (X-REL-1): subscribers (list, export), campaigns for a segment, simulated send, results."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import func, select

from sandbox.models import Campaign, Subscriber
from sandbox.models.campaigns import segment_label
from sandbox.services import ServiceError
from sandbox.services.newsletter import (
    export_csv,
    recipients,
    results,
    save_campaign,
    segments,
    send_campaign,
)
from sandbox.services.site_roles import can
from sandbox.web.downloads import csv_download
from sandbox.web.form_autosave import NEW, autosave_offer, forget_form_autosave, store_form_autosave, words
from sandbox.web.site_admin import bp, forbidden
from sandbox.web.site_admin.look_forms import CampaignForm
from sandbox.web.site_admin.nav import NavEntry, add_entry

FEATURES = ["X-REL-1"]  # feature ids of this screen (coverage report)

FORBIDDEN = "Seuls les éditeurs et les administrateurs gèrent la lettre d'information."
PER_PAGE = 50

_RIGHT = "moderate_comments"
add_entry(NavEntry("Newsletter", "newsletter", ("newsletter", "campaign", "subscriber"), _RIGHT, [
    NavEntry("Campagnes", "newsletter", ("newsletter", "campaign"), "moderate_comments"),
    NavEntry("Abonnés", "subscribers", ("subscriber",), "moderate_comments"),
]), after="Messages")


def _allowed() -> bool:
    return can(g.site_user, "moderate_comments")


@bp.get("/newsletter")
def newsletter():
    """Campaigns (drafts and sent ones with their results)."""
    if not _allowed():
        return forbidden(FORBIDDEN)
    rows = g.db.scalars(select(Campaign).order_by(Campaign.created_at.desc(), Campaign.id.desc())).all()
    figures = {c.id: results(g.db, c) for c in rows if c.status == "sent"}
    return render_template("site_admin/newsletter.html", rows=rows, figures=figures,
                           segment_label=segment_label)


@bp.get("/newsletter/abonnes")
def subscribers():
    """Subscribers, searchable, 50 per page; « Exporter (CSV) »."""
    if not _allowed():
        return forbidden(FORBIDDEN)
    query = request.args.get("s", "").strip()[:100]
    page = max(1, request.args.get("page", 1, type=int))
    stmt = select(Subscriber)
    if query:
        like = f"%{query.lower()}%"
        stmt = stmt.where(func.lower(Subscriber.email).like(like) | func.lower(Subscriber.tags).like(like))
    total = g.db.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = g.db.scalars(stmt.order_by(Subscriber.created_at.desc(), Subscriber.id.desc())
                        .limit(PER_PAGE).offset((page - 1) * PER_PAGE)).all()
    return render_template("site_admin/subscribers.html", rows=rows, total=total, query=query, page=page,
                           pages=max(1, -(-total // PER_PAGE)))


@bp.get("/newsletter/abonnes.csv")
def subscribers_export():
    """The subscribers as a CSV file."""
    if not _allowed():
        return forbidden(FORBIDDEN)
    return csv_download(export_csv(g.db), "abonnes.csv")


@bp.route("/newsletter/campagne", methods=["GET", "POST"], defaults={"campaign_id": None})
@bp.route("/newsletter/campagne/<int:campaign_id>", methods=["GET", "POST"])
def campaign(campaign_id: int | None):
    """Write a campaign (subject, segment, content), save it, « Envoyer » it; a sent one shows its results."""
    if not _allowed():
        return forbidden(FORBIDDEN)
    found = g.db.get(Campaign, campaign_id) if campaign_id else None
    if campaign_id and found is None:
        abort(404)
    form = CampaignForm(obj=found if request.method == "GET" else None)
    form.segment.choices = [(v, f"{label} ({len(recipients(g.db, v))} abonnés)")
                            for v, label in segments(g.db)]
    if form.validate_on_submit() and (found is None or found.status != "sent"):
        try:
            found = save_campaign(g.db, form.subject.data, form.body.data, form.segment.data, found)
            forget_form_autosave("campaign", str(campaign_id or NEW))
            if request.form.get("action") == "send":
                count = send_campaign(g.db, found)
                g.db.commit()
                flash(f"Campagne envoyée à {count} abonnés (envoi simulé).", "success")
            else:
                g.db.commit()
                flash("Brouillon enregistré.", "success")
            return redirect(url_for(".campaign", campaign_id=found.id))
        except ServiceError as exc:
            g.db.rollback()
            target = getattr(form, exc.field or "", None) or form.subject
            target.errors = [*target.errors, exc.message]
            found = g.db.get(Campaign, campaign_id) if campaign_id else None
    figures = results(g.db, found) if found is not None and found.status == "sent" else None
    key = str(campaign_id or NEW)
    offer = autosave_offer("campaign", key, url_for(".campaign_autosave_ignore", key=key))
    return render_template("site_admin/campaign.html", form=form, campaign=found, figures=figures,
                           segment_label=segment_label, autosave_url=url_for(".campaign_autosave", key=key),
                           offer=offer)


def _campaign_key(key: str) -> str:
    """A campaign's autosave key: its id, or « nouveau »; 403/404 otherwise."""
    if not _allowed():
        abort(403)
    if key != NEW and (not key.isdigit() or g.db.get(Campaign, int(key)) is None):
        abort(404)
    return key


@bp.post("/newsletter/campagne/sauvegarde-auto/<key>")
def campaign_autosave(key: str):
    """The campaign being written, autosaved (every 15 s of change and on leaving), never sent."""
    return store_form_autosave("campaign", _campaign_key(key), lambda fields: (
        f"Campagne « {fields.get('subject') or '(sans objet)'} » : brouillon, {words(fields.get('body'))}"))


@bp.post("/newsletter/campagne/sauvegarde-auto/<key>/ignorer")
def campaign_autosave_ignore(key: str):
    """« Ignorer »: forget the autosaved campaign."""
    forget_form_autosave("campaign", _campaign_key(key))
    g.db.commit()
    return redirect(url_for(".campaign", campaign_id=int(key)) if key.isdigit() else url_for(".campaign"))
