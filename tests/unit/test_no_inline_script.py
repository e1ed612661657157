"""The CSP allows no inline script: no template may bring one back (nor on…= handlers)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = [*ROOT.glob("sandbox/templates/**/*.html"), *ROOT.glob("grading/templates/**/*.html")]
# A <script> without src runs inline, unless it only carries data (type="application/json").
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
JS_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']\s*javascript:""", re.I)


def test_templates_have_no_inline_script():
    assert len(TEMPLATES) > 50
    found = [f"{path.relative_to(ROOT)}: {match.group(0)[:80]}"
             for path in TEMPLATES for pattern in (INLINE_SCRIPT, HANDLER, JS_URL)
             for match in pattern.finditer(path.read_text(encoding="utf-8"))]
    assert not found, "\n".join(found)


def test_the_scan_sees_what_it_looks_for():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>") and HANDLER.search('<a href="#" onclick="x()">')
    assert JS_URL.search('<a href="javascript:alert(1)">')
    assert not INLINE_SCRIPT.search('<script type="application/json" id="x">{}</script>')
    assert not INLINE_SCRIPT.search('<script src="/static/js/site.js" defer></script>')
