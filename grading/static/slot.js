// Slot console: follows the slot's stream (activity, observables, timers, grids) and saves every grid
// change at once with the version it is based on. Saves of one version scope (a grid line, or the
// sheet) run one after the other, so a tab never races itself; a stale version shows the saved value.
(function () {
  "use strict";
  var root = document.querySelector("[data-slot]");
  if (!root) { return; }
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var STALE = "Modifié dans un autre onglet : valeur actuelle rechargée";
  var clocks = {};      // place id → {remaining, at, state}
  var scopes = {};      // "sheet:line" or "sheet:" → {version, queue, pending}
  var lastGrid = {};    // place id → the last grid state received from the stream
  var seen = {};        // activity event ids already shown, per place

  function column(place) { return root.querySelector('[data-place="' + place + '"]'); }
  function send(url, body, json) {
    var headers = { "X-CSRFToken": csrf, "Accept": "application/json" };
    if (json) { headers["Content-Type"] = "application/json"; }
    return fetch(url, { method: "POST", headers: headers, credentials: "same-origin",
      body: json ? JSON.stringify(body) : body }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { status: response.status, data: data };
      });
    });
  }
  function say(text) { root.querySelector("[data-slot-message]").textContent = text; }

  // ---- Timers: the server gives the seconds left; the page counts down by itself.
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function applyTimer(t) {
    var box = column(t.place).querySelector("[data-timer]");
    clocks[t.place] = { remaining: t.remaining, at: performance.now(), state: t.state };
    box.dataset.state = t.state;
    box.querySelector("[data-timer-label]").textContent = t.label;
    box.querySelector("[data-timer-notice]").textContent =
      t.notice + (t.pause_reason ? " Raison : " + t.pause_reason : "");
    box.querySelectorAll("form[data-when]").forEach(function (form) {
      form.hidden = form.dataset.when.split(" ").indexOf(t.state) < 0;
    });
    if (t.evidence) { showEvidence(t.place, t.evidence); }
    tick();
  }
  function tick() {
    Object.keys(clocks).forEach(function (place) {
      var c = clocks[place], left = c.remaining;
      if (c.state === "running") { left = Math.max(0, Math.round(c.remaining - (performance.now() - c.at) / 1000)); }
      var box = column(place).querySelector("[data-timer]");
      box.querySelector("[data-clock]").textContent = two(Math.floor(left / 60)) + ":" + two(left % 60);
      if (c.state === "running" && left === 0) {
        c.state = "over";
        c.remaining = 0;  // later ticks count from here: the clock stays at 00:00
        box.dataset.state = "over";
        box.querySelector("[data-timer-label]").textContent = "temps écoulé";
        box.querySelector("[data-timer-notice]").textContent = "Temps écoulé — poste en lecture seule";
        box.querySelectorAll("form[data-when]").forEach(function (form) { form.hidden = true; });
      }
    });
  }
  root.querySelectorAll("[data-timer]").forEach(function (box) {
    var place = box.closest("[data-place]").dataset.place;
    clocks[place] = { remaining: +box.dataset.remaining, at: performance.now(), state: box.dataset.state };
  });
  setInterval(tick, 250);
  root.querySelectorAll("form[data-timer-form]").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) { return; }
      var error = form.querySelector("[data-form-error]");
      send(form.action, new FormData(form), false).then(function (res) {
        if (error) { error.textContent = res.data.ok ? "" : res.data.message || "Erreur — action non enregistrée"; }
        say(res.data.message || (res.status === 200 ? "" : "Erreur — action non enregistrée"));
        (res.data.timers || []).forEach(applyTimer);
        if (res.data.ok) { form.reset(); }
        if (res.data.ok && form.hasAttribute("data-hide-when-done")) { form.hidden = true; }
      }, function () { say("Erreur — serveur injoignable : action non enregistrée"); });
    });
  });
  function showEvidence(place, archives) {
    var box = column(place).querySelector("[data-evidence]");
    box.textContent = "";
    archives.forEach(function (archive) {
      var p = document.createElement("p");
      p.append(archive.label + " : ");
      archive.files.forEach(function (file, i) {
        var a = document.createElement("a");
        a.href = file.url;
        a.textContent = file.name;
        p.append(i ? ", " : "", a);
      });
      box.append(p);
    });
  }

  // ---- Live activity, grouped by question; observables, each with its verdict.
  function activity(ev) {
    seen[ev.place] = seen[ev.place] || {};
    if (seen[ev.place][ev.id]) { return; }
    seen[ev.place][ev.id] = true;
    var col = column(ev.place);
    var list = col.querySelector('ol[data-question="' + (ev.question || "") + '"]') ||
      col.querySelector('ol[data-question=""]');
    var item = document.createElement("li");
    item.className = "feed-item feed-item--" + ev.action;
    var when = document.createElement("time");
    when.dateTime = ev.at;
    when.textContent = new Date(ev.at).toLocaleTimeString("fr-FR");
    item.append(when, " ", ev.summary);  // text only: a summary never injects markup
    if (ev.action === "autosave") {
      // Progress of an unsaved draft: one line per object and person, the latest replacing the previous.
      item.dataset.progress = ev.object_id + "|" + ev.actor_kind + "|" + ev.actor_name;
      col.querySelectorAll("li[data-progress]").forEach(function (old) {
        if (old.dataset.progress === item.dataset.progress) { old.remove(); }
      });
    }
    list.prepend(item);
  }
  function observations(msg) {
    var col = column(msg.place);
    if (msg.none) {
      col.querySelectorAll("[data-observations]").forEach(function (list) {
        list.textContent = "";
        var item = document.createElement("li");
        item.className = "observation observation--info";
        item.textContent = "Pas d'observables : ce poste n'a pas été préparé avec le sujet.";
        list.append(item);
      });
      return;
    }
    Object.keys(msg.lines).forEach(function (line) {
      var list = col.querySelector('[data-observations="' + line + '"]');
      if (!list) { return; }
      list.textContent = "";
      if (!msg.lines[line].length) {
        var none = document.createElement("li");
        none.className = "observation observation--info";
        none.textContent = "Aucun observable : à apprécier par l'examinateur.";
        list.append(none);
      }
      msg.lines[line].forEach(function (o) {
        var item = document.createElement("li"), verdict = document.createElement("span");
        item.className = "observation observation--" + (o.ok === true ? "ok" : o.ok === false ? "ko" : "info");
        verdict.className = "verdict";
        verdict.textContent = o.verdict;
        item.append(verdict, " — " + o.sentence);
        list.append(item);
      });
    });
  }

  // ---- Grid: values, versions, saves.
  function gridOf(el) { return el.closest("[data-grid]"); }
  function scopeOf(el) {
    var line = el.closest("[data-line]"), key = gridOf(el).dataset.sheet + ":" + (line ? line.dataset.line : "");
    if (!scopes[key]) {
      scopes[key] = { version: +(line || gridOf(el)).dataset.version, queue: Promise.resolve(), pending: 0 };
    }
    return scopes[key];
  }
  function valueOf(el) {
    if (el.dataset.field !== "level") { return el.value; }
    var checked = el.querySelector("input:checked");
    return checked ? checked.value : "";
  }
  function setValue(el, value) {
    if (el.dataset.field !== "level") { el.value = value; return; }
    el.querySelectorAll("input").forEach(function (r) { r.checked = r.value === value; });
  }
  function statusOf(el) {
    return (el.dataset.field === "level" ? el : el.closest(".field")).querySelector("[data-status]");
  }
  function status(el, text, kind) {
    var s = statusOf(el);
    s.textContent = text;
    s.className = "save-status" + (kind ? " save-status--" + kind : "");
  }
  function fieldsOf(grid) { return grid.querySelectorAll("[data-field]"); }
  fieldsOf(root).forEach(function (el) { el.dataset.base = valueOf(el); });

  function save(el) {
    var scope = scopeOf(el), grid = gridOf(el), line = el.closest("[data-line]");
    clearTimeout(el._debounce);
    scope.pending += 1;
    scope.queue = scope.queue.then(function () {
      var value = valueOf(el);
      if (value === el.dataset.base) { status(el, statusOf(el).textContent ? "Enregistré" : "", "ok"); return null; }
      status(el, "Enregistrement…");
      var reason = grid.querySelector("[data-reason]").value;
      return send(grid.dataset.save, { field: el.dataset.field, line: line ? line.dataset.line : "",
        value: value, version: scope.version, reason: reason }, true).then(function (res) {
        var d = res.data;
        if (d.ok) {
          scope.version = d.version;
          el.dataset.base = d.value;
          if (valueOf(el) === value) { setValue(el, d.value); }
          status(el, "Enregistré", "ok");
        } else if (d.stale) {
          scope.version = d.version;
          el.dataset.base = d.value;
          setValue(el, d.value);
          status(el, STALE, "stale");
        } else {
          status(el, "Erreur — non enregistré" + (d.message ? " : " + d.message : ""), "error");
        }
      }, function () { status(el, "Erreur — non enregistré : serveur injoignable", "error"); });
    }).then(function () {
      scope.pending -= 1;
      var place = grid.closest("[data-place]").dataset.place;
      if (!scope.pending && lastGrid[place]) { applyGrid(lastGrid[place]); }
    });
  }
  fieldsOf(root).forEach(function (el) {
    if (el.dataset.field === "level") {
      el.addEventListener("change", function () { save(el); });
      return;
    }
    el.addEventListener("input", function () {
      status(el, "Modification en cours…");
      clearTimeout(el._debounce);
      el._debounce = setTimeout(function () { save(el); }, 400);
    });
    el.addEventListener("blur", function () { if (valueOf(el) !== el.dataset.base) { save(el); } });
  });
  window.addEventListener("beforeunload", function (e) {
    var busy = Object.keys(scopes).some(function (k) { return scopes[k].pending; });
    fieldsOf(root).forEach(function (el) { busy = busy || valueOf(el) !== el.dataset.base; });
    if (busy) { e.preventDefault(); e.returnValue = ""; }
  });

  // A grid state from the stream: take the saved values of fields not being edited here.
  function adopt(scope, fields, saved, version) {
    if (scope.pending || version < scope.version) { return; }
    var conflict = false;
    fields.forEach(function (el) {
      var value = saved[el.dataset.field], current = valueOf(el);
      if (current === el.dataset.base || value === current) {
        if (value !== current) { setValue(el, value); }
        el.dataset.base = value;
      } else if (value !== el.dataset.base) {
        conflict = true;  // edited here and changed elsewhere: the next save gets the stale answer
      }
    });
    if (!conflict) { scope.version = version; }
  }
  function applyGrid(state) {
    lastGrid[state.place] = state;
    var grid = column(state.place).querySelector("[data-grid]");
    grid.querySelectorAll("[data-line]").forEach(function (line) {
      var saved = state.lines[line.dataset.line];
      if (saved) { adopt(scopeOf(line), line.querySelectorAll("[data-field]"), saved, saved.version); }
    });
    var sheetFields = grid.querySelectorAll(".grid__sheet-field [data-field]");
    adopt(scopeOf(sheetFields[0]), sheetFields, state, state.version);
    lock(grid, state);
  }
  function lock(grid, state) {
    var text = grid.querySelector("[data-signed-text]"), reason = grid.querySelector("[data-reason]");
    text.hidden = !state.signed;
    text.textContent = state.signed ? "Grille signée par " + state.signed_by + " le " + state.signed_at + "." : "";
    var signBox = grid.querySelector("[data-sign-box]");  // absent on a formative (practice) grid
    if (signBox) { signBox.hidden = state.signed; }
    grid.querySelector("[data-unlock]").hidden = !state.signed;
    grid.querySelector("[data-grid-body]").disabled = state.signed && !reason.value.trim();
    var audit = grid.querySelector("[data-audit]");
    audit.textContent = "";
    (state.audit || []).forEach(function (a) {
      var item = document.createElement("li");
      item.textContent = a.at + " — " + a.who + " — " + a.field + " : « " + a.before + " » → « " + a.after +
        " » (raison : " + a.reason + ")";
      audit.append(item);
    });
    grid.querySelector("[data-audit-box]").hidden = !(state.audit || []).length;
  }
  root.querySelectorAll("[data-grid]").forEach(function (grid) {
    var box = grid.querySelector("[data-reason-box]"), reason = grid.querySelector("[data-reason]");
    var button = grid.querySelector("[data-unlock-button]");
    button.addEventListener("click", function () {
      box.hidden = false;
      button.setAttribute("aria-expanded", "true");
      reason.focus();
    });
    reason.addEventListener("input", function () {
      grid.querySelector("[data-grid-body]").disabled = !reason.value.trim();
    });
    var signButton = grid.querySelector("[data-sign-button]");
    if (!signButton) { return; }
    signButton.addEventListener("click", function () {
      grid.querySelectorAll("[data-error-for]").forEach(function (p) { p.textContent = ""; });
      var body = { name: grid.querySelector("[data-sign-name]").value,
        confirmation: grid.querySelector("[data-sign-confirm]").checked };
      send(grid.dataset.sign, body, true).then(function (res) {
        if (res.data.ok) { say(res.data.message); applyGrid(res.data.grid); return; }
        var target = grid.querySelector('[data-error-for="' + (res.data.field || "mark") + '"]') ||
          grid.querySelector("[data-sign-error]");
        target.textContent = res.data.message || "Erreur — grille non signée";
      }, function () { grid.querySelector("[data-sign-error]").textContent = "Erreur — serveur injoignable : grille non signée"; });
    });
  });

  // ---- The stream (EventSource reconnects by itself and resumes after the last event id).
  if (!root.dataset.stream) { return; }  // the practice student page follows its own feed
  var live = root.querySelector("[data-live-status]");
  var source = new EventSource(root.dataset.stream);
  source.addEventListener("open", function () { live.textContent = "Direct : connecté"; live.className = "slot-live"; });
  source.addEventListener("error", function () {
    live.textContent = "Direct : connexion perdue, reconnexion…";
    live.className = "slot-live slot-live--off";
  });
  function on(kind, handler) {
    source.addEventListener(kind, function (m) { handler(JSON.parse(m.data)); });
  }
  on("reset", function (msg) {  // the seat was reset: its activity starts again from nothing
    seen[msg.place] = {};
    column(msg.place).querySelectorAll("li.feed-item").forEach(function (item) { item.remove(); });
  });
  on("activity", activity);
  on("observations", observations);
  on("timer", applyTimer);
  on("grid", applyGrid);
})();
