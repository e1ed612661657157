"""A starting-state entry as fields of its change type and back (sandbox/subjects/studio/entry_form.py)."""

from __future__ import annotations

from sandbox.subjects.studio.entry_form import entry_fields, entry_from_form

STOCK = {"type": "stock.set", "name": "vichy", "product": "NAPPE-VICHY",
         "combination": ["150 x 150", "Terracotta"], "quantity": 0}


def _by_key(fields):
    return {f.key: f for f in fields}


def test_each_parameter_gets_the_field_that_fits_it():
    fields = _by_key(entry_fields(STOCK))
    assert list(fields) == ["name", "product", "combination", "quantity"]
    assert (fields["product"].widget, fields["product"].value, fields["product"].required) == (
        "text", "NAPPE-VICHY", True)
    assert (fields["combination"].widget, fields["combination"].value) == ("lines", "150 x 150\nTerracotta")
    assert (fields["quantity"].widget, fields["quantity"].value) == ("number", "0")
    module = _by_key(entry_fields({"type": "module.set", "module": "featured", "active": False}))
    assert module["active"].choices == [("", "— non précisé —"), ("true", "Oui"), ("false", "Non")]
    assert module["active"].value == "false" and ("featured", "featured") in module["module"].choices
    assert not module["name"].required  # module.set names nothing
    odd = _by_key(entry_fields({"type": "module.set", "module": "featured", "colour": "vert"}))
    assert odd["colour"].value == "vert"  # a key the type does not declare is shown, not dropped


def test_typed_values_come_back_as_changes_toml_values():
    keys = ["name", "product", "combination", "quantity"]
    typed = {"name": " vichy ", "product": "NAPPE-VICHY", "combination": "150 x 150\r\n\r\nTerracotta",
             "quantity": "12"}
    entry, fields = entry_from_form("stock.set", keys, lambda k: typed.get(k, ""))
    assert entry == {"type": "stock.set", "name": "vichy", "product": "NAPPE-VICHY",
                     "combination": ["150 x 150", "Terracotta"], "quantity": 12}
    assert not any(f.error for f in fields)
    module, _ = entry_from_form("module.set", ["name", "module", "active", "option", "value"],
                                lambda k: {"module": "featured", "active": "false"}.get(k, ""))
    assert module == {"type": "module.set", "module": "featured", "active": False}


def test_a_value_that_does_not_read_is_refused_beside_its_field_and_kept():
    typed = {"name": "vichy", "product": "", "quantity": "4,5"}
    entry, fields = entry_from_form("stock.set", list(typed), lambda k: typed.get(k, ""))
    fields = _by_key(fields)
    assert fields["quantity"].error.startswith("« 4,5 » n'est pas un nombre entier")
    assert fields["quantity"].value == "4,5"
    assert fields["product"].error.startswith("Valeur obligatoire")
    assert "quantity" not in entry and "product" not in entry
