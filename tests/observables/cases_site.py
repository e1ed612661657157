"""Site check types (site vitrine, WordPress-like): written by obs-site."""

from __future__ import annotations

from tests.observables.both_ways import Case

# Check types whose cases are still to write (the meta-test keeps this list honest: it only shrinks).
PENDING = {
    "campaign.sent", "carousel.slide", "comment.reply", "comment.status", "discussion.settings",
    "exit.attempts", "home.order", "inbox.answered", "links.contains", "media.focal_point", "media.texts",
    "menu.item", "menu.location", "plugin.active", "popup.active", "post.meta", "post.published",
    "post.seo", "post.structure", "privacy.page", "setting.equals", "site.breadcrumb", "site.contact",
    "site.header", "site.home", "site.identity", "site.layout", "site.social", "site_user.role",
    "social.answered", "social.post", "term.description", "term.seo", "widget.present",
}  # fmt: skip

CASES: list[Case] = []
