"""Product pictures drawn with Pillow: a textile shape in the product's colour and pattern.

Drawings use no randomness of the data generator and no timestamps, so the same product gives the same bytes
on every install (JPEG quality 80, no EXIF; PNG without time chunk).
"""

from __future__ import annotations

import random

from PIL import Image, ImageDraw

from sandbox.seeding.drawing import RGB, contrast, hex_rgb, jpeg, shade, text

SIZE = 400
BACKGROUND = (243, 240, 234)


def fabric(colour: RGB, pattern: str, scale: int = 1, size: int = SIZE) -> Image.Image:
    """A square of cloth: base colour, a fine weave, and the pattern (stripes, chevrons, checks, waffle)."""
    img = Image.new("RGB", (size, size), colour)
    draw = ImageDraw.Draw(img)
    weave = shade(colour, 0.05)
    for y in range(0, size, 4 * scale):
        draw.line([(0, y), (size, y)], fill=weave, width=scale)
    mark = contrast(colour, 0.35)
    step = 30 * scale
    if pattern == "stripes":
        for x in range(8 * scale, size, step):
            draw.rectangle([x, 0, x + 9 * scale, size], fill=mark)
    elif pattern == "chevrons":
        for y in range(-step, size + step, 24 * scale):
            points = [
                (x, y + (12 * scale if (x // (16 * scale)) % 2 else 0))
                for x in range(0, size + 16 * scale, 16 * scale)
            ]
            draw.line(points, fill=mark, width=3 * scale)
    elif pattern == "checks":
        cell = 20 * scale
        light = shade(colour, 0.55)
        for i in range(0, size, cell):
            for j in range(0, size, cell):
                tone = (i // cell) % 2 + (j // cell) % 2
                draw.rectangle([i, j, i + cell, j + cell], fill=(light, shade(colour, 0.25), colour)[tone])
    elif pattern == "waffle":
        cell = 12 * scale
        hollow = shade(colour, -0.12)
        for i in range(2 * scale, size, cell):
            for j in range(2 * scale, size, cell):
                draw.rectangle([i, j, i + cell - 4 * scale, j + cell - 4 * scale], fill=hollow)
    return img


def _paint(canvas: Image.Image, mask: Image.Image, cloth: Image.Image) -> None:
    canvas.paste(cloth, (0, 0), mask)


def _stack(canvas: Image.Image, draw: ImageDraw.ImageDraw, colour: RGB, pattern: str) -> None:
    draw.ellipse([40, 318, 360, 358], fill=shade(BACKGROUND, -0.12))
    layers = [(48, 262, 352, 332), (60, 192, 340, 264), (72, 122, 328, 194)]
    for n, box in enumerate(layers):
        mask = Image.new("L", canvas.size, 0)
        ImageDraw.Draw(mask).rounded_rectangle(box, radius=14, fill=255)
        _paint(canvas, mask, fabric(shade(colour, -0.04 * (2 - n)), pattern))
        edge = contrast(colour, 0.22)
        draw.rounded_rectangle(box, radius=14, outline=edge, width=2)
        draw.line([(box[0] + 14, box[1] + 10), (box[2] - 14, box[1] + 10)], fill=edge, width=1)
        draw.arc([box[2] - 26, box[1] + 4, box[2] + 2, box[3] - 4], 270, 90, fill=edge, width=2)


def _outline_shape(
    canvas: Image.Image,
    draw: ImageDraw.ImageDraw,
    colour: RGB,
    pattern: str,
    shape: list[tuple[int, int]] | tuple[int, int, int, int],
    radius: int = 0,
) -> None:
    mask = Image.new("L", canvas.size, 0)
    m = ImageDraw.Draw(mask)
    if isinstance(shape, tuple):
        m.rounded_rectangle(shape, radius=radius, fill=255)
    else:
        m.polygon(shape, fill=255)
    _paint(canvas, mask, fabric(colour, pattern))
    edge = contrast(colour, 0.25)
    if isinstance(shape, tuple):
        draw.rounded_rectangle(shape, radius=radius, outline=edge, width=3)
    else:
        draw.polygon(shape, outline=edge, width=3)


def _cushion(canvas, draw, colour, pattern) -> None:
    draw.ellipse([80, 318, 320, 345], fill=shade(BACKGROUND, -0.12))
    _outline_shape(canvas, draw, colour, pattern, (80, 80, 320, 320), radius=42)
    draw.line([(120, 300), (280, 300)], fill=contrast(colour, 0.35), width=2)


def _robe(canvas, draw, colour, pattern) -> None:
    body = [
        (140, 80),
        (260, 80),
        (345, 165),
        (310, 195),
        (280, 165),
        (285, 345),
        (115, 345),
        (120, 165),
        (90, 195),
        (55, 165),
    ]
    _outline_shape(canvas, draw, colour, pattern, body)
    edge = contrast(colour, 0.3)
    draw.line([(170, 82), (200, 170), (230, 82)], fill=edge, width=4)
    draw.rectangle([118, 215, 282, 232], fill=shade(colour, -0.1), outline=edge)
    draw.rectangle([140, 260, 185, 300], outline=edge, width=2)


def _curtain(canvas, draw, colour, pattern) -> None:
    draw.line([(50, 62), (350, 62)], fill=(90, 90, 90), width=6)
    _outline_shape(canvas, draw, colour, pattern, [(110, 70), (290, 70), (305, 355), (95, 355)])
    edge = contrast(colour, 0.18)
    for x in range(130, 290, 30):
        draw.line([(x, 78), (x + (x - 200) // 12, 350)], fill=edge, width=3)
    for x in range(120, 290, 28):
        draw.ellipse([x, 66, x + 12, 78], outline=(90, 90, 90), width=2)


def _box(canvas, draw, colour, pattern) -> None:
    draw.ellipse([80, 318, 320, 345], fill=shade(BACKGROUND, -0.12))
    _outline_shape(canvas, draw, colour, pattern, (95, 175, 305, 330), radius=4)
    _outline_shape(canvas, draw, shade(colour, -0.12), pattern, (85, 145, 315, 185), radius=4)
    ribbon = (250, 248, 240)
    draw.rectangle([190, 145, 210, 330], fill=ribbon)
    draw.rectangle([85, 158, 315, 172], fill=ribbon)
    draw.ellipse([150, 110, 200, 150], outline=ribbon, width=8)
    draw.ellipse([200, 110, 250, 150], outline=ribbon, width=8)


def _book(canvas, draw, colour, pattern) -> None:
    draw.rectangle([112, 72, 300, 342], fill=shade(colour, -0.3))
    draw.rectangle([122, 66, 292, 336], fill=colour, outline=contrast(colour, 0.3), width=2)
    light = shade(colour, 0.75)
    text(draw, (207, 130), "LE LIN", 30, light, "mm")
    text(draw, (207, 170), "de la graine au drap", 15, light, "mm")
    draw.ellipse([182, 220, 232, 270], outline=light, width=3)
    draw.line([(207, 270), (207, 310)], fill=light, width=3)


def _bar(canvas, draw, colour, pattern) -> None:
    draw.ellipse([90, 262, 310, 292], fill=shade(BACKGROUND, -0.12))
    draw.rounded_rectangle(
        [100, 150, 300, 275], radius=22, fill=colour, outline=shade(colour, -0.25), width=3
    )
    draw.rounded_rectangle([125, 172, 275, 252], radius=14, outline=shade(colour, -0.2), width=2)
    text(draw, (200, 212), "SAVON", 26, shade(colour, -0.3), "mm")


def _bag(canvas, draw, colour, pattern) -> None:
    _outline_shape(canvas, draw, colour, pattern, (110, 100, 290, 345), radius=70)
    draw.rectangle([140, 80, 175, 112], fill=shade(colour, -0.1))
    draw.rectangle([225, 80, 260, 112], fill=shade(colour, -0.1))
    draw.line([(275, 140), (275, 320)], fill=contrast(colour, 0.4), width=3)


def _bib(canvas, draw, colour, pattern) -> None:
    _outline_shape(canvas, draw, colour, pattern, (100, 110, 300, 340), radius=100)
    draw.ellipse([165, 95, 235, 165], fill=BACKGROUND, outline=contrast(colour, 0.25), width=3)
    draw.ellipse([236, 128, 250, 142], fill=contrast(colour, 0.35))


def _apron(canvas, draw, colour, pattern) -> None:
    _outline_shape(
        canvas,
        draw,
        colour,
        pattern,
        [(160, 75), (240, 75), (245, 175), (300, 185), (290, 350), (110, 350), (100, 185), (155, 175)],
    )
    edge = contrast(colour, 0.3)
    draw.rectangle([150, 235, 250, 290], outline=edge, width=3)
    draw.line([(160, 75), (120, 40)], fill=edge, width=3)
    draw.line([(240, 75), (280, 40)], fill=edge, width=3)


SHAPES = {
    "stack": _stack,
    "cushion": _cushion,
    "robe": _robe,
    "curtain": _curtain,
    "box": _box,
    "book": _book,
    "bar": _bar,
    "bag": _bag,
    "bib": _bib,
    "apron": _apron,
}
PATTERNS = ("plain", "stripes", "chevrons", "checks", "waffle")


def product_picture(shape: str, colour_hex: str, pattern: str) -> bytes:
    """The main picture of a product (400 × 400 JPEG)."""
    colour = hex_rgb(colour_hex)
    # White and ivory linen would vanish on the light backdrop: give them a greyer one.
    canvas = Image.new("RGB", (SIZE, SIZE), shade(BACKGROUND, -0.08) if sum(colour) > 660 else BACKGROUND)
    SHAPES[shape](canvas, ImageDraw.Draw(canvas), colour, pattern)
    return jpeg(canvas)


def detail_picture(colour_hex: str, pattern: str, rng: random.Random) -> bytes:
    """A close-up of the cloth (400 × 400 JPEG): the pattern three times larger and irregular threads."""
    colour = hex_rgb(colour_hex)
    img = fabric(colour, pattern, scale=3)
    draw = ImageDraw.Draw(img)
    for _ in range(140):
        y = rng.randrange(SIZE)
        x = rng.randrange(SIZE - 60)
        draw.line(
            [(x, y), (x + rng.randrange(20, 60), y)], fill=shade(colour, rng.choice((-0.08, 0.08))), width=2
        )
    return jpeg(img)
