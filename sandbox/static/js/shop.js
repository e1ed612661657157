/* Shop front niceties; every page works without this script (server-side rendering is the reference). */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Sort selects submit their form on change.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });

  // Product page: show the price, stock and reference of the chosen combination without reloading.
  var form = document.getElementById("add-to-cart");
  var data = document.getElementById("product-offers");
  if (form && data) {
    var offers = JSON.parse(data.textContent || "[]");
    var setText = function (id, text) { var el = document.getElementById(id); if (el) { el.textContent = text; } };
    var chosen = function () {
      var ids = [];
      form.querySelectorAll("select[name^='attr_']").forEach(function (s) { ids.push(parseInt(s.value, 10)); });
      form.querySelectorAll("input[type=radio][name^='attr_']:checked").forEach(function (r) { ids.push(parseInt(r.value, 10)); });
      return ids.sort(function (a, b) { return a - b; });
    };
    var update = function () {
      var ids = chosen().join(",");
      var offer = offers.find(function (o) { return o.attributes.join(",") === ids; });
      var button = document.getElementById("add-to-cart-button");
      var stock = document.getElementById("product-availability");
      if (!offer) {
        if (button) { button.disabled = true; }
        if (stock) {
          stock.textContent = "Ce produit n'existe pas dans cette déclinaison : choisissez une autre combinaison.";
          stock.className = "stock stock--out";
        }
        return;
      }
      setText("product-price", offer.price);
      setText("product-price-ttc", offer.ttc);
      setText("product-reference", offer.reference || "—");
      var regular = document.getElementById("product-regular");
      if (regular) {
        regular.hidden = !offer.reduced;
        var s = regular.querySelector("s"); if (s) { s.textContent = offer.regular; }
      }
      if (stock) {
        stock.textContent = offer.message;
        stock.className = "stock " + (offer.in_stock ? "stock--in" : (offer.orderable ? "stock--later" : "stock--out"));
      }
      if (button) { button.disabled = !offer.orderable; }
      var url = new URL(window.location.href);
      url.searchParams.set("combination", offer.id);
      url.hash = "";
      window.history.replaceState(null, "", url.toString());
    };
    form.addEventListener("change", function (event) {
      if (event.target.name && event.target.name.indexOf("attr_") === 0) { update(); }
    });
  }

  // Product thumbnails switch the main picture in place.
  var main = document.getElementById("product-main-image");
  document.querySelectorAll(".product-thumb").forEach(function (thumb) {
    thumb.addEventListener("click", function (event) {
      if (!main) { return; }
      event.preventDefault();
      main.src = thumb.dataset.image;
      main.alt = thumb.dataset.alt || "";
      setLegend(thumb.dataset.legend || "");
      document.querySelectorAll(".product-thumb").forEach(function (t) {
        t.classList.toggle("is-current", t === thumb);
        if (t === thumb) { t.setAttribute("aria-current", "true"); } else { t.removeAttribute("aria-current"); }
      });
    });
  });
  function setLegend(text) { var el = document.getElementById("product-main-legend"); if (el) { el.textContent = text; } }

  // Checkout payment step: show only the instructions of the chosen method.
  var payment = document.querySelector(".payment-form");
  if (payment) {
    var sync = function () {
      var checked = payment.querySelector("input[name=payment]:checked");
      payment.querySelectorAll(".payment-info").forEach(function (info) {
        info.hidden = !checked || info.dataset.payment !== checked.value;
      });
    };
    payment.addEventListener("change", sync);
    sync();
  }

  // After « Ajouter au panier », bring the confirmation into view and focus for screen readers.
  var added = document.getElementById("ajout");
  if (added) { added.focus(); }
})();
