"""Site vitrine content: post categories, tags, posts and pages (blocks from Markdown), and comments."""

from __future__ import annotations

import re

from sandbox.models import Comment, Post, PostCategory, PostCategoryLink, PostTag, Tag
from sandbox.seeding.common import Run, at, days, split
from sandbox.seeding.markdown import to_blocks

TEXT_FOLDERS = {"post": "texts/posts", "page": "texts/pages"}


def text_path(row: dict[str, str]) -> str:
    """Where the Markdown text of a post or page is in the pack."""
    return f"{TEXT_FOLDERS[row['kind']]}/{row['slug']}.md"


def _excerpt(blocks: list[dict]) -> str:
    """First paragraph, as plain text, cut at ~30 words (for rows without an authored excerpt)."""
    first = next((b["html"] for b in blocks if b["type"] == "paragraph"), "")
    words = re.sub(r"<[^>]+>", "", first).split()
    return " ".join(words[:30]) + ("…" if len(words) > 30 else "")


def seed_content(run: Run) -> None:
    """Posts and pages of posts.csv with their categories, tags and comments."""
    r = run.reader
    run.insert(
        PostCategory,
        [
            {
                "id": int(c["id"]),
                "parent_id": int(c["parent_id"]) if c["parent_id"] else None,
                "name": c["name"],
                "slug": c["slug"],
                "description": c["description"],
            }
            for c in r.csv("post_categories.csv")
        ],
    )
    run.insert(
        Tag,
        [
            {"id": int(t["id"]), "name": t["name"], "slug": t["slug"], "description": ""}
            for t in r.csv("tags.csv")
        ],
    )
    media = run.keys["media"]
    posts, links, tags, published = [], [], [], {}
    for row in sorted(r.csv("posts.csv"), key=lambda p: int(p["id"])):
        pid = int(row["id"])
        blocks = to_blocks(r.text(text_path(row)), media)
        when = at(run.ref + days(int(row["days"])), int(row["hour"]), (pid * 7) % 60)
        published[pid] = when
        posts.append(
            {
                "id": pid,
                "kind": row["kind"],
                "title": row["title"],
                "slug": row["slug"],
                "blocks": blocks,
                "excerpt": row["excerpt"] or (_excerpt(blocks) if row["kind"] == "post" else ""),
                "status": row["status"],
                "author_id": int(row["author_id"]),
                "parent_id": int(row["parent_id"]) if row["parent_id"] else None,
                "menu_order": int(row["menu_order"]),
                "sticky": row["sticky"] == "1",
                "comments_open": row["comments_open"] == "1",
                "featured_media_id": media[row["featured"]] if row["featured"] else None,
                "published_at": None if row["status"] == "draft" else when,
                "updated_at": when + days(2) if row["status"] == "draft" else when,
                "seo_title": row["seo_title"],
                "meta_description": row["meta_description"],
                "focus_keyphrase": row["focus_keyphrase"],
            }
        )
        links += [{"post_id": pid, "category_id": int(c)} for c in split(row["categories"])]
        if row["kind"] == "post" and not row["categories"]:
            links.append({"post_id": pid, "category_id": 1})
        tags += [{"post_id": pid, "tag_id": int(t)} for t in split(row["tags"])]
    run.insert(Post, posts)
    run.insert(PostCategoryLink, links)
    run.insert(PostTag, tags)
    run.keys["post"] = {p["slug"]: p["id"] for p in posts}
    run.data["posts"] = posts
    comments = []
    for c in sorted(r.csv("comments.csv"), key=lambda c: int(c["id"])):
        day = published[int(c["post_id"])].date() + days(int(c["days_after"]))
        comments.append(
            {
                "id": int(c["id"]),
                "post_id": int(c["post_id"]),
                "parent_id": int(c["parent_id"]) if c["parent_id"] else None,
                "user_id": int(c["user_id"]) if c["user_id"] else None,
                "author_name": c["author_name"],
                "author_email": c["author_email"],
                "body": c["body"],
                "status": c["status"],
                "created_at": at(day, int(c["hour"]), (int(c["id"]) * 13) % 60),
            }
        )
    run.insert(Comment, comments)
