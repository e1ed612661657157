"""The media library: logos, illustrative photos, an audio file, a PDF form, a short video shipped in the pack
(``scene = "video"`` with ``file = "files/…"``: a video cannot be drawn), brand logos (from media.toml)."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from PIL import Image

from sandbox.models import Media
from sandbox.seeding import files, scenes
from sandbox.seeding.common import Run, at, days

MIME = {"png": "image/png", "jpg": "image/jpeg", "wav": "audio/wav", "pdf": "application/pdf",
        "webm": "video/webm"}
FILE_SCENES = ("logo", "logo-new", "icon", "audio", "pdf", "video")


class Library:
    """Collects Media rows with consecutive ids; `flush` bulk-inserts what was added since the last flush."""

    def __init__(self, run: Run):
        self.run = run
        self.rows: list[dict[str, Any]] = []
        self.next_id = run.data.get("media_next", 1)

    def add(
        self,
        filename: str,
        data: bytes,
        created_at: datetime,
        title: str = "",
        alt: str = "",
        caption: str = "",
        description: str = "",
    ) -> int:
        """Register one file and return its id."""
        media_id = self.next_id
        self.next_id += 1
        width = height = None
        if filename.endswith((".png", ".jpg")):
            width, height = _image_size(data)
        self.rows.append(
            {
                "id": media_id,
                "filename": filename,
                "mime": MIME[filename.rsplit(".", 1)[1]],
                "title": title,
                "alt": alt,
                "caption": caption,
                "description": description,
                "size": len(data),
                "width": width,
                "height": height,
                "created_at": created_at,
                "data": data,
            }
        )
        return media_id

    def flush(self) -> None:
        """Insert the rows collected so far."""
        self.run.insert(Media, self.rows)
        self.rows = []
        self.run.data["media_next"] = self.next_id


def _image_size(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as img:
        return img.size


def _bytes_for(run: Run, entry: dict[str, Any], company: dict[str, Any]) -> bytes:
    scene, key = entry["scene"], entry["key"]
    if scene == "video":  # shipped in the pack: the same bytes on every install
        return run.reader.path(entry["file"]).read_bytes()
    if scene == "logo":
        return scenes.logo()
    if scene == "logo-new":
        return scenes.logo(new=True)
    if scene == "icon":
        return scenes.icon()
    if scene == "audio":
        return files.interview_wav()
    if scene == "pdf":
        return files.withdrawal_form({k: str(v) for k, v in company.items()})
    return scenes.scene_photo(scene, run.local_rng(f"media-{key}"))


def seed_media(run: Run) -> None:
    """Files of media.toml and the brand logos; remembers media ids by key in run.keys["media"]."""
    library = Library(run)
    company = run.reader.toml("company.toml")["company"]
    keys: dict[str, int] = {}
    entries = run.reader.toml("media.toml")["media"]
    for n, entry in enumerate(entries):
        # Logos and documents are older than the photos; the new logo is recent (see its post).
        offset = -30 if entry["key"] == "logo-2027" else -560 + n * 3
        keys[entry["key"]] = library.add(
            entry["filename"],
            _bytes_for(run, entry, company),
            at(run.ref + days(offset), 10, n % 60),
            entry.get("title", ""),
            entry.get("alt", ""),
            entry.get("caption", ""),
            entry.get("description", ""),
        )
    for brand in run.reader.csv("brands.csv"):
        keys[f"brand-{brand['id']}"] = library.add(
            f"logo-marque-{brand['id']}.png",
            scenes.brand_logo(brand["name"], brand["color"]),
            at(run.start - days(30), 9),
            f"Logo {brand['name']}",
            brand["name"],
        )
    library.flush()
    run.keys["media"] = keys
