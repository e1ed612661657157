/* Site vitrine niceties: pop-ups and info bars per their rules. Pages work without this script. */
(function () {
  "use strict";
  var seen = function (id, frequency) {
    var key = "popup-" + id + "-" + location.pathname.split("/")[2];
    if (frequency === "once") { return localStorage.getItem(key) === "1"; }
    if (frequency === "session") { return sessionStorage.getItem(key) === "1"; }
    return false;
  };
  var remember = function (id, frequency) {
    var key = "popup-" + id + "-" + location.pathname.split("/")[2];
    if (frequency === "once") { localStorage.setItem(key, "1"); }
    if (frequency === "session") { sessionStorage.setItem(key, "1"); }
  };
  document.querySelectorAll("[data-popup]").forEach(function (el) {
    var id = el.getAttribute("data-popup");
    var frequency = el.getAttribute("data-frequency");
    if (seen(id, frequency)) { el.hidden = true; return; }
    var close = function () {
      remember(id, frequency);
      if (el.tagName === "DIALOG" && el.open) { el.close(); } else { el.hidden = true; }
    };
    el.querySelectorAll("[data-close]").forEach(function (b) { b.addEventListener("click", close); });
    if (el.tagName === "DIALOG") {
      el.addEventListener("cancel", function () { remember(id, frequency); });  // Échap closes it
      var delay = parseInt(el.getAttribute("data-delay") || "0", 10) * 1000;
      setTimeout(function () { if (!el.open) { el.showModal(); } }, delay);
    }
  });
})();
