"""Rules and templates compiled once per process (sandbox.web.compile_once): shared, and still right."""

from __future__ import annotations

from flask import url_for
from jinja2 import DictLoader, Environment

from grading.app import create_app
from sandbox.web.compile_once import CompiledRule, CompiledTemplates


def test_a_second_application_reuses_the_url_builders_and_builds_the_same_addresses(tmp_path):
    first, second = create_app(tmp_path / "a", TESTING=True), create_app(tmp_path / "b", TESTING=True)
    pairs = list(zip(first.url_map.iter_rules(), second.url_map.iter_rules(), strict=True))
    assert all(a.rule == b.rule and a.endpoint == b.endpoint for a, b in pairs)
    pairs = [(a, b) for a, b in pairs if isinstance(a, CompiledRule)]  # Flask adds /static/ before
    assert len(pairs) > 300
    assert all(b._build.__func__ is a._build.__func__ for a, b in pairs)
    assert all(b._build_unknown.__func__ is a._build_unknown.__func__ for a, b in pairs)
    addresses = []
    for app in (first, second):
        with app.test_request_context("/"):
            addresses.append([url_for("seat.shop_front.product", seat="poste-b", product_id=7, q="é&x"),
                              url_for("seat.shop_front.product", seat="poste-b", product_id=7, slug="lin"),
                              url_for("static", filename="css/site.css")])
    assert addresses[0] == addresses[1]
    assert addresses[0][:2] == ["/s/poste-b/boutique/produit/7?q=%C3%A9%26x",
                                "/s/poste-b/boutique/produit/7-lin"]


def test_templates_are_compiled_once_and_again_when_their_source_changes():
    cache = CompiledTemplates()
    compiled = []
    keep = cache.dump_bytecode
    cache.dump_bytecode = lambda bucket: (compiled.append(bucket.key), keep(bucket))

    def render(source: str) -> str:
        env = Environment(loader=DictLoader({"page.html": source}), bytecode_cache=cache, autoescape=True)
        return env.get_template("page.html").render(name="<Léa>")

    assert render("Bonjour {{ name }}") == "Bonjour &lt;Léa&gt;"
    assert render("Bonjour {{ name }}") == "Bonjour &lt;Léa&gt;"
    assert len(compiled) == 1  # the second environment read the first one's code
    assert render("Au revoir {{ name }}") == "Au revoir &lt;Léa&gt;"
    assert len(compiled) == 2
