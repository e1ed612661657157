// Subject studio: autosave of each part's form while the author types (nothing lost if the browser closes),
// the draft revision kept in step across the page's forms, a conflict message when another tab saved
// meanwhile, and the checks' French problems refreshed beside their fields after each save.
(function () {
  "use strict";
  var DELAY = 1200;
  var status = document.getElementById("studio-status");
  var stopped = false;
  var leaving = false;  // a form is being posted: no beacon on top of it

  function say(text, alert) {
    if (!status) return;
    status.textContent = text;
    status.setAttribute("role", alert ? "alert" : "status");
    status.classList.toggle("studio-status--error", !!alert);
  }

  function showProblems(problems) {
    var boxes = {};
    document.querySelectorAll(".studio-problems[data-anchor]").forEach(function (box) {
      box.textContent = "";
      boxes[box.dataset.anchor] = box;
      var field = box.closest(".field");
      if (field) {
        field.classList.remove("field--error");
        var input = field.querySelector("input, select, textarea");
        if (input) input.removeAttribute("aria-invalid");
      }
    });
    var summary = document.getElementById("studio-summary");
    var list = document.createElement("ul");
    problems.forEach(function (p) {
      var item = document.createElement("li");
      item.textContent = p.text;  // textContent: a message never injects markup
      list.append(item);
      var box = boxes[p.anchor];
      if (!box) return;
      var line = document.createElement("p");
      line.textContent = p.text;
      box.append(line);
      var field = box.closest(".field");
      if (field) {
        field.classList.add("field--error");
        var input = field.querySelector("input, select, textarea");
        if (input) input.setAttribute("aria-invalid", "true");
      }
    });
    if (!summary) return;
    summary.textContent = "";
    var head = document.createElement("p");
    var strong = document.createElement("strong");
    if (problems.length) {
      strong.textContent = problems.length + (problems.length > 1 ? " problèmes à corriger" : " problème à corriger");
      head.append(strong, ", indiqués à côté de chaque champ :");
      summary.append(head, list);
    } else {
      strong.textContent = "Sujet valide";
      head.append(strong, " : il passe toutes les vérifications.");
      summary.append(head);
    }
    summary.dataset.count = String(problems.length);
  }

  function setRevision(revision) {
    document.querySelectorAll('input[name="revision"]').forEach(function (input) { input.value = revision; });
  }

  // Saves go one after the other: each sends the revision the previous one returned.
  var chain = Promise.resolve();
  function save(form) {
    chain = chain.then(function () { return send(form); });
    return chain;
  }

  function send(form) {
    if (stopped) return Promise.resolve(false);
    form.dataset.dirty = "";
    say("Enregistrement…");
    return fetch(form.action, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { "Accept": "application/json" },
    }).then(function (response) {
      return response.json().then(function (body) { return { status: response.status, body: body }; });
    }).then(function (answer) {
      if (answer.status === 409) {
        stopped = true;
        say(answer.body.error, true);
        return false;
      }
      if (answer.status !== 200) {
        say(answer.body.error || "Enregistrement impossible : rechargez la page.", true);
        return false;
      }
      setRevision(answer.body.revision);
      showProblems(answer.body.problems || []);
      Object.keys(answer.body.notices || {}).forEach(function (key) {
        var note = document.querySelector('[data-notice="' + key + '"]');
        if (note) note.textContent = answer.body.notices[key];  // a warning that does not block
      });
      Object.keys(answer.body.previews || {}).forEach(function (key) {
        var box = document.querySelector('[data-preview="' + key + '"]');
        if (box) box.innerHTML = answer.body.previews[key];  // sanitised by the server (nh3)
      });
      say("Brouillon enregistré à " + new Date().toLocaleTimeString("fr-FR", { hour: "2-digit", minute: "2-digit", second: "2-digit" }) + ".");
      return true;
    }).catch(function () {
      form.dataset.dirty = "1";
      say("Enregistrement impossible pour l'instant (réseau) : nouvel essai à la prochaine saisie.", true);
      return false;
    });
  }

  // One pending autosave per form; a button clears them all (a save fired after the post would be refused
  // as a conflict: the post has already moved the revision on).
  var timers = new Map();
  function later(form) {
    form.dataset.dirty = "1";
    clearTimeout(timers.get(form));
    timers.set(form, setTimeout(function () { save(form); }, DELAY));
  }

  document.querySelectorAll("form[data-autosave]").forEach(function (form) {
    form.addEventListener("input", function () { later(form); });
    // The button waits for the saves under way (and sends the other parts still being typed), then posts
    // the form itself: the page comes back with new empty slots and fresh checks.
    // A button with an address of its own (« Retirer » an observable) acts on what is saved: this form's
    // edits are saved first too, then the post goes to the button's address, not the form's.
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var submitter = event.submitter;
      var elsewhere = submitter && submitter.hasAttribute("formaction") ? submitter.formAction : "";
      timers.forEach(function (timer) { clearTimeout(timer); });
      leaving = true;
      document.querySelectorAll("form[data-autosave][data-dirty='1']").forEach(function (other) {
        if (other !== form || elsewhere) save(other);
      });
      chain.then(function () {
        if (stopped) { leaving = false; return; }
        if (elsewhere) form.action = elsewhere;
        form.submit();
      });
    });
    form.addEventListener("change", function () { later(form); });
  });

  // Leaving the page (tab closed, link followed): what is not saved yet leaves with a beacon.
  window.addEventListener("pagehide", function () {
    if (stopped || leaving) return;
    document.querySelectorAll("form[data-autosave][data-dirty='1']").forEach(function (form) {
      var body = new FormData(form);
      body.append("autosave", "1");  // no flash message waiting for the next page
      navigator.sendBeacon(form.action, body);
    });
  });
})();
