/* « Copier l'URL dans le presse-papiers » (Médias › Modifier): the clipboard API where the page is a secure
   context (localhost), else the older copy command on the selected field (an exam centre's LAN over http). */
(function () {
  "use strict";
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var done = document.getElementById(field.id + "-done");
    button.addEventListener("click", function () {
      function said(ok) { if (done) done.textContent = ok ? "URL copiée dans le presse-papiers." : "Copie impossible : sélectionnez l'URL et faites Ctrl+C."; }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(function () { said(true); }, function () { said(false); });
      } else {
        field.select();
        said(document.execCommand("copy"));
      }
    });
  });
})();
