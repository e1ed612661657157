"""Clients › Service client (threads: reply, status, forward, private note) and « Messages prédéfinis »."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select

from sandbox.models import Customer, CustomerThread, Employee, Order, PredefinedMessage, Product
from sandbox.services import ServiceError
from sandbox.services import customer_service as sav
from sandbox.subjects.labels import THREAD_STATUSES
from sandbox.web.form_autosave import autosave_offer, forget_form_autosave, store_form_autosave, words
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.forms import ConfirmForm
from sandbox.web.shop_admin.listing import paginate
from sandbox.web.shop_admin.products import attach_error
from sandbox.web.shop_admin.service_forms import ForwardForm, PredefinedForm, ReplyForm, ThreadStatusForm

FEATURES = ["B-SAV-1", "B-SAV-2"]  # feature ids of this screen (coverage report)


@bp.get("/service-client")
def threads():
    """Customer-service threads, newest first, filtered by status."""
    stmt = select(CustomerThread).order_by(CustomerThread.created_at.desc(), CustomerThread.id.desc())
    status = request.args.get("statut", "")
    if status in THREAD_STATUSES:
        stmt = stmt.where(CustomerThread.status == status)
    return render_template(
        "shop_admin/threads.html", page=paginate(g.db, stmt, 50), statuses=THREAD_STATUSES, status=status
    )


def _load(thread_id: int) -> CustomerThread:
    thread = g.db.get(CustomerThread, thread_id)
    if thread is None:
        abort(404, description="Ce fil n'existe pas dans ce poste.")
    return thread


def _render(thread: CustomerThread, reply=None, status=None, forward=None):
    reply = reply or ReplyForm()
    template_id = request.args.get("modele", type=int)
    canned = g.db.get(PredefinedMessage, template_id) if template_id else None
    if canned is not None and not reply.body.data:
        reply.body.data = canned.body
    status = status or ThreadStatusForm(data={"status": thread.status})
    status.status.choices = list(THREAD_STATUSES.items())
    forward = forward or ForwardForm()
    employees = g.db.scalars(select(Employee).where(Employee.active.is_(True)).order_by(Employee.id)).all()
    forward.employee_id.choices = [(0, "— Choisir —")] + [(e.id, e.full_name) for e in employees]
    names = {e.id: e.full_name for e in g.db.scalars(select(Employee))}
    return render_template(
        "shop_admin/thread.html",
        thread=thread,
        autosave_url=url_for("seat.shop_admin.thread_autosave", thread_id=thread.id),
        offer=autosave_offer("thread", str(thread.id),
                             url_for("seat.shop_admin.thread_autosave_ignore", thread_id=thread.id)),
        reply=reply,
        status_form=status,
        forward=forward,
        names=names,
        statuses=THREAD_STATUSES,
        predefined=sav.predefined_messages(g.db),
        chosen=canned,
        customer=g.db.get(Customer, thread.customer_id) if thread.customer_id else None,
        order=g.db.get(Order, thread.order_id) if thread.order_id else None,
        product=g.db.get(Product, thread.product_id) if thread.product_id else None,
    )


@bp.get("/service-client/<int:thread_id>")
def thread(thread_id: int):
    """A thread: its messages, the reply form (with predefined messages), status and forwarding."""
    return _render(_load(thread_id))


@bp.post("/service-client/<int:thread_id>/repondre")
def thread_reply(thread_id: int):
    """Send an answer to the customer (simulated e-mail) or add a private note."""
    item = _load(thread_id)
    form = ReplyForm()
    if form.validate_on_submit():
        try:
            sav.reply(g.db, item, g.employee, form.body.data or "", private=form.private.data)
            forget_form_autosave("thread", str(item.id))
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash(
                "Note privée ajoutée."
                if form.private.data
                else f"Réponse envoyée par e-mail à {item.email}.",
                "success",
            )
            return redirect(url_for("seat.shop_admin.thread", thread_id=item.id))
    return _render(item, reply=form)


@bp.post("/service-client/<int:thread_id>/sauvegarde-auto")
def thread_autosave(thread_id: int):
    """The reply being written, autosaved (every 15 s of change and on leaving), never sent."""
    item = _load(thread_id)
    return store_form_autosave("thread", str(item.id), lambda fields: (
        f"Réponse au fil n° {item.id} ({item.email}) : brouillon, {words(fields.get('body'))}"))


@bp.post("/service-client/<int:thread_id>/sauvegarde-auto/ignorer")
def thread_autosave_ignore(thread_id: int):
    """« Ignorer »: forget the autosaved reply."""
    item = _load(thread_id)
    forget_form_autosave("thread", str(item.id))
    g.db.commit()
    return redirect(url_for("seat.shop_admin.thread", thread_id=item.id))


@bp.post("/service-client/<int:thread_id>/statut")
def thread_status(thread_id: int):
    """Change the status of a thread."""
    item = _load(thread_id)
    form = ThreadStatusForm()
    if form.validate_on_submit():
        try:
            sav.set_status(g.db, item, form.status.data or "")
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash(f"Statut du fil : « {THREAD_STATUSES[item.status]} ».", "success")
            return redirect(url_for("seat.shop_admin.thread", thread_id=item.id))
    return _render(item, status=form)


@bp.post("/service-client/<int:thread_id>/transferer")
def thread_forward(thread_id: int):
    """Forward a thread to another employee."""
    item = _load(thread_id)
    form = ForwardForm()
    if form.validate_on_submit():
        try:
            sav.forward(g.db, item, g.employee, form.employee_id.data, form.note.data or "")
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash("Le fil a été transféré.", "success")
            return redirect(url_for("seat.shop_admin.thread", thread_id=item.id))
    return _render(item, forward=form)


@bp.get("/messages-predefinis")
def predefined_messages():
    """Canned replies of customer service."""
    return render_template(
        "shop_admin/predefined_messages.html", messages=sav.predefined_messages(g.db), form=ConfirmForm()
    )


@bp.route(
    "/messages-predefinis/nouveau",
    methods=["GET", "POST"],
    defaults={"message_id": None},
    endpoint="predefined_new",
)
@bp.route("/messages-predefinis/<int:message_id>", methods=["GET", "POST"])
def predefined_edit(message_id: int | None):
    """Create or edit a canned reply."""
    message = g.db.get(PredefinedMessage, message_id) if message_id else None
    if message_id and message is None:
        abort(404, description="Ce message prédéfini n'existe pas.")
    form = PredefinedForm(obj=message) if request.method == "GET" else PredefinedForm()
    if form.validate_on_submit():
        try:
            saved = sav.save_predefined(g.db, message, form.name.data, form.body.data)
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash(f"Message prédéfini « {saved.name} » enregistré.", "success")
            return redirect(url_for("seat.shop_admin.predefined_messages"))
    return render_template("shop_admin/predefined_edit.html", form=form, message=message)


@bp.post("/messages-predefinis/<int:message_id>/supprimer")
def predefined_delete(message_id: int):
    """Delete a canned reply."""
    message = g.db.get(PredefinedMessage, message_id)
    if message is not None and ConfirmForm().validate_on_submit():
        sav.delete_predefined(g.db, message)
        g.db.commit()
        flash("Message prédéfini supprimé.", "success")
    return redirect(url_for("seat.shop_admin.predefined_messages"))
