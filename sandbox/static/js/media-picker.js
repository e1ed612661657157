/* One media picker for the whole site back office (blocks, featured image, logo and icon, header, gallery
   widget): a modal dialog with thumbnails, « Rechercher des médias » and « Type de média », loaded from the
   server (the thumbnails are rendered by site_admin/media_picker.html). It enhances any
   <select data-media="image,video"> (a single or a multiple select): the select stays the form's value and
   keeps working without script; the dialog only chooses its options. Keyboard: Tab through the thumbnails,
   Entrée or Espace to choose, Échap to close. */
(function () {
  "use strict";
  const script = document.currentScript;
  const BASE = script && script.dataset.url;
  if (!BASE) return;
  const FAMILIES = [["image", "Images"], ["audio", "Audio"], ["video", "Vidéos"], ["application", "Documents"]];
  let dialog, grid, search, type, ok, heading, options, chosen, timer;

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text) node.textContent = text;
    return node;
  }

  function build() {
    dialog = el("dialog", { class: "media-picker", "aria-labelledby": "mp-title" });
    heading = el("h2", { id: "mp-title" });
    search = el("input", { type: "search", id: "mp-search" });
    type = el("select", { id: "mp-type" });
    const bar = el("div", { class: "inline-form", role: "search" });
    const f1 = el("div", { class: "field" }); f1.append(el("label", { for: "mp-type" }, "Type de média"), type);
    const f2 = el("div", { class: "field" }); f2.append(el("label", { for: "mp-search" }, "Rechercher des médias"), search);
    bar.append(f1, f2);
    grid = el("div", { class: "picker-body", "aria-live": "polite" });
    ok = el("button", { type: "button", class: "btn" }, "Sélectionner");
    const cancel = el("button", { type: "button", class: "btn btn--secondary" }, "Annuler");
    const actions = el("div", { class: "picker-actions" }); actions.append(ok, cancel);
    dialog.append(heading, bar, grid, actions);
    document.body.appendChild(dialog);
    search.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(load, 250); });
    type.addEventListener("change", load);
    cancel.addEventListener("click", () => dialog.close());
    ok.addEventListener("click", () => {
      const items = [...chosen.values()];
      dialog.close();
      if (items.length || options.multiple) options.onSelect(items);
    });
    grid.addEventListener("click", (e) => {
      const item = e.target.closest(".picker-item");
      if (!item) return;
      const id = Number(item.dataset.id);
      if (chosen.has(id)) chosen.delete(id);
      else {
        if (!options.multiple) chosen.clear();
        chosen.set(id, { id, url: item.dataset.url, mime: item.dataset.mime, name: item.dataset.name, filename: item.dataset.filename });
      }
      mark();
    });
    // Removed when closed: a hidden dialog named after a field must not answer for that field's label.
    dialog.addEventListener("close", () => { dialog.remove(); dialog = null; if (options && options.opener) options.opener.focus(); });
  }

  function mark() {
    grid.querySelectorAll(".picker-item").forEach((b) => b.setAttribute("aria-pressed", String(chosen.has(Number(b.dataset.id)))));
    ok.disabled = !options.multiple && chosen.size === 0;
    ok.textContent = options.multiple ? "Sélectionner (" + chosen.size + ")" : "Sélectionner";
  }

  function load() {
    const params = new URLSearchParams({ accept: options.accept.join(","), type: type.value, s: search.value });
    return fetch(BASE + "?" + params.toString(), { credentials: "same-origin" })
      .then((r) => (r.ok ? r.text() : Promise.reject(r.status)))
      .then((html) => { grid.innerHTML = html; mark(); })  // our own server's escaped template
      .catch(() => { grid.textContent = "La médiathèque n'a pas pu être chargée : réessayez."; });
  }

  /* Open the dialog. opts: accept (families, [] = all), multiple, selected (ids), title, opener, onSelect(items). */
  function open(opts) {
    if (!dialog) build();
    options = Object.assign({ accept: [], multiple: false, selected: [], title: "Choisir un média" }, opts);
    chosen = new Map(options.selected.map((id) => [Number(id), { id: Number(id) }]));
    heading.textContent = options.title;
    type.innerHTML = "";
    type.appendChild(el("option", { value: "" }, options.accept.length ? "Tous les types acceptés" : "Tous les médias"));
    FAMILIES.filter(([code]) => !options.accept.length || options.accept.includes(code))
      .forEach(([code, label]) => type.appendChild(el("option", { value: code }, label)));
    search.value = "";
    grid.textContent = "Chargement…";
    dialog.showModal();
    search.focus();
    return load();
  }

  function preview(box, items) {
    box.innerHTML = "";
    items.forEach((m) => {
      if (m.url && m.mime && m.mime.startsWith("image/")) box.appendChild(el("img", { src: m.url, alt: "" }));
    });
  }

  /* The thumbnails of the media already chosen in a server-rendered field (the editor has its own list). */
  function showCurrent(select, box) {
    const ids = [...select.selectedOptions].map((o) => o.value).filter((v) => Number(v) > 0);
    if (!ids.length) return;
    fetch(BASE + "?" + new URLSearchParams({ ids: ids.join(",") }).toString(), { credentials: "same-origin" })
      .then((r) => (r.ok ? r.text() : Promise.reject(r.status)))
      .then((html) => {
        const page = new DOMParser().parseFromString(html, "text/html");
        preview(box, [...page.querySelectorAll(".picker-item")].map((b) => ({ url: b.dataset.url, mime: b.dataset.mime })));
      })
      .catch(() => {});
  }

  /* Enhance a <select>: a « Choisir dans la médiathèque » button after it, and a preview of what was picked. */
  function attach(select, label, known) {
    if (select.dataset.pickerReady) return;
    select.dataset.pickerReady = "1";
    const accept = (select.dataset.media || "").split(",").filter(Boolean);
    const name = label || (select.labels && select.labels[0] ? select.labels[0].textContent.trim() : "Média");
    // The field's name is in the button's text (read by screen readers), not in an aria-label, so that the
    // field's own label still names only the field.
    const button = el("button", { type: "button", class: "btn btn--small btn--secondary media-field__open" }, "Choisir dans la médiathèque");
    button.appendChild(el("span", { class: "visually-hidden" }, " : " + name));
    const box = el("div", { class: "media-field__preview" });
    const wrap = el("div", { class: "media-field" });
    wrap.append(button, box);
    select.insertAdjacentElement("afterend", wrap);
    if (!known) showCurrent(select, box);
    button.addEventListener("click", () => open({
      accept, multiple: select.multiple, title: name, opener: button,
      selected: [...select.selectedOptions].map((o) => o.value).filter(Boolean),
      onSelect(items) {
        const ids = new Set(items.map((m) => String(m.id)));
        items.forEach((m) => {
          // The option keeps what the picker knew of the media: the block editor draws its preview from it.
          if (![...select.options].some((o) => o.value === String(m.id))) select.appendChild(el("option", { value: m.id, "data-url": m.url, "data-mime": m.mime, "data-name": m.name, "data-filename": m.filename }, m.name + " (" + m.filename + ")"));
        });
        [...select.options].forEach((o) => { o.selected = ids.has(o.value); });
        preview(box, items);
        select.dispatchEvent(new Event("change", { bubbles: true }));
      },
    }));
  }

  window.E5MediaPicker = { open, attach };
  document.querySelectorAll("select[data-media]").forEach((s) => attach(s));
})();
