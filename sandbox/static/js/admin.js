/* Shop back office: keep prices HT and TTC in step while typing (the server stays authoritative). */
(function () {
  "use strict";

  function parse(text) {
    var t = (text || "").replace(/[\s\u202f\u00a0€]/g, "").replace(",", ".");
    if (t === "" || isNaN(Number(t))) { return null; }
    return Number(t);
  }

  function show(value, decimals) {
    var text = value.toFixed(decimals);
    if (decimals > 2) { text = text.replace(/0+$/, ""); var d = (text.split(".")[1] || "").length; if (d < 2) { text = value.toFixed(2); } }
    return text.replace(".", ",");
  }

  function cents(value) { return Math.round((value + Number.EPSILON) * 100) / 100; }

  function setup(form) {
    var rates = JSON.parse(form.getAttribute("data-rates") || "{}");
    var tax = form.querySelector("[data-tax]");
    var productHt = form.querySelector("#price_ht");
    function rate() { return tax ? (rates[tax.value] || 0) / 10000 : 0; }

    function basisOf(pair) {
      var id = pair.getAttribute("data-basis-for");
      return id ? form.querySelector("#" + id) : pair.querySelector("[data-basis]");
    }

    function finalPrices() {
      var base = parse(productHt && productHt.value) || 0;
      form.querySelectorAll("tr[data-combination]").forEach(function (row) {
        var impact = parse(row.querySelector("[data-price=ht]").value) || 0;
        var cell = row.querySelector("[data-final]");
        if (cell) { cell.textContent = show(cents((base + impact) * (1 + rate())), 2) + "\u00a0€"; }
      });
    }

    function update(pair, from) {
      var ht = pair.querySelector("[data-price=ht]");
      var ttc = pair.querySelector("[data-price=ttc]");
      var basis = basisOf(pair);
      var r = 1 + rate();
      if (from === "ht") {
        var h = parse(ht.value);
        if (h !== null) { ttc.value = show(cents(h * r), 2); }
      } else {
        var t = parse(ttc.value);
        if (t !== null) { ht.value = show(Math.round(t / r * 1e6) / 1e6, 6); }
      }
      if (basis) { basis.value = from; }
      finalPrices();
    }

    form.querySelectorAll("[data-pair]").forEach(function (pair) {
      var ht = pair.querySelector("[data-price=ht]");
      var ttc = pair.querySelector("[data-price=ttc]");
      if (!ht || !ttc) { return; }
      ht.addEventListener("input", function () { update(pair, "ht"); });
      ttc.addEventListener("input", function () { update(pair, "ttc"); });
    });
    if (tax) {
      tax.addEventListener("change", function () {
        form.querySelectorAll("[data-pair]").forEach(function (pair) {
          var basis = basisOf(pair);
          if (pair.querySelector("[data-price=ht]")) { update(pair, basis && basis.value === "ttc" ? "ttc" : "ht"); }
        });
      });
    }
  }

  document.querySelectorAll("form[data-rates]").forEach(setup);
}());
