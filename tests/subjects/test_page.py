"""The candidate's « Sujet » page: official layout, questions and annexes, files, never the grid."""

from __future__ import annotations

import re

from sandbox.seats import create_seat


def test_subject_page_shows_the_subject_and_not_the_grid(prepared, client):
    prepared("ln-boutique-a")
    response = client.get("/s/poste-a/sujet/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    for piece in (
        "BTS Négociation et Digitalisation de la Relation Client",
        "Session 2027",
        "Partie pratique – Durée 40 minutes – Coefficient 2",
        "Boutique en ligne",
        "L&#39;accès à Internet est limité au site d&#39;examen : toute consultation d&#39;un autre site "
        "est considérée comme une tentative de fraude.",
        '<dd class="subject-letter">A</dd>',
        "E5B-2027-LN-A",
        "Contexte commercial",
        "Mise en situation",
        "Travail demandé",
        "Question 1 – Compléter la fiche produit de la parure Flandre à chevrons",
        "Question 5 – Garder la trace",
        "Annexe 2 – Déclinaisons, prix et quantités à la réception",
        '<td class="num">279,90 €</td>',
        "27/05/2027",
    ):
        assert piece in html, piece
    # What only the examiner sees never reaches the candidate's page.
    for hidden in (
        "Pertinence des choix",
        "Suivi rigoureux",
        "observable",
        "product.combinations",
        "@parure",
        "conforme",
        "TI / I / S / TS",
    ):
        assert hidden not in html, hidden
    # No external resource: every src/href is local.
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_files_of_the_subject_are_served_from_the_media_library(prepared, client):
    prepared("ln-boutique-c")
    html = client.get("/s/poste-a/sujet/").get_data(as_text=True)
    link = re.search(r'href="(/s/poste-a/media/\d+/guide-des-tailles-petit-lin\.pdf)"', html)
    assert link and "Guide des tailles Petit Lin" in html and "(PDF, guide-des-tailles-petit-lin.pdf" in html
    response = client.get(link.group(1))
    assert response.status_code == 200 and response.data.startswith(b"%PDF")


def test_subject_link_on_the_seat_home_only_with_a_subject(data, prepared, client):
    prepared("ln-boutique-b")
    create_seat(data, "sans-sujet", template="context-lin-et-nature")
    assert 'href="/s/poste-a/sujet/"' in client.get("/s/poste-a/").get_data(as_text=True)
    assert "/sujet/" not in client.get("/s/sans-sujet/").get_data(as_text=True)
    missing = client.get("/s/sans-sujet/sujet/")
    assert missing.status_code == 404
    assert "Aucun sujet n&#39;est associé à ce poste." in missing.get_data(as_text=True)


def test_link_partial_renders_nothing_without_a_subject(data, prepared, app):
    from flask import render_template

    prepared("ln-boutique-b")
    create_seat(data, "sans-sujet", template="context-lin-et-nature")
    for seat, expected in (
        ("poste-a", '<a class="subject-link" href="/s/poste-a/sujet/" target="_blank" rel="noopener" '
                    'title="S\'ouvre dans un nouvel onglet">Sujet</a>'),
        ("sans-sujet", ""),
    ):
        with app.test_request_context(f"/s/{seat}/"):
            app.preprocess_request()
            assert render_template("subject/_link.html").strip() == expected


def test_print_stylesheet_is_local_and_a4(client, prepared):
    prepared("ln-boutique-a")
    css = client.get("/static/css/subject.css").get_data(as_text=True)
    assert "@page { size: A4" in css and ".subject-tools" in css
