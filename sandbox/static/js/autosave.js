/* Both back offices: nothing typed is lost by leaving a page.
   - Every changed POST form asks before the page is left (beforeunload), unless it is being submitted.
   - A form with data-autosave="<url>" is also saved server-side as a draft (never published): every 15 s
     while it changes, and when the page is hidden or left (sendBeacon, with the form's CSRF token).
   Forms with data-no-leave-warning (log-in, filters…) are left alone. */
(function () {
  "use strict";
  var INTERVAL = 15000;
  var forms = [];

  function snapshot(form) {
    form.dispatchEvent(new Event("e5:sync"));  // rich editors copy their state into hidden fields
    var parts = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrf_token" && typeof value === "string") { parts.push(name + "=" + value); }
    });
    return parts.join("&");
  }
  function payload(form) {
    var data = new FormData();
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string") { data.append(name, value); }
    });
    return data;
  }
  function say(form, text) {
    var status = form.querySelector("[data-autosave-status]");
    if (!status) {  // a form without its own place for it: at the top of the form
      status = document.createElement("p");
      status.className = "autosave-status";
      status.setAttribute("data-autosave-status", "");
      status.setAttribute("aria-live", "polite");
      form.prepend(status);
    }
    status.textContent = text;
  }
  function clock() {
    return new Date().toLocaleTimeString("fr-FR", { hour: "2-digit", minute: "2-digit" });
  }

  function watch(form) {
    var entry = { form: form, initial: snapshot(form), sent: null, submitting: false };
    entry.sent = entry.initial;
    form.addEventListener("submit", function () { entry.submitting = true; });
    var url = form.dataset.autosave;
    if (url) {
      entry.save = function (leaving) {
        var now = snapshot(form);
        if (now === entry.sent) { return; }
        if (leaving && navigator.sendBeacon && navigator.sendBeacon(url, payload(form))) {
          entry.sent = now;
          return;
        }
        say(form, "Sauvegarde automatique…");
        fetch(url, { method: "POST", body: payload(form), credentials: "same-origin", keepalive: true })
          .then(function (response) {
            if (response.redirected) {  // sent to the log-in page: the text stays in this page meanwhile
              say(form, "Vous n'êtes plus connecté(e) : reconnectez-vous dans un autre onglet, puis enregistrez. Votre texte reste ici.");
              return;
            }
            if (!response.ok) { throw new Error(String(response.status)); }
            entry.sent = now;
            say(form, "Brouillon sauvegardé automatiquement à " + clock() + ".");
          })
          .catch(function () {
            say(form, "La sauvegarde automatique a échoué : enregistrez votre travail.");
          });
      };
      setInterval(function () { if (!entry.submitting) { entry.save(false); } }, INTERVAL);
    }
    forms.push(entry);
  }

  function leaving() {
    forms.forEach(function (entry) { if (entry.save && !entry.submitting) { entry.save(true); } });
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { leaving(); }
  });
  window.addEventListener("pagehide", leaving);
  window.addEventListener("beforeunload", function (event) {
    var changed = forms.some(function (entry) {
      return !entry.submitting && snapshot(entry.form) !== entry.initial;
    });
    if (changed) {
      event.preventDefault();
      event.returnValue = "";  // older browsers show their own « Quitter la page ? » only with this
    }
  });
  // « Restaurer » of an offer: the autosaved fields go back into the form, by name (then it counts as changed).
  function restore(offer) {
    var form = document.getElementById(offer.dataset.autosaveOffer);
    var fields = JSON.parse(offer.querySelector("script").textContent || "{}");
    if (!form) { return; }
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.name === "csrf_token" || field.type === "file" || field.type === "submit") { return; }
      var value = fields[field.name];
      var values = Array.isArray(value) ? value.map(String) : (value === undefined ? [] : [String(value)]);
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = values.indexOf(field.value) !== -1;
      } else if (field.multiple) {
        Array.prototype.forEach.call(field.options, function (o) { o.selected = values.indexOf(o.value) !== -1; });
      } else if (value !== undefined) {
        field.value = values[0];
      } else { return; }
      field.dispatchEvent(new Event("input", { bubbles: true }));
      field.dispatchEvent(new Event("change", { bubbles: true }));
    });
    var done = document.createElement("div");
    done.className = "alert alert--info";
    done.setAttribute("role", "status");
    done.textContent = "Sauvegarde automatique restaurée : vérifiez le contenu, puis enregistrez-le.";
    offer.replaceWith(done);
  }
  document.querySelectorAll("[data-autosave-offer]").forEach(function (offer) {
    offer.querySelector("[data-autosave-restore]").addEventListener("click", function () { restore(offer); });
  });

  // After every deferred script (the block editor draws its blocks first), not waiting for the images.
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("main form[method='post' i]:not([data-no-leave-warning])").forEach(watch);
  });
})();
