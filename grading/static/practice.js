// Class view: one EventSource for the whole class; each « row » message rewrites one student's row.
(function () {
  "use strict";
  var root = document.querySelector("[data-class-stream]");
  if (!root) { return; }
  var status = document.querySelector("[data-live-status]");
  var CLASSES = { "true": "cell--ok", "false": "cell--ko" };
  function update(row) {
    var tr = root.querySelector('tr[data-student="' + row.student + '"]');
    if (!tr) { return; }
    var name = tr.querySelector("th").textContent.trim();
    tr.classList.toggle("is-stuck", !!row.stuck);
    tr.querySelectorAll("td[data-line]").forEach(function (td) {
      var cell = (row.cells || {})[td.dataset.line];
      var lineText = td.dataset.lineText || td.dataset.line;
      td.className = "cell " + (cell ? (CLASSES[String(cell.ok)] || "cell--na") : "cell--na");
      td.title = cell ? cell.sentence : "Pas d'observable pour cette ligne.";
      td.textContent = cell ? cell.mark : "•";
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = " " + name + " — " + lineText + " : " + td.title;
      td.append(hidden);
    });
    var last = tr.querySelector("td[data-last]");
    last.textContent = "";
    if (row.stuck) {
      var strong = document.createElement("strong");
      strong.className = "stuck";
      strong.textContent = "Bloqué";
      last.append(strong, " — ");
    }
    last.append(row.last_text);
  }
  var source = new EventSource(root.dataset.classStream);
  source.addEventListener("open", function () { status.textContent = "Direct : connecté"; });
  source.addEventListener("error", function () { status.textContent = "Direct : reconnexion…"; });
  source.addEventListener("row", function (message) { update(JSON.parse(message.data)); });
})();
