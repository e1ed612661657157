"""Drawing helpers shared by product pictures and scenes: colours, fonts and metadata-free encoders."""

from __future__ import annotations

import io
import unicodedata

from PIL import Image, ImageDraw, ImageFont

RGB = tuple[int, int, int]


def hex_rgb(value: str) -> RGB:
    """« #9caf88 » → (156, 175, 136)."""
    value = value.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def shade(colour: RGB, factor: float) -> RGB:
    """Darker (factor < 0, towards black) or lighter (factor > 0, towards white)."""
    target = 255 if factor > 0 else 0
    f = abs(factor)
    return tuple(round(c + (target - c) * f) for c in colour)  # type: ignore[return-value]


def contrast(colour: RGB, amount: float = 0.3) -> RGB:
    """A tone that shows on the colour: darker on light colours, lighter on dark ones."""
    return shade(colour, -amount if sum(colour) > 360 else amount)


def jpeg(image: Image.Image) -> bytes:
    """JPEG bytes, quality 80, without metadata."""
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def png(image: Image.Image) -> bytes:
    """PNG bytes without metadata chunks."""
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def font(size: int) -> ImageFont.FreeTypeFont:
    """Pillow's bundled font (no system font: the same glyphs everywhere)."""
    return ImageFont.load_default(size)


def _accent(draw: ImageDraw.ImageDraw, mark: str, box: tuple[float, ...], size: int, fill) -> None:
    cx, top, bottom = (box[0] + box[2]) / 2, box[1], box[3]
    s, width = size * 0.12, max(1, round(size / 16))
    if mark == "\u0301":  # acute
        draw.line([(cx - s * 0.5, top - s * 0.5), (cx + s * 0.7, top - s * 1.8)], fill=fill, width=width)
    elif mark == "\u0300":  # grave
        draw.line([(cx + s * 0.5, top - s * 0.5), (cx - s * 0.7, top - s * 1.8)], fill=fill, width=width)
    elif mark == "\u0302":  # circumflex
        draw.line(
            [(cx - s, top - s * 0.4), (cx, top - s * 1.5), (cx + s, top - s * 0.4)], fill=fill, width=width
        )
    elif mark == "\u0308":  # diaeresis
        for dx in (-s * 0.8, s * 0.8):
            draw.ellipse([cx + dx - width, top - s - width, cx + dx + width, top - s + width], fill=fill)
    elif mark == "\u0327":  # cedilla
        draw.line(
            [(cx, bottom), (cx + s * 0.4, bottom + s * 0.8), (cx - s * 0.6, bottom + s * 1.4)],
            fill=fill,
            width=width,
        )


def text(
    draw: ImageDraw.ImageDraw, xy: tuple[float, float], value: str, size: int, fill, anchor: str = "lm"
) -> None:
    """Write text with the bundled font, drawing French accents it lacks (é, è, ê, ë, ç…) by hand.

    `anchor` is « l » or « m » (horizontal) followed by a vertical anchor of Pillow (« m », « s »…).
    """
    face = font(size)
    parts = [unicodedata.normalize("NFD", char) for char in value]
    x = xy[0] - (face.getlength("".join(p[0] for p in parts)) / 2 if anchor[0] == "m" else 0)
    for part in parts:
        base = part[0]
        draw.text((x, xy[1]), base, font=face, fill=fill, anchor="l" + anchor[1])
        if len(part) > 1 and base.strip():
            box = draw.textbbox((x, xy[1]), base, font=face, anchor="l" + anchor[1])
            for mark in part[1:]:
                _accent(draw, mark, box, size, fill)
        x += face.getlength(base)
