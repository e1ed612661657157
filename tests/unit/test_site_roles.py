"""Roles of the site vitrine, decided in one place, and enforced by the posts service."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from sandbox.services.site_roles import can

ADMIN, EDITOR, AUTHOR, CONTRIB, SUB = (SimpleNamespace(id=i, role=r) for i, r in enumerate(
    ("administrator", "editor", "author", "contributor", "subscriber"), start=1))


def _post(author_id: int, status: str = "draft", kind: str = "post"):
    return SimpleNamespace(author_id=author_id, status=status, kind=kind)


@pytest.mark.parametrize(("user", "action", "obj", "expected"), [
    (AUTHOR, "publish_post", _post(3), True),
    (AUTHOR, "publish_post", _post(1), False),
    (AUTHOR, "edit_post", _post(1), False),
    (CONTRIB, "publish_post", _post(4), False),
    (CONTRIB, "edit_post", _post(4), True),
    (CONTRIB, "edit_post", _post(4, "publish"), False),
    (CONTRIB, "upload_media", None, False),
    (EDITOR, "publish_post", _post(1), True),
    (EDITOR, "edit_post", _post(1, kind="page"), True),
    (AUTHOR, "edit_post", _post(3, kind="page"), False),
    (EDITOR, "manage_users", None, False),
    (EDITOR, "manage_plugins", None, False),
    (ADMIN, "manage_users", None, True),
    (SUB, "create_post", None, False),
    (None, "access_admin", None, False),
])
def test_capabilities(user, action, obj, expected):
    assert can(user, action, obj) is expected
