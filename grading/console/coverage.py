"""« Couverture »: each national feature id with its behaviour tests, screens, checks, subjects."""

from __future__ import annotations

from flask import render_template

from grading.console import bp
from grading.console.auth import console_login_required
from sandbox.coverage import coverage


@bp.get("/couverture")
@console_login_required
def coverage_page():
    """The coverage report; ids with no screen are shown as « manquant »."""
    rows = coverage()
    groups = [("Site vitrine", "S-"), ("Boutique", "B-"), ("Au-delà de la liste nationale", "X-")]
    return render_template("console/coverage.html", groups=[
        (title, [r for r in rows if r.id.startswith(prefix)]) for title, prefix in groups],
        done=sum(1 for r in rows if not r.missing), tested=sum(1 for r in rows if not r.untested),
        total=len(rows))
