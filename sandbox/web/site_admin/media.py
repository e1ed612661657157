"""« Médias »: the library (grid or list, search, type filter), upload, edit texts, delete."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for

from sandbox.content.focal import focal_position
from sandbox.models import Media
from sandbox.services import ServiceError
from sandbox.services.media_library import ACCEPTED, LIMITS, delete, describe, search, set_focal_point, upload
from sandbox.services.site_roles import MESSAGES, can
from sandbox.web.address import absolute_url
from sandbox.web.site_admin import bp, forbidden
from sandbox.web.site_admin.forms import ConfirmForm, MediaForm, UploadForm

FEATURES = ["S-MED-1", "S-MED-2", "S-MED-3"]  # feature ids of this screen (coverage report)

FAMILIES = [("", "Tous les médias"), ("image", "Images"), ("audio", "Audio"), ("video", "Vidéos"),
            ("application", "Documents")]


@bp.route("/medias", methods=["GET", "POST"])
def media_library():
    """The library and its « Téléverser » form."""
    if not can(g.site_user, "upload_media"):
        return forbidden(MESSAGES["upload_media"])
    form = UploadForm()
    if form.validate_on_submit():
        storage = form.file.data
        if storage is None or not getattr(storage, "filename", ""):
            form.file.errors = ["Choisissez un fichier à téléverser."]
        else:
            try:
                media = upload(g.db, g.site_user, storage.filename, storage.read())
                g.db.commit()
            except ServiceError as exc:
                g.db.rollback()
                form.file.errors = [exc.message]
            else:
                flash(f"« {media.filename} » a été ajouté à la médiathèque : complétez son texte alternatif.",
                      "success")
                return redirect(url_for(".media_edit", media_id=media.id))
    family = request.args.get("type", "")
    query = request.args.get("s", "").strip()
    view = "liste" if request.args.get("vue") == "liste" else "grille"
    return render_template("site_admin/media.html", form=form, rows=search(g.db, query, family),
                           families=FAMILIES, family=family, query=query, view=view, accepted=ACCEPTED,
                           limits=LIMITS)


@bp.route("/medias/<int:media_id>", methods=["GET", "POST"])
def media_edit(media_id: int):
    """Edit the alt text, title, caption and description of a media item."""
    media = g.db.get(Media, media_id)
    if media is None:
        abort(404)
    if not can(g.site_user, "edit_media", media):
        return forbidden(MESSAGES["edit_media"])
    form = MediaForm(obj=media if request.method == "GET" else None)
    if request.method == "GET":
        form.focal_x.data, form.focal_y.data = (str(v) for v in focal_position(media))
    if form.validate_on_submit():
        try:
            describe(g.db, g.site_user, media, form.title.data or "", form.alt.data or "",
                     form.caption.data or "", form.description.data or "")
            if media.mime.startswith("image/"):
                set_focal_point(g.db, g.site_user, media, form.focal_x.data or "", form.focal_y.data or "")
            g.db.commit()
        except ServiceError as exc:
            g.db.rollback()
            if exc.field in ("focal_x", "focal_y"):
                form[exc.field].errors = [exc.message]
            else:
                flash(exc.message, "error")
        else:
            flash("Média mis à jour.", "success")
            return redirect(url_for(".media_edit", media_id=media.id))
    url = url_for("seat.media.file", media_id=media.id, filename=media.filename)
    return render_template("site_admin/media_edit.html", form=form, media=media, url=url,
                           file_url=absolute_url(url), confirm=ConfirmForm(), focal=focal_position(media))


@bp.post("/medias/<int:media_id>/supprimer")
def media_delete(media_id: int):
    """Delete a media item for good."""
    media = g.db.get(Media, media_id)
    if media is None:
        abort(404)
    if ConfirmForm().validate_on_submit():
        try:
            name = media.filename
            delete(g.db, g.site_user, media)
            g.db.commit()
            flash(f"« {name} » a été supprimé de la médiathèque.", "success")
        except ServiceError as exc:
            g.db.rollback()
            flash(exc.message, "error")
    return redirect(url_for(".media_library"))


@bp.get("/medias/selecteur")
def media_picker():
    """The thumbnails of the media picker dialog (search words, type filter, accepted families, or ids)."""
    accepted = [f for f in request.args.get("accept", "").split(",") if f in dict(FAMILIES) and f]
    family = request.args.get("type", "")
    query = request.args.get("s", "").strip()[:100]
    if family and accepted and family not in accepted:
        family = ""
    ids = {int(i) for i in request.args.get("ids", "").split(",") if i.isdigit()}
    rows = [m for m in search(g.db, query, family)
            if (not accepted or m.mime.split("/", 1)[0] in accepted) and (not ids or m.id in ids)]
    return render_template("site_admin/media_picker.html", rows=rows, query=query)
