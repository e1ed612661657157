"""Checks of the media list and of the site vitrine: posts, pages, their texts and comments."""

from __future__ import annotations

from sandbox.seeding.common import split
from sandbox.seeding.content import text_path
from sandbox.seeding.markdown import media_keys
from sandbox.seeding.scenes import SCENES
from sandbox.seeding.validate import Checker
from sandbox.seeding.validate_service import check_reviews_and_service

MEDIA_SCENES = (*SCENES, "logo", "logo-new", "icon", "audio", "pdf", "video")
EXTENSIONS = {"logo": ".png", "logo-new": ".png", "icon": ".png", "audio": ".wav", "pdf": ".pdf",
              "video": ".webm"}
POST_STATUSES = ("publish", "draft", "future", "private", "pending")
COMMENT_STATUSES = ("approved", "pending", "spam", "trash")


def _media(c: Checker) -> set[str]:
    data = c.toml("media.toml")
    if data is None:
        return set()
    keys: set[str] = set()
    for n, media in enumerate(data.get("media", [])):
        where = f"media[{n}]"
        scene, filename = media.get("scene"), str(media.get("filename", ""))
        if scene not in MEDIA_SCENES:
            c.add(
                "media.toml",
                f"{where}.scene",
                f"« {scene} » n'est pas un dessin connu",
                f"choisissez parmi {', '.join(MEDIA_SCENES)}",
            )
        elif not filename.endswith(EXTENSIONS.get(scene, ".jpg")):
            c.add(
                "media.toml",
                f"{where}.filename",
                f"« {filename} » n'a pas la bonne extension",
                f"terminez le nom par {EXTENSIONS.get(scene, '.jpg')}",
            )
        if scene == "video" and not c.reader.exists(str(media.get("file", ""))):
            c.add(
                "media.toml",
                f"{where}.file",
                f"le fichier vidéo « {media.get('file', '')} » est absent du pack",
                "indiquez dans file le chemin d'un fichier .webm du pack (exemple : files/visite.webm)",
            )
        if not media.get("key") or media["key"] in keys:
            c.add(
                "media.toml",
                f"{where}.key",
                "clé absente ou en double",
                "donnez à chaque média une clé unique",
            )
        keys.add(media.get("key", ""))
    for required in ("logo", "icon"):
        if required not in keys:
            c.add(
                "media.toml",
                "media",
                f"le média « {required} » est absent",
                f"ajoutez un [[media]] de clé {required} (le site et la boutique l'affichent)",
            )
    return keys


def _posts(c: Checker, media: set[str]) -> dict[int, dict[str, str]]:
    rows = c.csv("posts.csv")
    if rows is None:
        return {}
    ids = c.ids("posts.csv", rows)
    categories = c.ids("post_categories.csv", c.csv("post_categories.csv") or [])
    tags = c.ids("tags.csv", c.csv("tags.csv") or [])
    users = {u["id"] for u in c.csv("site_users.csv") or []}
    slugs: set[tuple[str, str]] = set()
    for line, row in enumerate(rows, start=2):
        at = f" (ligne {line})"
        if row["kind"] not in ("post", "page"):
            c.add("posts.csv", "kind" + at, f"« {row['kind']} » est inconnu", "écrivez post ou page")
            continue
        if (row["kind"], row["slug"]) in slugs:
            c.add("posts.csv", "slug" + at, f"identifiant « {row['slug']} » en double", "changez le slug")
        slugs.add((row["kind"], row["slug"]))
        if row["status"] not in POST_STATUSES:
            c.add(
                "posts.csv",
                "status" + at,
                f"état « {row['status']} » inconnu",
                f"choisissez parmi {', '.join(POST_STATUSES)}",
            )
        if row["author_id"] not in users:
            c.add(
                "posts.csv",
                "author_id" + at,
                f"l'auteur « {row['author_id']} » n'existe pas",
                "indiquez l'id d'une ligne de site_users.csv",
            )
        offset = c.integer("posts.csv", "days" + at, row["days"], minimum=-100_000)
        hour = c.integer("posts.csv", "hour" + at, row["hour"])
        if hour is not None and hour > 23:
            c.add("posts.csv", "hour" + at, "heure au-delà de 23", "indiquez une heure de 0 à 23")
        if offset is not None and (offset > 0) != (row["status"] == "future"):
            c.add(
                "posts.csv",
                "days" + at,
                "seul un article programmé (future) est daté après la date de référence",
                "mettez un nombre de jours négatif, ou l'état future pour une date à venir",
            )
        c.ref(
            "posts.csv",
            line,
            "parent_id",
            row["parent_id"],
            ids,
            "la page parente",
            "posts.csv",
            optional=True,
        )
        for cat in split(row["categories"]):
            c.ref("posts.csv", line, "categories", cat, categories, "la catégorie", "post_categories.csv")
        for tag in split(row["tags"]):
            c.ref("posts.csv", line, "tags", tag, tags, "l'étiquette", "tags.csv")
        if row["featured"] and row["featured"] not in media:
            c.add(
                "posts.csv",
                "featured" + at,
                f"le média « {row['featured']} » n'existe pas",
                "indiquez la clé d'un média de media.toml",
            )
        path = text_path(row)
        if not c.reader.exists(path):
            c.add(path, "", "texte de l'article ou de la page introuvable", f"ajoutez le fichier {path}")
            continue
        for key in media_keys(c.reader.text(path)):
            if key not in media:
                c.add(
                    path, f"media:{key}", f"le média « {key} » n'existe pas", "utilisez une clé de media.toml"
                )
    for kind, size in (("post", "posts"), ("page", "pages")):
        count = sum(1 for r in rows if r["kind"] == kind)
        if size in c.sizes and count != c.sizes[size]:
            c.add(
                "posts.csv",
                "kind",
                f"{count} lignes « {kind} », sizes.{size} en demande {c.sizes[size]}",
                f"ajoutez ou retirez des lignes, ou corrigez sizes.{size} dans context.toml",
            )
    return ids


def _comments(c: Checker, posts: dict[int, dict[str, str]]) -> None:
    rows = c.csv("comments.csv")
    if rows is None:
        return
    ids = c.ids("comments.csv", rows)
    users = {u["id"] for u in c.csv("site_users.csv") or []}
    for line, row in enumerate(rows, start=2):
        at = f" (ligne {line})"
        if not c.ref("comments.csv", line, "post_id", row["post_id"], posts, "l'article", "posts.csv"):
            continue
        if row["parent_id"] and (
            not c.ref(
                "comments.csv", line, "parent_id", row["parent_id"], ids, "le commentaire", "comments.csv"
            )
            or ids[int(row["parent_id"])]["post_id"] != row["post_id"]
        ):
            c.add(
                "comments.csv",
                "parent_id" + at,
                "la réponse ne porte pas sur le même article",
                "indiquez un commentaire du même post_id",
            )
        if row["user_id"] and row["user_id"] not in users:
            c.add(
                "comments.csv",
                "user_id" + at,
                f"l'utilisateur « {row['user_id']} » n'existe pas",
                "indiquez l'id d'une ligne de site_users.csv, ou laissez vide pour un visiteur",
            )
        if row["status"] not in COMMENT_STATUSES:
            c.add(
                "comments.csv",
                "status" + at,
                f"état « {row['status']} » inconnu",
                f"choisissez parmi {', '.join(COMMENT_STATUSES)}",
            )
        after = c.integer("comments.csv", "days_after" + at, row["days_after"])
        c.integer("comments.csv", "hour" + at, row["hour"])
        post = posts[int(row["post_id"])]
        if after is not None and post["days"].lstrip("-").isdigit() and int(post["days"]) + after >= 0:
            c.add(
                "comments.csv",
                "days_after" + at,
                "le commentaire serait daté après la date de référence",
                "réduisez days_after (jours après la publication de l'article)",
            )


def check_content(c: Checker) -> None:
    """Media, site vitrine, reviews and customer-service scenarios."""
    media = _media(c)
    posts = _posts(c, media)
    _comments(c, posts)
    check_reviews_and_service(c)
