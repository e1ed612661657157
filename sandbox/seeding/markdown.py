"""The small Markdown dialect of pack texts, turned into the blocks stored in ``Post.blocks``.

Paragraphs are separated by a blank line. « ## Titre » (levels 2–4) → heading; lines starting with « - » or
« 1. » → list; « ![alt](media:key "légende") » alone → image; lines starting with « > » → quote, whose last
line « > — Nom » is the cite; anything else → paragraph. Inline: **gras**, *italique*, [texte](url).
"""

from __future__ import annotations

import html
import re

IMAGE = re.compile(r'^!\[(?P<alt>[^\]]*)\]\(media:(?P<key>[a-z0-9-]+)(?:\s+"(?P<caption>[^"]*)")?\)$')
MEDIA_REF = re.compile(r"\(media:([a-z0-9-]+)")
ORDERED = re.compile(r"^\d+\.\s+")


def inline(text: str) -> str:
    """Escape HTML, then turn **bold**, *italic* and [text](url) into <strong>, <em> and <a href>."""
    out = html.escape(text, quote=False)
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    out = re.sub(r"\*(.+?)\*", r"<em>\1</em>", out)
    return re.sub(r"\[([^\]]+)\]\(([^)\s]+)\)", lambda m: f'<a href="{html.escape(m[2])}">{m[1]}</a>', out)


def media_keys(text: str) -> list[str]:
    """Media keys a text refers to (for validation)."""
    return MEDIA_REF.findall(text)


def _chunk(lines: list[str], media: dict[str, int]) -> dict:
    first = lines[0]
    if first.startswith("#"):
        level = len(first) - len(first.lstrip("#"))
        return {
            "type": "heading",
            "level": min(max(level, 2), 4),
            "text": " ".join(lines).lstrip("#").strip(),
        }
    image = IMAGE.match(first) if len(lines) == 1 else None
    if image:
        return {
            "type": "image",
            "media_id": media[image["key"]],
            "alt": image["alt"],
            "caption": image["caption"] or "",
        }
    if all(line.startswith("- ") for line in lines):
        return {"type": "list", "ordered": False, "items": [inline(line[2:].strip()) for line in lines]}
    if all(ORDERED.match(line) for line in lines):
        return {"type": "list", "ordered": True, "items": [inline(ORDERED.sub("", line)) for line in lines]}
    if all(line.startswith(">") for line in lines):
        texts = [line[1:].strip() for line in lines]
        cite = texts.pop()[1:].strip() if len(texts) > 1 and texts[-1].startswith("—") else ""
        return {"type": "quote", "text": " ".join(texts), "cite": cite}
    return {"type": "paragraph", "html": inline(" ".join(lines))}


def to_blocks(text: str, media: dict[str, int]) -> list[dict]:
    """Blocks of a Markdown text; `media` maps media keys to Media ids."""
    blocks, chunk = [], []
    for raw in text.splitlines() + [""]:
        line = raw.strip()
        if line.startswith("#"):
            if chunk:
                blocks.append(_chunk(chunk, media))
            blocks.append(_chunk([line], media))
            chunk = []
        elif line:
            chunk.append(line)
        elif chunk:
            blocks.append(_chunk(chunk, media))
            chunk = []
    return blocks
