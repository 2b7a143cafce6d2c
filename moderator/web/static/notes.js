"use strict";
// The rapporteur's page. Nothing typed is lost: a note's id is made here when typing begins;
// its text is kept in this browser's storage at every keystroke and sent as a draft every
// second; a saved note shows "saved" only once the server says it is on disk. Saves wait in a
// queue, in order, while the connection is down, and go out when it returns; sending a note
// twice records it once (the id).
//
// No save replaces a text its author did not see: for each note the page keeps the last text
// the server acknowledged (`acked`) and its revision (`base`); a note is sent only if its text
// differs from `acked`, and an edit names its base. A note changed on another console or
// browser meanwhile is refused by the server with both texts, shown here to keep yours, take
// theirs or merge by hand. After a save the editor starts a new note.
//
// The list follows the meeting: at each state document the page asks for its notes again,
// answered "nothing changed" (304) until something did, and then only what changed is redrawn,
// so focus, a "Move to" choice and a "Note on" choice stay as they were.

const DRAFT_MS = 1000;
const RETRY_MS = 2000;

function randomId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function consoleId() {
  let id = localStorage.getItem("moderator.console");
  if (!id) {
    id = randomId();
    localStorage.setItem("moderator.console", id);
  }
  return id;
}

const Desk = {
  console: consoleId(),
  key: null,
  // Notes this browser holds: being typed, queued, or refused; by id. A note is
  // {id, text, target, targetLabel, acked (the text the server acknowledged, null before),
  //  base (its revision), queued, conflict (both texts, when refused so)}.
  book: { notes: {}, order: [], current: null },
  desk: null, // the server's view of the item: its notes, interventions, documents, decisions
  tag: "", // the desk's ETag
  asking: false,
  askAgain: false,
  docAt: 0, // when the last state document arrived
  pending: null, // a "Note on" chosen before typing: {value, label}
  pumping: false,
  draftsSent: {},
  draftsPumping: false,
  deleted: [], // notes deleted from this page, for Ctrl+U
  selected: null, // the note last focused in the list
};
Desk.key = `moderator.notes.${Desk.console}`;

const $ = (id) => document.getElementById(id);

function persist() {
  localStorage.setItem(Desk.key, JSON.stringify(Desk.book));
}

function load() {
  try {
    const kept = JSON.parse(localStorage.getItem(Desk.key) || "null");
    if (kept && kept.notes) Desk.book = kept;
  } catch (error) {
    // A damaged entry is left in place for the person to see; the page starts afresh.
    localStorage.setItem(`${Desk.key}.damaged.${Date.now()}`, localStorage.getItem(Desk.key));
  }
}

function current() {
  return Desk.book.current ? Desk.book.notes[Desk.book.current] : null;
}

function changed(note) {
  return Boolean(note && note.text.trim() && note.text !== note.acked);
}

function title(text) {
  const first = (text || "").trim().split("\n")[0];
  return first.length > 50 ? `${first.slice(0, 50)}…` : first;
}

// What the status says is of one note (named beside it): the editor may hold another by then.
function setStatus(words, kind, note) {
  const status = $("status");
  status.textContent = words;
  status.className = `status ${kind || ""}`;
  $("status-note").textContent = note && words ? `“${title(note.text)}”` : "";
}

function refused(words) {
  const box = $("refused");
  box.textContent = words || "";
  box.hidden = !words;
}

function forget(id) {
  delete Desk.book.notes[id];
  Desk.book.order = Desk.book.order.filter((each) => each !== id);
  if (Desk.book.current === id) Desk.book.current = null;
}

// -- where a note goes ----------------------------------------------------------------------

function targetOptions() {
  const desk = Desk.desk;
  const options = [];
  if (desk) {
    for (const entry of desk.interventions) {
      options.push({ value: entry.id, label: `${entry.name} · ${entry.kind_label} · ${entry.started}` });
    }
  }
  options.push({ value: "", label: "the item as a whole" });
  return options;
}

function fillSelect(select, options) {
  const key = JSON.stringify(options);
  if (select.dataset.key === key) return;
  const value = select.value;
  select.dataset.key = key;
  select.replaceChildren(...options.map((o) => {
    const option = document.createElement("option");
    option.value = o.value;
    option.textContent = o.label;
    return option;
  }));
  select.value = value;
}

function floorNow() {
  return (Desk.desk && Desk.desk.floor_intervention) || "";
}

// The "Note on" choice: the note's own once typing began; before, a choice made there, else
// whoever has the floor (it follows the floor until the first keystroke).
function renderTarget() {
  const select = $("target");
  const note = current();
  const options = targetOptions();
  let wanted;
  let label = "";
  if (note) {
    wanted = note.target.intervention_id || "";
    label = note.targetLabel;
  } else if (Desk.pending) {
    wanted = Desk.pending.value;
    label = Desk.pending.label;
  } else {
    wanted = floorNow();
  }
  if (!options.some((o) => o.value === wanted)) {
    options.unshift({ value: wanted, label: label || "the intervention it was begun on" });
  }
  fillSelect(select, options);
  if (select.value !== wanted) select.value = wanted;
  // A saved note stays where it is: "Move" in the list moves it.
  const editing = Boolean(note && note.acked !== null);
  select.disabled = editing;
  $("retarget").disabled = editing;
  text("editor-title", editing ? "Editing a note" : "New note");
}

function chosenTarget() {
  const select = $("target");
  const item = Desk.desk && Desk.desk.item ? Desk.desk.item.id : null;
  const label = select.selectedOptions.length ? select.selectedOptions[0].textContent : "";
  return { target: { intervention_id: select.value || null, item_id: item }, label };
}

function onTarget() {
  const note = current();
  const { target, label } = chosenTarget();
  if (note) {
    note.target = target;
    note.targetLabel = label;
    persist();
  } else {
    Desk.pending = { value: target.intervention_id || "", label }; // kept until typing begins
  }
}

function retarget() {
  const note = current();
  if (note && note.acked !== null) {
    refused("An edited note stays where it is: Move in the list moves it.");
    return;
  }
  Desk.pending = null;
  if (note) {
    const floor = floorNow();
    const option = targetOptions().find((o) => o.value === floor);
    note.target = { intervention_id: floor || null, item_id: Desk.desk && Desk.desk.item ? Desk.desk.item.id : null };
    note.targetLabel = option ? option.label : "";
    persist();
  }
  renderTarget();
  $("text").focus();
}

// -- typing and saving ----------------------------------------------------------------------

// The first keystroke fixes what the note is on; the select can change it before saving.
function begin() {
  const { target, label } = chosenTarget();
  const note = { id: randomId(), text: "", target, targetLabel: label, acked: null, base: null,
    queued: false, conflict: null };
  Desk.book.notes[note.id] = note;
  Desk.book.order.push(note.id);
  Desk.book.current = note.id;
  Desk.pending = null;
  return note;
}

function onInput() {
  const text = $("text").value;
  let note = current();
  if (!note) {
    if (!text) return;
    note = begin();
  }
  note.text = text;
  persist();
  setStatus(note.acked === text ? "saved" : "not saved yet", note.acked === text ? "saved" : "", note);
  renderTarget();
}

// Send the open note if it changed since the server acknowledged it; never otherwise.
function sendOpen() {
  const note = current();
  if (!note) return;
  if (!changed(note)) {
    if (note.acked !== null && !note.queued && !note.conflict) forget(note.id);
    else if (!note.text.trim() && note.acked === null) forget(note.id);
    return;
  }
  note.queued = true;
  setStatus("saving…", "", note);
  pump();
}

// Ctrl+S, Ctrl+Enter, "Save", "New note": the open note is sent if it changed, and the editor
// starts a new note (the saved one is in the list: Edit opens it again).
function save() {
  sendOpen();
  Desk.book.current = null;
  persist();
  $("text").value = "";
  renderTarget();
  renderRecovered();
  $("text").focus();
}

function open(note) {
  if (Desk.book.current !== note.id) sendOpen();
  Desk.book.current = note.id;
  persist();
  const area = $("text");
  area.value = note.text;
  renderTarget();
  renderRecovered();
  area.focus();
  area.setSelectionRange(area.value.length, area.value.length); // new words go at the end
  if (note.conflict) showConflict(note);
  else setStatus(note.text === note.acked ? "" : "not saved yet", "", note);
}

// "Edit" on a note of the list: its text as this browser holds it, else as the server has it.
function edit(shown) {
  let note = Desk.book.notes[shown.id];
  if (!note) {
    note = { id: shown.id, text: shown.text, acked: shown.text, base: shown.revision,
      target: { intervention_id: shown.intervention_id, item_id: shown.item_id },
      targetLabel: shown.target, queued: false, conflict: null };
    Desk.book.notes[note.id] = note;
    Desk.book.order.push(note.id);
  }
  open(note);
}

async function post(url, body, method = "POST") {
  return fetch(url, {
    method,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ...body, console: Desk.console }),
    cache: "no-store",
  });
}

// Sends the queued saves one at a time, in the order they were made.
async function pump() {
  if (Desk.pumping) return;
  Desk.pumping = true;
  try {
    for (;;) {
      const id = Desk.book.order.find((each) => Desk.book.notes[each] && Desk.book.notes[each].queued);
      if (!id) break;
      const note = Desk.book.notes[id];
      const sent = note.text;
      let answer;
      try {
        answer = await post("/api/notes", { id, text: sent, target: note.target, base: note.base });
      } catch (error) {
        answer = null;
      }
      if (!answer || answer.status >= 500) {
        setStatus("not saved yet: kept here, sent when the connection returns", "queued", note);
        setTimeout(pump, RETRY_MS);
        return;
      }
      if (answer.status === 401) {
        setStatus("not saved: this link no longer works; the text stays in this browser", "queued", note);
        return;
      }
      let body = {};
      try { body = await answer.json(); } catch (error) { /* not JSON */ }
      note.queued = false;
      if (answer.status !== 200) {
        if (body.conflict) {
          note.conflict = body.conflict;
          persist();
          setStatus("not saved: changed meanwhile", "queued", note);
          showConflict(note);
          continue;
        }
        persist();
        setStatus("not saved", "", note);
        refused(`Not saved: ${body.error || `the server answered ${answer.status}`}`);
        continue;
      }
      refused("");
      note.acked = sent;
      note.base = body.revision;
      note.queued = note.text !== sent; // typed on while it was on its way: send again
      if (!note.queued && id !== Desk.book.current) forget(id);
      persist();
      delete Desk.draftsSent[id];
      setStatus("saved", "saved", note);
      renderRecovered();
      refreshDesk(true);
    }
  } finally {
    Desk.pumping = false;
  }
}

async function sendDrafts() {
  // One round at a time, and each draft marked sent with the text that went: a round still
  // on its way when the next tick comes would otherwise let an older text land after a newer.
  if (Desk.draftsPumping) return;
  Desk.draftsPumping = true;
  try {
    for (const id of Desk.book.order) {
      const note = Desk.book.notes[id];
      if (!note || note.text === note.acked || Desk.draftsSent[id] === note.text) continue;
      const text = note.text;
      try {
        const answer = await post(`/api/drafts/${id}`, { text, target: note.target }, "PUT");
        if (answer.ok) Desk.draftsSent[id] = text;
      } catch (error) {
        return; // offline: the text is in this browser's storage meanwhile
      }
    }
  } finally {
    Desk.draftsPumping = false;
  }
}

// -- a note changed meanwhile: both texts, and the rapporteur's choice ----------------------

function conflicted() {
  const note = current();
  if (note && note.conflict) return note;
  return Desk.book.order.map((id) => Desk.book.notes[id]).find((n) => n && n.conflict) || null;
}

function showConflict(note) {
  const box = $("conflict");
  const conflict = note ? note.conflict : null;
  box.hidden = !conflict;
  if (!conflict) return;
  box.dataset.note = note.id;
  text("conflict-words", `Meanwhile ${conflict.by} changed this note: yours was not saved. Keep yours, take theirs, or merge them by hand.`);
  text("conflict-by", `${conflict.by}'s (saved)`);
  text("conflict-mine", note.text);
  text("conflict-theirs", conflict.theirs);
}

function resolve(how) {
  const id = $("conflict").dataset.note;
  const note = Desk.book.notes[id];
  if (!note || !note.conflict) return;
  const conflict = note.conflict;
  note.conflict = null;
  // Theirs is seen now: whatever is saved next is written on it.
  note.base = conflict.revision;
  note.acked = conflict.theirs;
  if (how === "mine") {
    note.queued = changed(note);
    persist();
    setStatus("saving…", "", note);
    pump();
  } else if (how === "theirs") {
    const open = Desk.book.current === id;
    note.text = conflict.theirs;
    forget(id);
    persist();
    if (open) {
      $("text").value = "";
      renderTarget();
    }
    setStatus(`took ${conflict.by}'s text; yours was not saved`, "", note);
  } else {
    note.text = `${conflict.theirs}\n\n${note.text}`;
    persist();
    open(note);
    setStatus("both texts are in the editor: merge them, then save", "queued", note);
  }
  showConflict(conflicted());
  renderRecovered();
}

// -- the list, drawn from the desk, each note redrawn only when it changed ------------------

async function refreshDesk(force) {
  if (Desk.asking) {
    Desk.askAgain = true;
    return;
  }
  Desk.asking = true;
  const query = $("search").value.trim();
  try {
    const headers = force ? {} : { "If-None-Match": Desk.tag };
    const answer = await fetch(`/api/notes?q=${encodeURIComponent(query)}`, { cache: "no-store", headers });
    if (answer.status === 200) {
      Desk.tag = answer.headers.get("ETag") || "";
      Desk.desk = await answer.json();
      renderDesk();
    }
  } catch (error) {
    // offline: the list stays as it was
  } finally {
    Desk.asking = false;
    if (Desk.askAgain) {
      Desk.askAgain = false;
      refreshDesk(true);
    }
  }
}

function element(tag, className, words) {
  const made = document.createElement(tag);
  if (className) made.className = className;
  if (words !== undefined) made.textContent = words;
  return made;
}

function button(label, className, action) {
  const made = element("button", className, label);
  made.type = "button";
  made.addEventListener("click", action);
  return made;
}

async function act(id, action, target) {
  try {
    const answer = await post(`/api/notes/${id}/${action}`, { target });
    if (answer.status === 409) refused(`Not done: ${(await answer.json()).error}`);
    else if (!answer.ok) refused(`Not done: the server answered ${answer.status}`);
    else {
      refused("");
      if (action === "delete") Desk.deleted.push(id);
    }
  } catch (error) {
    refused(`Not done: no connection to the server (${action})`);
  }
  refreshDesk(true);
}

function shownNote(id) {
  return Desk.desk ? Desk.desk.notes.find((n) => n.id === id) : null;
}

function makeCard(id) {
  const card = element("li", "note");
  card.dataset.note = id;
  card.tabIndex = -1;
  const meta = element("div", "meta");
  meta.append(element("span", "when"), " → ", element("span", "where"), " · ", element("span", "by"));
  const actions = element("div", "actions");
  const move = element("select", "move-to");
  move.setAttribute("aria-label", "Move to");
  move.addEventListener("change", () => { card.dataset.chosen = move.value; });
  actions.append(
    button("Edit", "edit", () => edit(shownNote(id))),
    button("Revisions", "revisions", () => toggleRevisions(card)),
    move,
    button("Move", "move", () => {
      const shown = shownNote(id);
      delete card.dataset.chosen;
      act(id, "move", { intervention_id: move.value || null, item_id: shown ? shown.item_id : null });
    }),
    button("Delete", "delete", () => act(id, "delete")),
    button("Restore", "restore", () => act(id, "restore")),
  );
  const history = element("ol", "revision-list");
  history.hidden = true;
  card.append(meta, element("div", "body"), actions, history);
  card.addEventListener("focusin", () => { Desk.selected = id; });
  return card;
}

function updateCard(card, note, options) {
  const shown = JSON.stringify(note);
  if (card.shownKey !== shown) {
    const before = card.shownNote || null;
    card.shownKey = shown;
    card.shownNote = note;
    card.classList.toggle("deleted", note.deleted);
    card.querySelector(".when").textContent = note.updated;
    card.querySelector(".where").textContent = note.target;
    card.querySelector(".by").textContent = `by ${note.by}${note.version > 1 ? ` (version ${note.version})` : ""}`;
    card.querySelector(".body").textContent = note.text;
    for (const name of ["edit", "revisions", "move-to", "move", "delete"]) {
      card.querySelector(`.${name}`).hidden = note.deleted;
    }
    card.querySelector(".restore").hidden = !note.deleted;
    if (before && before.intervention_id !== note.intervention_id) delete card.dataset.chosen;
    if (before && before.revision !== note.revision && !card.querySelector(".revision-list").hidden) {
      loadRevisions(card);
    }
  }
  // The "Move to" choice stays what the rapporteur chose until Move (or the note moved).
  const move = card.querySelector(".move-to");
  const where = note.intervention_id || "";
  fillSelect(move, options.some((o) => o.value === where) ? options
    : [{ value: where, label: note.target }, ...options]);
  const wanted = card.dataset.chosen !== undefined ? card.dataset.chosen : (note.intervention_id || "");
  if (move.value !== wanted) move.value = wanted;
}

function place(list, items) {
  // Children in `items`' order, moving only what is out of place (a moved element loses focus).
  const focused = document.activeElement;
  items.forEach((item, index) => {
    if (list.children[index] !== item) list.insertBefore(item, list.children[index] || null);
  });
  while (list.children.length > items.length) list.lastElementChild.remove();
  if (focused && focused !== document.activeElement && document.contains(focused)) focused.focus();
}

function renderNotes(desk) {
  const list = $("notes");
  const cards = new Map([...list.children].map((card) => [card.dataset.note, card]));
  const options = targetOptions();
  const items = desk.notes.map((note) => {
    const card = cards.get(note.id) || makeCard(note.id);
    updateCard(card, note, options);
    return card;
  });
  place(list, items);
  $("notes-none").hidden = desk.notes.length > 0;
}

function renderInterventions(desk) {
  const list = $("interventions");
  const rows = new Map([...list.children].map((row) => [row.dataset.id, row]));
  const items = desk.interventions.map((entry) => {
    const own = desk.notes.filter((n) => !n.deleted && n.intervention_id === entry.id)
      .map((n) => n.text.split("\n")[0]);
    const shown = JSON.stringify([entry, own]);
    let row = rows.get(entry.id);
    if (!row) {
      row = element("li");
      row.dataset.id = entry.id;
    }
    if (row.shownKey !== shown) {
      row.shownKey = shown;
      row.className = entry.on_floor ? "on-floor" : "";
      const head = element("div", "", `${entry.started}  ${entry.name} · ${entry.kind_label}${entry.on_floor ? " · speaking" : ""}`);
      const notes = element("ul", "intervention-notes");
      notes.append(...own.map((line) => element("li", "", line)));
      row.replaceChildren(head, notes);
      if (entry.documents.length) row.append(element("div", "documents", `Documents: ${entry.documents.join(", ")}`));
    }
    return row;
  });
  place(list, items);
}

function renderRecord(desk) {
  const documents = desk.documents;
  const field = $("documents");
  const key = JSON.stringify(documents);
  if (field.dataset.key !== key) {
    const wasShown = field.dataset.shown || "";
    field.dataset.key = key;
    text("documents-whose", documents ? documents.whose : "nobody yet");
    const attached = documents ? documents.attached.join(", ") : "";
    // What is being typed there stays; an untouched field shows the symbols as they are now.
    if (field.value === wasShown) field.value = attached;
    field.dataset.shown = attached;
    const noted = documents && documents.noted.length ? `From notes (#doc): ${documents.noted.join(", ")}` : "";
    text("documents-noted", noted);
    $("documents-noted").hidden = !noted;
    field.disabled = !documents;
  }
  const decisions = $("decisions");
  const decided = JSON.stringify(desk.decisions);
  if (decisions.dataset.key !== decided) {
    decisions.dataset.key = decided;
    decisions.replaceChildren(...desk.decisions.map((d) => {
      const words = [d.symbol || (d.number ? `Decision No. ${d.number}` : "Decision"), d.text].filter(Boolean).join(" ");
      const row = element("li", "", words);
      if (d.statements.length) row.append(element("div", "hint", `Interpretative statements: ${d.statements.join(", ")}`));
      return row;
    }));
    $("decisions-none").hidden = desk.decisions.length > 0;
  }
}

function renderDesk() {
  const desk = Desk.desk;
  if (!desk) return;
  text("desk-title", desk.query ? `Notes found for “${desk.query}”` : "Notes on this item");
  renderNotes(desk);
  renderInterventions(desk);
  renderRecord(desk);
  if (Desk.pending && !targetOptions().some((o) => o.value === Desk.pending.value)) Desk.pending = null;
  renderTarget();
  followOpen(desk);
}

// An open note left unchanged takes the text another console gave it: nothing typed is in the
// way, and sending it would only be refused.
function followOpen(desk) {
  const note = current();
  if (!note || note.acked === null || note.queued || note.conflict || note.text !== note.acked) return;
  const shown = desk.notes.find((n) => n.id === note.id);
  if (!shown || shown.revision === note.base) return;
  note.text = note.acked = shown.text;
  note.base = shown.revision;
  persist();
  $("text").value = shown.text;
  setStatus(`changed by ${shown.by}: the new text is here`, "", note);
}

async function loadRevisions(card) {
  const list = card.querySelector(".revision-list");
  try {
    const answer = await fetch(`/api/notes/${card.dataset.note}/revisions`, { cache: "no-store" });
    if (!answer.ok) return;
    const { revisions } = await answer.json();
    list.replaceChildren(...revisions.map((r) => {
      const row = element("li", "revision");
      const head = element("div", "meta", `Version ${r.number}${r.current ? " (current)" : ""} · ${r.at} · by ${r.by}`);
      row.append(head, element("div", "body", r.text));
      return row;
    }));
  } catch (error) { /* offline: the list stays */ }
}

function toggleRevisions(card) {
  const list = card.querySelector(".revision-list");
  const toggle = card.querySelector(".revisions");
  list.hidden = !list.hidden;
  toggle.setAttribute("aria-expanded", String(!list.hidden));
  toggle.textContent = list.hidden ? "Revisions" : "Hide revisions";
  if (!list.hidden) loadRevisions(card);
}

// -- the record: documents and decisions, as the terminal's dialogs -----------------------

async function record(url, body, form) {
  try {
    const answer = await post(url, body);
    const said = await answer.json();
    if (!answer.ok) {
      refused(`Not recorded: ${said.error || answer.status}`);
      return false;
    }
    refused("");
    text("record-said", said.said || "Recorded.");
    if (form) form.reset();
    refreshDesk(true);
    return true;
  } catch (error) {
    refused("Not recorded: no connection to the server");
    return false;
  }
}

function saveDocuments(event) {
  event.preventDefault();
  const documents = Desk.desk && Desk.desk.documents;
  if (!documents) {
    refused("Nobody has spoken yet on this item: documents go with a speaker");
    return;
  }
  const field = $("documents");
  record("/api/notes/documents", { symbols: field.value, item_id: documents.item_id,
    intervention_id: documents.intervention_id }).then((done) => {
    if (done) field.dataset.shown = field.value;
  });
}

function recordDecision(event) {
  event.preventDefault();
  const value = (id) => $(id).value.trim();
  record("/api/notes/decisions", { number: value("decision-number"), symbol: value("decision-symbol"),
    text: value("decision-text"), statements: value("decision-statements") }, $("decision-form"));
}

// -- what was not saved: every note, reachable ---------------------------------------------

function unsavedNotes() {
  return Desk.book.order.map((id) => Desk.book.notes[id])
    .filter((note) => note && note.text.trim() && note.text !== note.acked && !note.queued);
}

function renderRecovered() {
  const unsaved = unsavedNotes();
  if (!unsaved.length) Desk.recovered = 0; // every note recovered is saved now
  const others = unsaved.filter((note) => note.id !== Desk.book.current);
  const box = $("recovered");
  box.hidden = !others.length && !Desk.recovered;
  if (box.hidden) return;
  const count = Desk.recovered ? unsaved.length : others.length;
  text("recovered-words", Desk.recovered
    ? `Recovered ${count} unsaved note${count === 1 ? "" : "s"} from this browser: nothing was lost. Save to record ${count === 1 ? "it" : "them"}.`
    : `${count} unsaved note${count === 1 ? "" : "s"} besides the one open: open one to save it.`);
  $("recovered-list").replaceChildren(...others.map((note) => {
    const row = element("li");
    row.append(button(`Open “${title(note.text)}”`, "open-unsaved", () => open(note)));
    return row;
  }));
}

async function recover() {
  load();
  // Notes kept by an older page had `savedText` for what the server acknowledged.
  for (const note of Object.values(Desk.book.notes)) {
    if (note.acked === undefined) note.acked = note.savedText === undefined ? null : note.savedText;
    if (note.base === undefined) note.base = null;
    if (note.conflict === undefined) note.conflict = null;
  }
  try {
    const answer = await fetch(`/api/drafts?console=${Desk.console}`, { cache: "no-store" });
    if (answer.ok) {
      for (const draft of await answer.json()) {
        if (Desk.book.notes[draft.id]) continue; // this browser's own copy is at least as new
        Desk.book.notes[draft.id] = { id: draft.id, text: draft.text, target: draft.target || {},
          targetLabel: "", acked: null, base: null, queued: false, conflict: null };
        Desk.book.order.push(draft.id);
      }
    }
  } catch (error) { /* offline: this browser's storage is enough */ }
  const unsaved = unsavedNotes();
  if (!Desk.book.current && unsaved.length) Desk.book.current = unsaved[unsaved.length - 1].id;
  const note = current();
  if (note) $("text").value = note.text;
  Desk.recovered = unsaved.length;
  persist();
  renderRecovered();
  setStatus(note ? (note.text === note.acked ? "saved" : "not saved yet") : "", "", note);
  showConflict(conflicted());
  pump();
}

// -- keys: the terminal's where the browser lets a page have them --------------------------

// Declared once: bound here and listed under "Keys" on the page. Ctrl+N and Ctrl+T never reach
// a page (the browser opens a window, a tab): Alt+N and Alt+T instead; Ctrl+R (reload) and
// Ctrl+O (open a file) stay the browser's, so documents and decisions are Alt+O and Alt+R.
const KEYS = [
  { keys: ["Ctrl+S", "Ctrl+Enter"], help: "Save the note and start a new one", run: () => save() },
  { keys: ["Alt+N"], help: "A new note (the open one is saved if it changed)", run: () => save() },
  { keys: ["Alt+T"], help: "The note goes to the speaker on the floor now", run: () => retarget() },
  { keys: ["Ctrl+F"], help: "Search the notes: words and #tags", run: () => $("search").focus() },
  { keys: ["Alt+O"], help: "The documents the speaker circulated", run: () => $("documents").focus() },
  { keys: ["Alt+R"], help: "Record a decision adopted under the item", run: () => $("decision-number").focus() },
  { keys: ["Escape"], in: "editor", help: "From the editor to the list of notes (the note stays)", run: () => focusList() },
  { keys: ["Enter"], in: "list", help: "Edit the selected note", run: (id) => edit(shownNote(id)) },
  { keys: ["Ctrl+G"], in: "list", help: "Move the selected note (choose where, then Move)", run: (id, card) => card.querySelector(".move-to").focus() },
  { keys: ["Ctrl+D"], in: "list", help: "Delete the selected note (Ctrl+U restores it)", run: (id) => act(id, "delete") },
  { keys: ["Ctrl+U"], in: "list", help: "Restore the note deleted last", run: () => restoreLast() },
  { keys: ["Ctrl+L"], in: "list", help: "Show every revision of the selected note", run: (id, card) => toggleRevisions(card) },
];

function keyName(event) {
  const key = event.code && event.code.startsWith("Key") ? event.code.slice(3) : event.key;
  return `${event.ctrlKey || event.metaKey ? "Ctrl+" : ""}${event.altKey ? "Alt+" : ""}${key}`;
}

function focusList() {
  const list = $("notes");
  const card = list.querySelector(`[data-note="${Desk.selected}"]`) || list.firstElementChild;
  if (card) card.focus();
  else $("search").focus();
}

function restoreLast() {
  const id = Desk.deleted.pop();
  if (id) act(id, "restore");
  else refused("No note deleted here to restore.");
}

function onKey(event) {
  const name = keyName(event);
  const card = event.target.closest ? event.target.closest("#notes .note") : null;
  for (const key of KEYS) {
    if (!key.keys.includes(name)) continue;
    if (key.in === "editor" && event.target !== $("text")) continue;
    if (key.in === "list" && (!card || (name === "Enter" && event.target !== card))) continue;
    event.preventDefault();
    key.run(card ? card.dataset.note : null, card);
    return;
  }
}

function listKeys() {
  $("keys").replaceChildren(...KEYS.flatMap((key) => [
    element("dt", "", key.keys.join(" or ")),
    element("dd", "", `${key.help}${key.in === "list" ? " (in the list)" : ""}`),
  ]));
}

// -- following the room --------------------------------------------------------------------

function follow(doc) {
  renderCountdown(doc, "");
  if (Room.receivedAt !== Desk.docAt) { // a document arrived: has anything of the notes changed?
    Desk.docAt = Room.receivedAt;
    refreshDesk(false);
  }
}

$("text").addEventListener("input", onInput);
$("target").addEventListener("change", onTarget);
$("retarget").addEventListener("click", retarget);
$("save").addEventListener("click", save);
$("new").addEventListener("click", save);
$("keep-mine").addEventListener("click", () => resolve("mine"));
$("take-theirs").addEventListener("click", () => resolve("theirs"));
$("merge").addEventListener("click", () => resolve("merge"));
$("search").addEventListener("input", () => refreshDesk(true));
$("documents-form").addEventListener("submit", saveDocuments);
$("decision-form").addEventListener("submit", recordDecision);
document.addEventListener("keydown", onKey);
window.addEventListener("online", pump);
setInterval(sendDrafts, DRAFT_MS);
listKeys();
recover();
startRoom(follow);
