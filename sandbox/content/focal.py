"""Focal point and crop of an image (S-MED-2): the only place a ``style`` attribute is built for content.

The style is made from whole numbers (clamped to 0–100) and from a closed list of aspect ratios, never
from stored or typed text, so nothing a user writes can reach the page's CSS.
"""

from __future__ import annotations

from typing import Any

# Editor choice -> CSS aspect-ratio; "" means no crop (the image keeps its own shape).
CROPS = {"": "", "1:1": "1 / 1", "4:3": "4 / 3", "16:9": "16 / 9"}
CROP_LABELS = {"": "Aucun", "1:1": "Carré (1:1)", "4:3": "4:3", "16:9": "16:9"}


def percent(value: Any, default: int = 50) -> int:
    """A whole percentage between 0 and 100; anything else gives the default (the centre)."""
    if isinstance(value, bool):
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return min(100, max(0, number))


def focal_position(media: Any) -> tuple[int, int]:
    """(x, y) focal point of a media item in percent; 50/50 when it was never set."""
    return percent(getattr(media, "focal_x", None)), percent(getattr(media, "focal_y", None))


def focal_style(media: Any, crop: Any = "") -> str:
    """The ``style`` value cropping an image around its focal point (from integers and a closed list)."""
    x, y = focal_position(media)
    ratio = CROPS.get(crop if isinstance(crop, str) else "", "")
    style = f"object-fit: cover; object-position: {x}% {y}%;"
    return f"aspect-ratio: {ratio}; width: 100%; {style}" if ratio else style
