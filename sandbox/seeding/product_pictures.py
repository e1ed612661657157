"""Dating the catalogue and drawing its pictures into the media library (before categories show a cover)."""

from __future__ import annotations

from datetime import datetime

from sandbox.seeding import pictures
from sandbox.seeding.catalogue import Spec, attribute_values, expand
from sandbox.seeding.common import Run, at, days, slugify, split
from sandbox.seeding.media import Library

MOTIF_PATTERNS = {"RAY": "stripes", "CHE": "chevrons", "CAR": "checks", "VIC": "checks", "NID": "waffle"}


def _picture_plan(spec: Spec, attrs: dict) -> tuple[str, list[tuple[str, str, str]]]:
    """Shape and the list of (legend suffix, colour hex, pattern) pictures of a product."""
    shape, pattern, colour = ([*spec.row["picture"].split(":"), "", ""])[:3]
    pattern = pattern or "plain"
    colours = attrs["Couleur"]
    if spec.row["colour_mode"] == "combination":
        return shape, [(f"coloris {c}", colours[c]["color"], pattern) for c in split(spec.row["colours"])]
    chosen = spec.colour or colour or "Lin naturel"
    motifs = split(spec.row["motifs"])
    if motifs:
        return shape, [
            (f"motif {m}", colours[chosen]["color"], MOTIF_PATTERNS.get(attrs["Motif"][m]["code"], "plain"))
            for m in motifs
        ]
    return shape, [(f"coloris {chosen}", colours[chosen]["color"], pattern)]


def _created_at(run: Run, spec: Spec) -> datetime:
    if "new" in split(spec.row["flags"]):
        return at(run.ref - days(run.rng.randint(4, 24)), 9, run.rng.randrange(60))
    return at(run.start - days(run.rng.randint(20, 700)), run.rng.randint(8, 18), run.rng.randrange(60))


def draw_pictures(run: Run, specs: list[Spec], created: dict[str, datetime]) -> dict[str, list[dict]]:
    """Pictures of every product into the media library: {product key: [image rows without ids]}."""
    attrs = attribute_values(run.reader)
    library = Library(run)
    images: dict[str, list[dict]] = {}
    for spec in specs:
        name = product_name(spec)
        slug = slugify(name)
        shape, plan = _picture_plan(spec, attrs)
        rows = []
        for n, (suffix, hex_colour, pattern) in enumerate(plan):
            legend = f"{name} – {suffix}"
            media_id = library.add(
                f"{slug}-{n + 1}.jpg",
                pictures.product_picture(shape, hex_colour, pattern),
                created[spec.key],
                legend,
                legend,
            )
            rows.append({"media_id": media_id, "legend": legend})
        _, hex_colour, pattern = plan[0]
        extra = [
            ("détail de la matière", pictures.detail_picture(hex_colour, pattern, run.local_rng(spec.key)))
        ]
        if "photo_only" in split(spec.row["flags"]):
            extra.append(("vue de dessus", pictures.product_picture("cushion", hex_colour, pattern)))
        for suffix, data in extra:
            legend = f"{name} – {suffix}"
            media_id = library.add(f"{slug}-{len(rows) + 1}.jpg", data, created[spec.key], legend, legend)
            rows.append({"media_id": media_id, "legend": legend})
        images[spec.key] = rows
    library.flush()
    return images


def product_name(spec: Spec) -> str:
    """A colour variant is named after its colour: « Drap housse en lin lavé Sauge »."""
    if spec.row["colour_mode"] == "product":
        return f"{spec.row['name']} {spec.colour}"
    return spec.row["name"]


def prepare(run: Run) -> None:
    """Expand the catalogue, date it and draw its pictures (before categories, which show a cover)."""
    specs = expand(run.reader, run.sizes["products"])
    created = {spec.key: _created_at(run, spec) for spec in specs}
    images = draw_pictures(run, specs, created)
    covers: dict[int, int] = {}
    for spec in specs:
        covers.setdefault(int(spec.row["category_id"]), images[spec.key][0]["media_id"])
    run.data.update(specs=specs, created=created, images=images, category_covers=covers)
