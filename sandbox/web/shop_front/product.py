"""The product page: pictures, price of the chosen combination, stock, details, pack, accessories, reviews."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from sandbox.models import (
    Attribute,
    Combination,
    CustomizationField,
    Product,
)
from sandbox.services import ServiceError
from sandbox.services import cart as carts
from sandbox.services.availability import StockStatus
from sandbox.services.product_comments import (
    comments_enabled,
    grade_summary,
    guests_allowed,
    post_comment,
    published_comments,
)
from sandbox.web.shop_front import bp
from sandbox.web.shop_front.catalog import breadcrumb_of
from sandbox.web.shop_front.chrome import current_cart
from sandbox.web.shop_front.forms import AddToCartForm, CommentForm, attach_error
from sandbox.web.shop_front.listing import (
    cover_media_ids,
    image_view,
    media_files,
    product_cards,
    product_url,
)
from sandbox.web.shop_front.product_view import chosen, details, offer_for, offer_json, rich_text, selectors

# What the product page reads of a product, loaded with it (one query per relation, not one per row).
PAGE_LOAD = (
    selectinload(Product.combinations).selectinload(Combination.attributes).joinedload(Attribute.group),
    joinedload(Product.images),
    joinedload(Product.tax),
    joinedload(Product.brand),
    joinedload(Product.default_category),
)


def _product_or_404(product_id: int) -> Product:
    product = g.db.get(Product, product_id, options=PAGE_LOAD)
    if product is None or not product.active:
        abort(404, description="Ce produit n'existe pas ou n'est plus en vente.")
    return product


def _render(
    product: Product,
    combination: Combination | None,
    exists: bool,
    form: AddToCartForm,
    comment_form: CommentForm | None = None,
    errors: dict | None = None,
    status: int = 200,
):
    extras = details(product)
    related = extras.pop("related_products")
    # One read of media and one of grades for the product and its accessories together.
    medias = media_files({i.media_id for i in product.images} | cover_media_ids(related))
    images = [v for v in (image_view(i, medias, product.name) for i in product.images) if v]
    shown = request.args.get("image", "")
    main = next((i for i in images if str(i["id"]) == shown), None) or next(
        (i for i in images if i["cover"]), images[0] if images else None
    )
    offer = offer_for(product, combination)
    if not exists:
        offer["status"] = StockStatus(
            0,
            False,
            "Ce produit n'existe pas dans cette déclinaison : choisissez une autre combinaison.",
            False,
        )
    offers = [offer_for(product, c) for c in product.combinations]
    reviews = comments_enabled(g.db)
    grades = grade_summary(g.db, [product.id, *(p.id for p in related)]) if reviews else {}
    if comment_form is None and (g.customer is not None or guests_allowed(g.db)) and reviews:
        comment_form = CommentForm(formdata=None)
    return render_template(
        "shop_front/product.html",
        reviews_enabled=reviews,
        product=product,
        combination=combination,
        offer=offer,
        offers_json=[offer_json(o) for o in offers],
        summary=rich_text(product.summary),
        description=rich_text(product.description),
        selectors=selectors(product, combination, request.values),
        images=images,
        main_image=main,
        form=form,
        comment_form=comment_form,
        comments=published_comments(g.db, product.id),
        grade=grades.get(product.id),
        related=product_cards(related, medias=medias, grades=grades),
        errors=errors or {},
        breadcrumb=breadcrumb_of(product.default_category_id),
        values=request.form,
        **extras,
    ), status


@bp.get("/produit/<int:product_id>", defaults={"slug": None})
@bp.route("/produit/<int:product_id>-<slug>", methods=["GET", "POST"])
def product(product_id: int, slug: str):
    """Show a product; POST adds the chosen combination to the cart."""
    item = _product_or_404(product_id)
    if request.method == "GET" and slug != item.slug:  # old or short links lead to the canonical URL
        return redirect(url_for(".product", product_id=item.id, slug=item.slug, **request.args), 301)
    combination, exists = chosen(item, request.values)
    form = AddToCartForm()
    errors: dict[str, str] = {}
    if request.method == "POST" and form.validate_on_submit():
        try:
            fields = g.db.scalars(
                select(CustomizationField).where(CustomizationField.product_id == item.id)
            ).all()
            text = carts.customization_text(
                item, list(fields), {f.id: request.form.get(f"custom_{f.id}", "") for f in fields}
            )
            if not exists:
                raise ServiceError(
                    "Ce produit n'existe pas dans cette déclinaison : choisissez une autre combinaison.",
                    "combination",
                )
            carts.add_to_cart(g.db, current_cart(create=True), item, combination, form.quantity.data, text)
            g.db.commit()
        except ServiceError as exc:
            g.db.rollback()
            if not attach_error(form, exc):
                errors[exc.field or "form"] = exc.message
        else:
            flash("Produit ajouté au panier avec succès", "cart")
            args = {"combination": combination.id} if combination else {}
            return redirect(url_for(".product", product_id=item.id, slug=item.slug, **args) + "#ajout")
    return _render(
        item, combination, exists, form, errors=errors, status=200 if request.method == "GET" else 422
    )


@bp.post("/produit/<int:product_id>/avis")
def post_review(product_id: int):
    """A logged-in customer posts a review; it waits for moderation."""
    item = _product_or_404(product_id)
    if not comments_enabled(g.db):
        abort(404, description="Les avis sur les produits sont désactivés dans cette boutique.")
    if g.customer is None and not guests_allowed(g.db):
        return redirect(url_for(".login", next=product_url(item) + "#avis"))
    form = CommentForm()
    if form.validate_on_submit():
        try:
            comment = post_comment(g.db, item, g.customer, form.title.data, form.body.data, form.grade.data,
                                   form.author.data or "")
            g.db.commit()
        except ServiceError as exc:
            g.db.rollback()
            attach_error(form, exc)
        else:
            flash(
                "Merci pour votre avis ! Il sera publié après validation par la boutique."
                if not comment.validated
                else "Merci pour votre avis ! Il est publié.",
                "success",
            )
            return redirect(product_url(item) + "#avis")
    combination, exists = chosen(item, {})
    return _render(item, combination, exists, AddToCartForm(formdata=None), comment_form=form, status=422)
