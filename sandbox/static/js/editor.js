/* Block editor of the site back office: vanilla JS, no library.
   The blocks live in `state` and travel as JSON in the hidden field #blocks of a normal form (CSRF
   included); the server validates every block against its schema. Every field has a label; every
   block has « Monter », « Descendre », « Supprimer »; paragraphs offer bold, italic and links with
   buttons and with Ctrl+B, Ctrl+I, Ctrl+K. */
(function () {
  "use strict";
  const root = document.getElementById("block-editor");
  const hidden = document.getElementById("blocks");
  if (!root || !hidden) return;
  const LABELS = JSON.parse(root.dataset.labels || "{}");
  const MEDIA = JSON.parse((document.getElementById("editor-media") || {}).textContent || "[]");
  const ALIGN = [["", "Par défaut"], ["left", "À gauche"], ["center", "Centré"], ["right", "À droite"], ["wide", "Large"], ["full", "Pleine largeur"]];
  const SIZE = [["large", "Grande"], ["medium", "Moyenne"], ["thumbnail", "Miniature"], ["full", "Taille réelle"]];
  const CROP = [["", "Aucun"], ["1:1", "Carré (1:1)"], ["4:3", "4:3"], ["16:9", "16:9"]];
  const F = (name, label, kind, extra) => Object.assign({ name, label, kind }, extra || {});
  const DEFS = {
    heading: [F("text", "Texte du titre", "text"), F("level", "Niveau du titre", "select", { options: [["2", "Titre 2 (H2)"], ["3", "Titre 3 (H3)"], ["4", "Titre 4 (H4)"]], int: true })],
    paragraph: [F("html", "Texte du paragraphe", "rich")],
    list: [F("items", "Éléments de la liste (un par ligne)", "lines"), F("ordered", "Liste numérotée", "check")],
    quote: [F("text", "Citation", "plainhtml"), F("cite", "Source de la citation", "text")],
    separator: [],
    image: [F("media_id", "Image", "media", { mime: "image/" }), F("alt", "Texte alternatif", "text"), F("caption", "Légende de l'image", "plainhtml1"),
      F("align", "Alignement", "select", { options: ALIGN }), F("size", "Taille", "select", { options: SIZE }), F("link", "Lien de l'image", "text"),
      F("crop", "Recadrage", "select", { options: CROP })],
    button: [F("text", "Texte du bouton", "text"), F("url", "Adresse du lien du bouton", "text")],
    cover: [F("title", "Titre de la bannière", "text"), F("text", "Texte de la bannière", "text"), F("media_id", "Image de fond", "media", { mime: "image/" }),
      F("button_text", "Texte du bouton de la bannière", "text"), F("url", "Lien du bouton de la bannière", "text")],
    gallery: [F("media_ids", "Images de la galerie", "medialist", { mime: "image/" }), F("columns", "Nombre de colonnes", "select", { options: [["2", "2"], ["3", "3"], ["4", "4"]], int: true, def: "3" }),
      F("caption", "Légende de la galerie", "text")],
    table: [F("rows", "Cellules du tableau", "grid"), F("header", "Première ligne = en-têtes", "check"), F("caption", "Légende du tableau", "text")],
    rss: [F("url", "Adresse du flux RSS (vide = flux de ce site)", "text"), F("title", "Titre du flux", "text"), F("count", "Nombre d'articles", "number", { def: 5 })],
    calendar: [F("month", "Mois affiché (AAAA-MM, vide = mois en cours)", "text")],
    audio: [F("media_id", "Fichier audio", "media", { mime: "audio/" }), F("caption", "Légende du son", "text")],
    video: [F("media_id", "Fichier vidéo", "media", { mime: "video/" }), F("caption", "Légende de la vidéo", "text")],
    file: [F("media_id", "Fichier à télécharger", "media", { mime: "" }), F("text", "Texte du lien de téléchargement", "text")],
    slider: [F("slides", "Diapositives", "items", { item: "Diapositive", fields: [F("media_id", "Image de la diapositive", "media", { mime: "image/" }), F("caption", "Légende de la diapositive", "text"),
      F("button_text", "Texte du bouton de la diapositive", "text"), F("url", "Lien du bouton de la diapositive", "text")] })],
    form: [F("kind", "Type de formulaire", "select", { options: [["contact", "Contact"], ["newsletter", "Inscription à la lettre d'information"]] }),
      F("title", "Titre du formulaire", "text"), F("button", "Texte du bouton d'envoi", "text")],
    faq: [F("items", "Questions", "items", { item: "Question", fields: [F("question", "Question", "text"), F("answer", "Réponse", "plainhtml")] })],
    testimonials: [F("items", "Témoignages", "items", { item: "Témoignage", fields: [F("quote", "Témoignage", "textarea"), F("name", "Nom", "text"), F("role", "Fonction ou ville", "text")] })],
    team: [F("members", "Membres", "items", { item: "Membre", fields: [F("name", "Nom", "text"), F("role", "Fonction", "text"), F("media_id", "Photo", "media", { mime: "image/" }), F("bio", "Présentation", "textarea")] })],
    map: [F("address", "Adresse", "text"), F("caption", "Informations pratiques", "text")],
    countdown: [F("title", "Titre du compte à rebours", "text"), F("date", "Date de l'événement", "date")],
    breadcrumb: [],
    social_icons: [F("title", "Titre au-dessus des icônes (facultatif)", "text")],
    contact_details: [F("title", "Titre des coordonnées (facultatif)", "text")],
    columns: [F("columns", "Colonnes", "columns")],
    embed: [F("url", "Adresse du contenu à embarquer (YouTube, Vimeo, réseau social…)", "text"), F("caption", "Légende du contenu embarqué", "text")],
    html: [F("html", "Code HTML", "textarea")],
  };
  const INNER = ["paragraph", "heading", "list", "image", "button"];  // what a column may hold (block_schema.INNER_TYPES)
  let state = [];
  try { state = JSON.parse(hidden.value || "[]"); } catch (e) { state = []; }
  if (!Array.isArray(state)) state = [];
  let uid = 0;
  // Cleared after the first edit: the message is about what the server saw, not what is typed next.
  let errorIndex = root.dataset.errorIndex === undefined ? -1 : Number(root.dataset.errorIndex);

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === "text") node.textContent = v; else if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? "" : v);
    });
    (children || []).forEach((c) => c && node.appendChild(c));
    return node;
  }
  const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const unesc = (s) => { const t = document.createElement("textarea"); t.innerHTML = String(s || "").replace(/<br\s*\/?>/gi, "\n").replace(/<[^>]*>/g, ""); return t.value; };
  function labelled(label, control) {
    const id = control.id || ("ed-" + (++uid));
    control.id = id;
    return el("div", { class: "field" }, [el("label", { for: id, text: label }), control]);
  }

  /* A <select> of the media chosen (works by keyboard as it is) enhanced by the shared media picker, which
     offers the whole library on demand. */
  function mediaSelect(field, value, onChange, multiple) {
    const chosen = new Set((Array.isArray(value) ? value : [value]).map(Number));
    const select = el("select", { "data-media": field.mime.replace("/", ""), multiple: !!multiple, size: multiple ? 6 : null });
    if (!multiple) select.appendChild(el("option", { value: "", text: "(aucun média)" }));
    MEDIA.filter((m) => m.mime.startsWith(field.mime)).forEach((m) => {
      select.appendChild(el("option", { value: m.id, text: m.title + " (" + m.filename + ")", selected: chosen.has(m.id) }));
    });
    select.addEventListener("change", () => {
      // Media chosen in the picker join MEDIA (the page lists only those the blocks used when it was sent).
      [...select.selectedOptions].filter((o) => o.dataset.url && !MEDIA.some((m) => m.id === Number(o.value)))
        .forEach((o) => MEDIA.push({ id: Number(o.value), title: o.dataset.name, filename: o.dataset.filename, mime: o.dataset.mime, url: o.dataset.url }));
      const ids = [...select.selectedOptions].map((o) => Number(o.value)).filter(Boolean);
      onChange(multiple ? ids : (ids[0] || null));
    });
    const node = labelled(field.label, select);
    if (window.E5MediaPicker) {
      window.E5MediaPicker.attach(select, field.label, true);  // preview drawn here from MEDIA
      const box = node.querySelector(".media-field__preview");
      MEDIA.filter((m) => chosen.has(m.id) && m.mime.startsWith("image/")).forEach((m) => box.appendChild(el("img", { src: m.url, alt: "" })));
    }
    return node;
  }

  /* « Colonnes »: each column holds its own little list of simple blocks, edited with the same controls. */
  function columnsField(field, block, index) {
    if (!Array.isArray(block.columns) || !block.columns.length) block.columns = [{ blocks: [] }, { blocks: [] }];
    const box = el("fieldset", { class: "subfields" }, [el("legend", { text: field.label })]);
    const row = el("div", { class: "ed-columns" });
    block.columns.forEach((column, c) => {
      if (!Array.isArray(column.blocks)) column.blocks = [];
      const name = "Colonne " + (c + 1);
      const group = el("fieldset", { class: "item", role: "group", "aria-label": name }, [el("legend", { text: name })]);
      column.blocks.forEach((inner, b) => {
        const innerLabel = LABELS[inner.type] || inner.type;
        const part = el("div", { class: "ed-inner", role: "group", "aria-label": name + ", bloc " + (b + 1) + " : " + innerLabel }, [el("p", { class: "ed-block__name", text: innerLabel })]);
        (DEFS[inner.type] || []).forEach((f) => part.appendChild(control(f, inner, index)));
        const drop = el("button", { type: "button", class: "btn btn--small btn--secondary", text: "Retirer : " + innerLabel.toLowerCase() });
        drop.addEventListener("click", () => { column.blocks.splice(b, 1); render(index); });
        part.appendChild(drop);
        group.appendChild(part);
      });
      const adds = el("div", { class: "ed-types", role: "group", "aria-label": "Ajouter dans la " + name.toLowerCase() });
      INNER.forEach((type) => {
        const add = el("button", { type: "button", class: "btn btn--small btn--secondary", text: LABELS[type] || type });
        add.addEventListener("click", () => { column.blocks.push(type === "heading" ? { type, level: 3 } : { type }); render(index); });
        adds.appendChild(add);
      });
      const drop = el("button", { type: "button", class: "btn btn--small btn--secondary", text: "Retirer la " + name.toLowerCase() });
      drop.addEventListener("click", () => { block.columns.splice(c, 1); render(index); });
      group.append(adds, drop);
      row.appendChild(group);
    });
    box.appendChild(row);
    if (block.columns.length < 4) {
      const more = el("button", { type: "button", class: "btn btn--small", text: "Ajouter une colonne" });
      more.addEventListener("click", () => { block.columns.push({ blocks: [] }); render(index); });
      box.appendChild(more);
    }
    return box;
  }

  function richField(field, block) {
    const box = el("div", { class: "rich", contenteditable: "true", role: "textbox", "aria-multiline": "true", "aria-label": field.label });
    box.innerHTML = block[field.name] || "";  // already sanitised by the server when it was saved
    const sync = () => { block[field.name] = box.innerHTML; };
    box.addEventListener("input", sync);
    const linkUrl = el("input", { type: "url", "aria-label": "Adresse du lien", placeholder: "https://… ou /site/…" });
    const linkBar = el("div", { class: "rich-link", hidden: true }, [linkUrl,
      el("button", { type: "button", class: "btn btn--small", text: "Appliquer le lien" }),
      el("button", { type: "button", class: "btn btn--small btn--secondary", text: "Annuler" })]);
    let saved = null;
    function openLink() {
      const sel = window.getSelection();
      saved = sel.rangeCount ? sel.getRangeAt(0).cloneRange() : null;
      linkBar.hidden = false; linkUrl.value = ""; linkUrl.focus();
    }
    function applyLink() {
      const url = linkUrl.value.trim();
      linkBar.hidden = true; box.focus();
      if (!url) return;
      const sel = window.getSelection();
      if (saved) { sel.removeAllRanges(); sel.addRange(saved); }
      if (!saved || saved.collapsed) document.execCommand("insertHTML", false, '<a href="' + esc(url).replace(/"/g, "&quot;") + '">' + esc(url) + "</a>");
      else document.execCommand("createLink", false, url);
      sync();
    }
    linkBar.children[1].addEventListener("click", applyLink);
    linkBar.children[2].addEventListener("click", () => { linkBar.hidden = true; box.focus(); });
    linkUrl.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); applyLink(); } if (e.key === "Escape") { linkBar.hidden = true; box.focus(); } });
    const cmd = (name) => () => { box.focus(); document.execCommand(name); sync(); };
    const tools = el("div", { class: "rich-tools", role: "toolbar", "aria-label": "Mise en forme" }, [
      el("button", { type: "button", text: "Gras", title: "Gras (Ctrl+B)" }), el("button", { type: "button", text: "Italique", title: "Italique (Ctrl+I)" }),
      el("button", { type: "button", text: "Lien", title: "Lien (Ctrl+K)" })]);
    tools.children[0].addEventListener("mousedown", (e) => e.preventDefault());
    tools.children[1].addEventListener("mousedown", (e) => e.preventDefault());
    tools.children[2].addEventListener("mousedown", (e) => e.preventDefault());
    tools.children[0].addEventListener("click", cmd("bold"));
    tools.children[1].addEventListener("click", cmd("italic"));
    tools.children[2].addEventListener("click", openLink);
    box.addEventListener("keydown", (e) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const k = e.key.toLowerCase();
      if (k === "b") { e.preventDefault(); cmd("bold")(); } else if (k === "i") { e.preventDefault(); cmd("italic")(); } else if (k === "k") { e.preventDefault(); openLink(); }
    });
    return el("div", { class: "field" }, [tools, box, linkBar]);
  }

  function gridField(field, block) {
    if (!Array.isArray(block.rows) || !block.rows.length) block.rows = [["", ""], ["", ""]];
    const wrap = el("div", { class: "grid-field" });
    function draw() {
      wrap.innerHTML = "";
      const rows = block.rows, cols = Math.max(1, ...rows.map((r) => r.length));
      const size = el("div", { class: "inline-form" });
      const rowsIn = el("input", { type: "number", min: 1, max: 50, value: rows.length });
      const colsIn = el("input", { type: "number", min: 1, max: 12, value: cols });
      const resize = () => {
        const r = Math.min(50, Math.max(1, Number(rowsIn.value) || 1)), c = Math.min(12, Math.max(1, Number(colsIn.value) || 1));
        block.rows = Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => (rows[i] || [])[j] || ""));
        draw();
      };
      rowsIn.addEventListener("change", resize); colsIn.addEventListener("change", resize);
      size.append(labelled("Nombre de lignes", rowsIn), labelled("Nombre de colonnes du tableau", colsIn));
      const table = el("table", { class: "grid-edit" });
      rows.forEach((row, i) => {
        const tr = el("tr");
        for (let j = 0; j < cols; j++) {
          const input = el("input", { value: row[j] || "", "aria-label": "Ligne " + (i + 1) + ", colonne " + (j + 1) });
          input.addEventListener("input", () => { while (block.rows[i].length <= j) block.rows[i].push(""); block.rows[i][j] = input.value; });
          tr.appendChild(el("td", {}, [input]));
        }
        table.appendChild(tr);
      });
      wrap.append(size, table);
    }
    draw();
    return el("fieldset", { class: "subfields" }, [el("legend", { text: field.label }), wrap]);
  }

  function itemsField(field, block, index) {
    if (!Array.isArray(block[field.name])) block[field.name] = [];
    const box = el("fieldset", { class: "subfields" }, [el("legend", { text: field.label })]);
    const list = block[field.name];
    list.forEach((item, i) => {
      const group = el("fieldset", { class: "item" }, [el("legend", { text: field.item + " " + (i + 1) })]);
      field.fields.forEach((sub) => group.appendChild(control(sub, item, index)));
      const remove = el("button", { type: "button", class: "btn btn--small btn--secondary", text: "Retirer : " + field.item.toLowerCase() + " " + (i + 1) });
      remove.addEventListener("click", () => { list.splice(i, 1); render(index); });
      group.appendChild(remove);
      box.appendChild(group);
    });
    const add = el("button", { type: "button", class: "btn btn--small", text: "Ajouter : " + field.item.toLowerCase() });
    add.addEventListener("click", () => { list.push({}); render(index); });
    box.appendChild(add);
    return box;
  }

  function control(field, block, index) {
    const value = block[field.name];
    const set = (v) => { block[field.name] = v; };
    switch (field.kind) {
      case "rich": return richField(field, block);
      case "grid": return gridField(field, block);
      case "items": return itemsField(field, block, index);
      case "columns": return columnsField(field, block, index);
      case "media": return mediaSelect(field, value, set);
      case "medialist": {
        if (!Array.isArray(value)) set([]);
        return mediaSelect(field, block[field.name], set, true);
      }
      case "check": {
        const box = el("input", { type: "checkbox", checked: value === true });
        box.addEventListener("change", () => set(box.checked));
        return labelled(field.label, box);
      }
      case "select": {
        const select = el("select", {});
        const current = value === undefined || value === null ? (field.def || field.options[0][0]) : String(value);
        field.options.forEach(([v, t]) => select.appendChild(el("option", { value: v, text: t, selected: v === current })));
        set(field.int ? Number(current) : current);
        select.addEventListener("change", () => set(field.int ? Number(select.value) : select.value));
        return labelled(field.label, select);
      }
      case "number": {
        const input = el("input", { type: "number", min: 1, max: 10, value: value || field.def || "" });
        if (value === undefined) set(field.def);
        input.addEventListener("input", () => set(Number(input.value) || field.def));
        return labelled(field.label, input);
      }
      case "lines": case "textarea": case "plainhtml": {
        const area = el("textarea", { rows: 3 });
        area.value = field.kind === "lines" ? (Array.isArray(value) ? value.map(unesc).join("\n") : "") : (field.kind === "plainhtml" ? unesc(value) : (value || ""));
        const sync = () => {
          if (field.kind === "lines") set(area.value.split("\n").filter((l) => l.trim()).map(esc));
          else if (field.kind === "plainhtml") set(esc(area.value).replace(/\n/g, "<br>"));
          else set(area.value);
        };
        area.addEventListener("input", sync);
        return labelled(field.label, area);
      }
      default: {
        const input = el("input", { type: field.kind === "date" ? "date" : "text", value: field.kind === "plainhtml1" ? unesc(value) : (value || "") });
        input.addEventListener("input", () => set(field.kind === "plainhtml1" ? esc(input.value) : input.value));
        return labelled(field.label, input);
      }
    }
  }

  function blockNode(block, index) {
    const label = LABELS[block.type] || block.type;
    const name = "Bloc " + (index + 1) + " : " + label;
    const section = el("section", { class: "ed-block ed-block--" + block.type, role: "group", "aria-label": name, "data-index": index });
    const bar = el("div", { class: "ed-block__bar" }, [el("span", { class: "ed-block__name", text: name })]);
    [["Monter", -1], ["Descendre", 1]].forEach(([text, step]) => {
      const b = el("button", { type: "button", class: "btn btn--small btn--secondary", text, "aria-label": text + " le bloc " + (index + 1) + " (" + label + ")", disabled: (index + step < 0 || index + step >= state.length) });
      b.addEventListener("click", () => { const [moved] = state.splice(index, 1); state.splice(index + step, 0, moved); render(index + step, "button"); });
      bar.appendChild(b);
    });
    const del = el("button", { type: "button", class: "btn btn--small btn--danger", text: "Supprimer", "aria-label": "Supprimer le bloc " + (index + 1) + " (" + label + ")" });
    del.addEventListener("click", () => { state.splice(index, 1); render(Math.min(index, state.length - 1)); });
    bar.appendChild(del);
    section.appendChild(bar);
    (DEFS[block.type] || []).forEach((field) => section.appendChild(control(field, block, index)));
    if (index === errorIndex) {  // the server refused this block: its message sits in the block, by its fields
      const message = el("p", { class: "error", id: "ed-block-error", text: root.dataset.error });
      section.insertBefore(message, bar.nextSibling);
      section.classList.add("ed-block--error");
      section.querySelectorAll("input, textarea, select").forEach((c) => { c.setAttribute("aria-invalid", "true"); c.setAttribute("aria-describedby", "ed-block-error"); });
    }
    if (!DEFS[block.type]) section.appendChild(el("p", { class: "hint", text: "Bloc non modifiable ici." }));
    return section;
  }

  const list = el("div", { class: "ed-blocks" });
  const addButton = el("button", { type: "button", class: "btn", "aria-expanded": "false", "aria-controls": "ed-types", text: "Ajouter un bloc" });
  const types = el("div", { id: "ed-types", class: "ed-types", role: "group", "aria-label": "Types de blocs", hidden: true });
  Object.keys(DEFS).forEach((type) => {
    const b = el("button", { type: "button", class: "btn btn--small btn--secondary", text: LABELS[type] || type });
    b.addEventListener("click", () => {
      const block = { type };
      if (type === "heading") block.level = 2;
      state.push(block);
      toggleTypes(false);
      render(state.length - 1, "field");
    });
    types.appendChild(b);
  });
  function toggleTypes(open) {
    types.hidden = !open; addButton.setAttribute("aria-expanded", String(open));
    if (open) types.querySelector("button").focus();
  }
  addButton.addEventListener("click", () => toggleTypes(types.hidden));
  types.addEventListener("keydown", (e) => { if (e.key === "Escape") { toggleTypes(false); addButton.focus(); } });

  function render(focusIndex, what) {
    list.innerHTML = "";
    state.forEach((block, i) => list.appendChild(blockNode(block, i)));
    if (!state.length) list.appendChild(el("p", { class: "hint", text: "Aucun bloc pour l'instant : cliquez sur « Ajouter un bloc »." }));
    if (focusIndex !== undefined && focusIndex >= 0 && list.children[focusIndex]) {
      const target = what === "field" ? list.children[focusIndex].querySelector("input, textarea, select, [contenteditable]")
        : list.children[focusIndex].querySelector(".ed-block__bar button:not([disabled])");
      if (target) target.focus();
    }
  }
  root.append(list, addButton, types);
  render();
  if (errorIndex >= 0 && list.children[errorIndex]) {
    const first = list.children[errorIndex].querySelector("[aria-invalid]");
    if (first) first.focus();
    errorIndex = -1;  // later re-renders (moving, adding blocks) drop the stale message
  }
  hidden.form.addEventListener("submit", () => { hidden.value = JSON.stringify(state); });
  // autosave.js asks for the blocks before each autosave and before comparing the form on leaving.
  hidden.form.addEventListener("e5:sync", () => { hidden.value = JSON.stringify(state); });
})();
