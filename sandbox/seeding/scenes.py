"""Logos and illustrative « photos » drawn with Pillow (simple flat scenes, deterministic bytes)."""

from __future__ import annotations

import random

from PIL import Image, ImageDraw

from sandbox.seeding.drawing import hex_rgb, jpeg, png, shade, text

W, H = 640, 400
GREEN = (91, 107, 74)
SAGE = (156, 175, 136)
FLAX_BLUE = (104, 132, 196)
LINEN = (205, 191, 166)


def _flower(
    draw: ImageDraw.ImageDraw, cx: int, cy: int, r: int, petal=FLAX_BLUE, heart=(236, 196, 84)
) -> None:
    for dx, dy in ((0, -1), (0.95, -0.31), (0.59, 0.81), (-0.59, 0.81), (-0.95, -0.31)):
        px, py = cx + dx * r, cy + dy * r
        draw.ellipse([px - r * 0.62, py - r * 0.62, px + r * 0.62, py + r * 0.62], fill=petal)
    draw.ellipse([cx - r * 0.35, cy - r * 0.35, cx + r * 0.35, cy + r * 0.35], fill=heart)


def logo(new: bool = False) -> bytes:
    """The company logo (PNG with transparency); `new` gives the 2027 redesign."""
    img = Image.new("RGBA", (520, 150), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    if new:
        draw.ellipse([10, 10, 140, 140], fill=SAGE)
        _flower(draw, 75, 68, 22, petal=(255, 255, 255), heart=(236, 196, 84))
        draw.line([(75, 95), (75, 128)], fill=(255, 255, 255), width=4)
        text(draw, (160, 62), "Lin & Nature", 58, SAGE, "lm")
        text(draw, (162, 112), "DEPUIS 2012 · ROUBAIX", 20, GREEN, "lm")
    else:
        draw.line([(70, 80), (70, 140)], fill=GREEN, width=5)
        draw.ellipse([40, 100, 70, 115], fill=GREEN)
        _flower(draw, 70, 55, 24)
        text(draw, (135, 64), "Lin & Nature", 56, GREEN, "lm")
        text(draw, (138, 112), "linge de maison écoconçu", 22, (110, 110, 100), "lm")
    return png(img)


def icon() -> bytes:
    """The site icon (favicon source): a flax flower on a sage square, 256 × 256 PNG."""
    img = Image.new("RGBA", (256, 256), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.rounded_rectangle([0, 0, 255, 255], radius=48, fill=SAGE)
    _flower(draw, 128, 128, 52, petal=(255, 255, 255))
    return png(img)


def brand_logo(name: str, colour_hex: str) -> bytes:
    """A brand's logo: its name in its colour inside a rounded frame (PNG 300 × 120)."""
    colour = hex_rgb(colour_hex)
    img = Image.new("RGB", (300, 120), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    draw.rounded_rectangle([6, 6, 293, 113], radius=18, outline=colour, width=4)
    size = 34 if len(name) < 14 else 27
    text(draw, (150, 60), name, size, colour, "mm")
    return png(img)


def _sky(draw: ImageDraw.ImageDraw, top, bottom, height: int) -> None:
    for y in range(height):
        t = y / max(height - 1, 1)
        draw.line(
            [(0, y), (W, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        )


def _field(draw, rng) -> None:
    _sky(draw, (120, 170, 225), (215, 230, 245), 190)
    for x in range(-40, W, 70):
        draw.ellipse([x, 150, x + 110, 215], fill=(74, 104, 66))
    draw.rectangle([0, 195, W, H], fill=(106, 142, 84))
    for _ in range(1700):
        y = rng.randrange(200, H)
        x = rng.randrange(W)
        size = 1 + (y - 195) // 60
        draw.line([(x, y), (x, y - 3 * size)], fill=(80, 120, 62), width=1)
        if rng.random() < 0.55:
            draw.ellipse([x - size, y - 3 * size - size, x + size, y - 3 * size + size], fill=FLAX_BLUE)


def _workshop(draw, rng) -> None:
    draw.rectangle([0, 0, W, 260], fill=(226, 220, 208))
    for x in range(40, W, 150):
        draw.rectangle([x, 30, x + 110, 170], fill=(200, 222, 235), outline=(120, 120, 120), width=4)
        draw.line([(x + 55, 30), (x + 55, 170)], fill=(120, 120, 120), width=3)
        draw.line([(x, 100), (x + 110, 100)], fill=(120, 120, 120), width=3)
    draw.rectangle([0, 260, W, H], fill=(150, 120, 90))
    for x in (60, 330):
        draw.rectangle([x, 250, x + 240, 270], fill=(120, 90, 60))
        draw.rectangle([x + 40, 210, x + 130, 250], fill=(240, 240, 235), outline=(60, 60, 60), width=2)
        draw.rectangle([x + 110, 190, x + 130, 250], fill=(240, 240, 235), outline=(60, 60, 60), width=2)
    for i, colour in enumerate([LINEN, SAGE, (200, 105, 74), (247, 245, 239), (63, 79, 122)]):
        x = 40 + i * 115
        draw.rectangle([x, 330, x + 90, 370], fill=colour, outline=shade(colour, -0.3))
        draw.ellipse([x + 80, 330, x + 100, 370], fill=shade(colour, -0.15))


def _people(draw, rng, ground: int, count: int) -> None:
    skins = [(241, 205, 175), (222, 178, 140), (176, 122, 88), (120, 80, 55)]
    clothes = [SAGE, (63, 79, 122), (200, 105, 74), LINEN, (60, 63, 68), (212, 162, 58)]
    for i in range(count):
        x = 60 + i * (W - 120) // max(count - 1, 1)
        tall = rng.randrange(150, 190)
        draw.rounded_rectangle(
            [x - 32, ground - tall + 50, x + 32, ground], radius=26, fill=clothes[i % len(clothes)]
        )
        draw.ellipse(
            [x - 22, ground - tall, x + 22, ground - tall + 46], fill=skins[rng.randrange(len(skins))]
        )


def _team(draw, rng) -> None:
    for y in range(0, H, 24):
        for x in range(-(y // 24 % 2) * 30, W, 60):
            draw.rectangle([x, y, x + 56, y + 20], fill=(168, 88, 66))
    draw.rectangle([0, 330, W, H], fill=(110, 110, 110))
    _people(draw, rng, 350, 7)


def _showroom(draw, rng) -> None:
    _sky(draw, (150, 190, 230), (220, 232, 245), 80)
    draw.rectangle([0, 80, W, H], fill=(168, 88, 66))
    draw.rectangle([90, 150, 550, 360], fill=(60, 63, 68))
    draw.rectangle([110, 170, 400, 360], fill=(220, 230, 236))
    draw.rectangle([420, 170, 530, 360], fill=(91, 107, 74))
    for i, x in enumerate(range(90, 550, 46)):
        draw.polygon(
            [(x, 110), (x + 46, 110), (x + 52, 150), (x - 6, 150)], fill=GREEN if i % 2 else (240, 238, 230)
        )
    text(draw, (320, 95), "LIN & NATURE", 30, (250, 248, 240), "mm")
    for x in (140, 220, 300):
        draw.rectangle([x, 300, x + 60, 360], fill=LINEN)
    draw.rectangle([0, 360, W, H], fill=(150, 150, 150))


def _spools(draw, rng) -> None:
    draw.rectangle([0, 0, W, H], fill=(232, 226, 214))
    for shelf in (130, 260, 390):
        draw.rectangle([20, shelf, W - 20, shelf + 10], fill=(120, 90, 60))
        for x in range(40, W - 60, 62):
            tone = shade(LINEN, rng.choice((-0.1, 0.0, 0.12)))
            draw.rectangle([x, shelf - 100, x + 46, shelf], fill=tone)
            for y in range(shelf - 96, shelf, 6):
                draw.line([(x, y), (x + 46, y)], fill=shade(tone, -0.08))
            draw.rectangle([x - 4, shelf - 106, x + 50, shelf - 98], fill=(140, 105, 70))


def _bedroom(draw, rng) -> None:
    draw.rectangle([0, 0, W, H], fill=(236, 232, 224))
    draw.rectangle([0, 320, W, H], fill=(180, 150, 115))
    draw.rounded_rectangle([120, 120, 520, 250], radius=20, fill=LINEN)
    draw.rectangle([100, 230, 540, 330], fill=(247, 245, 239))
    draw.rounded_rectangle([100, 250, 540, 340], radius=10, fill=SAGE)
    draw.rounded_rectangle([150, 200, 300, 255], radius=18, fill=(247, 245, 239))
    draw.rounded_rectangle([340, 200, 490, 255], radius=18, fill=LINEN)
    draw.rectangle([560, 250, 620, 330], fill=(150, 115, 80))
    draw.polygon([(570, 190), (610, 190), (620, 230), (560, 230)], fill=(240, 224, 180))
    draw.line([(590, 230), (590, 250)], fill=(60, 60, 60), width=3)


def _table(draw, rng) -> None:
    draw.rectangle([0, 0, W, H], fill=(150, 110, 75))
    draw.rectangle([60, 40, 580, 360], fill=(200, 105, 74))
    for x in (170, 320, 470):
        for y in (110, 290):
            draw.ellipse(
                [x - 50, y - 50, x + 50, y + 50], fill=(248, 248, 244), outline=(210, 210, 205), width=3
            )
            draw.ellipse([x - 30, y - 30, x + 30, y + 30], outline=(220, 220, 215), width=2)
            draw.rectangle([x + 58, y - 40, x + 78, y + 40], fill=LINEN)


def _market(draw, rng) -> None:
    _sky(draw, (140, 185, 230), (220, 232, 245), 200)
    draw.rectangle([0, 200, W, H], fill=(170, 170, 165))
    for x0 in (30, 340):
        for i, x in enumerate(range(x0, x0 + 270, 30)):
            draw.rectangle([x, 90, x + 30, 130], fill=GREEN if i % 2 else (245, 243, 236))
        draw.rectangle([x0, 230, x0 + 270, 290], fill=(120, 90, 60))
        for i, colour in enumerate([LINEN, SAGE, (200, 105, 74), (63, 79, 122), (247, 245, 239)]):
            for layer in range(3):
                x = x0 + 15 + i * 52
                draw.rectangle(
                    [x, 215 - layer * 14, x + 42, 228 - layer * 14], fill=shade(colour, -0.05 * layer)
                )
    _people(draw, rng, 400, 5)


SCENES = {
    "field": _field,
    "workshop": _workshop,
    "team": _team,
    "showroom": _showroom,
    "spools": _spools,
    "bedroom": _bedroom,
    "table": _table,
    "market": _market,
}


def scene_photo(scene: str, rng: random.Random) -> bytes:
    """A 640 × 400 JPEG « photo » of one of the SCENES."""
    img = Image.new("RGB", (W, H), (255, 255, 255))
    SCENES[scene](ImageDraw.Draw(img), rng)
    return jpeg(img)
