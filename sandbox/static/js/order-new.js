// Commandes › Ajouter une commande: fills the customer and product suggestion lists (<datalist>) from the
// server as the employee types; choosing stays the browser's own (arrow keys and Enter work).
(function () {
  "use strict";
  var form = document.getElementById("order-new-form");
  if (!form) { return; }
  var url = form.getAttribute("data-suggestions");
  var timers = new WeakMap();

  function fill(list, items) {
    list.textContent = "";
    items.forEach(function (item) {
      var option = document.createElement("option");
      option.value = item.value;
      option.label = item.label;
      option.textContent = item.label;
      list.appendChild(option);
    });
  }

  function suggest(input) {
    var query = input.value.trim();
    var list = input.list;
    if (!list || query.length < 2) { return; }
    if (Array.prototype.some.call(list.options, function (o) { return o.value === input.value; })) {
      return;  // a suggestion was just chosen: keep the list as it is
    }
    var address = url + "?type=" + encodeURIComponent(input.getAttribute("data-suggest")) +
      "&q=" + encodeURIComponent(query);
    fetch(address, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (items) { if (input.value.trim() === query) { fill(list, items); } })
      .catch(function () { /* no suggestions: typing a reference or an e-mail still works */ });
  }

  form.querySelectorAll("input[data-suggest]").forEach(function (input) {
    input.addEventListener("input", function () {
      clearTimeout(timers.get(input));
      timers.set(input, setTimeout(function () { suggest(input); }, 150));
    });
  });
})();
