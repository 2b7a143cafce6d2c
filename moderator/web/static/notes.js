"use strict";
// The rapporteur's page. Nothing typed is lost: a note's id is made here when typing begins;
// its text is kept in this browser's storage at every keystroke and sent as a draft every
// second; a saved note shows "saved" only once the server says it is on disk. Saves wait in a
// queue, in order, while the connection is down, and go out when it returns; sending a note
// twice records it once (the id).

const DRAFT_MS = 1000;
const RETRY_MS = 2000;
const DESK_MS = 5000;

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
  book: { notes: {}, order: [], current: null }, // what this browser has not seen saved yet
  desk: null,
  pumping: false,
  draftsSent: {},
  draftsPumping: false,
  floorKey: "",
};
Desk.key = `moderator.notes.${Desk.console}`;

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

function setStatus(text, kind) {
  const status = document.getElementById("status");
  status.textContent = text;
  status.className = `status ${kind || ""}`;
}

function refused(text) {
  const box = document.getElementById("refused");
  box.textContent = text || "";
  box.hidden = !text;
}

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

function renderTarget() {
  const select = document.getElementById("target");
  const note = current();
  const options = targetOptions();
  const wanted = note ? (note.target.intervention_id || "")
    : (Desk.desk && Desk.desk.floor_intervention) || "";
  if (note && !options.some((o) => o.value === wanted)) {
    options.unshift({ value: wanted, label: note.targetLabel || "the intervention it was begun on" });
  }
  const key = JSON.stringify(options);
  if (select.dataset.key !== key) {
    select.dataset.key = key;
    select.replaceChildren(...options.map((o) => {
      const option = document.createElement("option");
      option.value = o.value;
      option.textContent = o.label;
      return option;
    }));
  }
  select.value = wanted;
}

function chosenTarget() {
  const select = document.getElementById("target");
  const item = Desk.desk && Desk.desk.item ? Desk.desk.item.id : null;
  const label = select.selectedOptions.length ? select.selectedOptions[0].textContent : "";
  return { target: { intervention_id: select.value || null, item_id: item }, label };
}

// The first keystroke fixes what the note is on; the select can change it before saving.
function begin() {
  const { target, label } = chosenTarget();
  const note = { id: randomId(), text: "", target, targetLabel: label, savedText: null, queued: false };
  Desk.book.notes[note.id] = note;
  Desk.book.order.push(note.id);
  Desk.book.current = note.id;
  return note;
}

function onInput() {
  const text = document.getElementById("text").value;
  let note = current();
  if (!note) {
    if (!text) return;
    note = begin();
  }
  note.text = text;
  persist();
  setStatus(note.savedText === text ? "saved" : "not saved yet", note.savedText === text ? "saved" : "");
  renderTarget();
}

function onTarget() {
  const note = current();
  if (!note) return;
  const { target, label } = chosenTarget();
  note.target = target;
  note.targetLabel = label;
  persist();
}

function save() {
  const note = current();
  if (!note || !note.text.trim()) return;
  note.queued = true;
  persist();
  setStatus("saving…");
  pump();
}

function newNote() {
  save();
  Desk.book.current = null;
  persist();
  document.getElementById("text").value = "";
  setStatus("");
  renderTarget();
  document.getElementById("text").focus();
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
        answer = await post("/api/notes", { id, text: sent, target: note.target });
      } catch (error) {
        answer = null;
      }
      if (!answer || answer.status >= 500) {
        if (id === Desk.book.current) setStatus("not saved yet: kept here, sent when the connection returns", "queued");
        setTimeout(pump, RETRY_MS);
        return;
      }
      if (answer.status === 401) {
        setStatus("not saved: this link no longer works; the text stays in this browser", "queued");
        return;
      }
      if (answer.status !== 200) {
        let reason = `the server refused the note (${answer.status})`;
        try { reason = (await answer.json()).error || reason; } catch (error) { /* text */ }
        note.queued = false;
        persist();
        if (id === Desk.book.current) setStatus("not saved", "");
        refused(`Not saved: ${reason}`);
        continue;
      }
      refused("");
      note.savedText = sent;
      note.queued = note.text !== sent; // typed on while it was on its way: send again
      if (!note.queued && id !== Desk.book.current) {
        delete Desk.book.notes[id];
        Desk.book.order = Desk.book.order.filter((each) => each !== id);
      }
      persist();
      delete Desk.draftsSent[id];
      if (id === Desk.book.current && note.text === sent) setStatus("saved", "saved");
      refreshDesk();
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
      if (!note || note.text === note.savedText || Desk.draftsSent[id] === note.text) continue;
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

async function refreshDesk() {
  const query = document.getElementById("search").value.trim();
  try {
    const answer = await fetch(`/api/notes?q=${encodeURIComponent(query)}`, { cache: "no-store" });
    if (!answer.ok) return;
    Desk.desk = await answer.json();
  } catch (error) {
    return;
  }
  renderDesk();
}

function button(label, action) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = label;
  b.addEventListener("click", action);
  return b;
}

async function act(note, action, target) {
  try {
    const answer = await post(`/api/notes/${note.id}/${action}`, { target });
    if (answer.status === 409) refused(`Not done: ${(await answer.json()).error}`);
    else if (!answer.ok) refused(`Not done: the server answered ${answer.status}`);
    else refused("");
  } catch (error) {
    refused(`Not done: no connection to the server (${action})`);
  }
  refreshDesk();
}

function edit(note) {
  const mine = Desk.book.notes[note.id] || {
    id: note.id, text: note.text, savedText: note.text, queued: false,
    target: { intervention_id: note.intervention_id, item_id: note.item_id }, targetLabel: note.target,
  };
  if (!Desk.book.notes[note.id]) {
    Desk.book.notes[note.id] = mine;
    Desk.book.order.push(note.id);
  }
  if (current() && current().id !== note.id) save();
  Desk.book.current = note.id;
  persist();
  document.getElementById("text").value = mine.text;
  setStatus(mine.text === mine.savedText ? "saved" : "not saved yet", mine.text === mine.savedText ? "saved" : "");
  renderTarget();
}

function renderDesk() {
  const desk = Desk.desk;
  if (!desk) return;
  text("desk-title", desk.query ? `Notes found for “${desk.query}”` : "Notes on this item");
  const list = document.getElementById("notes");
  list.replaceChildren(...desk.notes.map((note) => {
    const row = document.createElement("li");
    row.className = `note${note.deleted ? " deleted" : ""}`;
    row.dataset.note = note.id;
    const meta = document.createElement("div");
    meta.className = "meta";
    meta.textContent = `${note.updated} → ${note.target}`;
    const body = document.createElement("div");
    body.className = "body";
    body.textContent = note.text;
    const actions = document.createElement("div");
    actions.className = "actions";
    if (note.deleted) {
      actions.append(button("Restore", () => act(note, "restore")));
    } else {
      const move = document.createElement("select");
      move.setAttribute("aria-label", "Move to");
      for (const option of targetOptions()) {
        const element = document.createElement("option");
        element.value = option.value;
        element.textContent = option.label;
        move.append(element);
      }
      move.value = note.intervention_id || "";
      actions.append(button("Edit", () => edit(note)), move,
        button("Move", () => act(note, "move", { intervention_id: move.value || null, item_id: note.item_id })),
        button("Delete", () => act(note, "delete")));
    }
    row.append(meta, body, actions);
    return row;
  }));
  const interventions = document.getElementById("interventions");
  interventions.replaceChildren(...desk.interventions.map((entry) => {
    const row = document.createElement("li");
    row.className = entry.on_floor ? "on-floor" : "";
    const title = document.createElement("div");
    title.textContent = `${entry.started}  ${entry.name} · ${entry.kind_label}`;
    const own = document.createElement("ul");
    own.className = "intervention-notes";
    own.replaceChildren(...desk.notes.filter((n) => !n.deleted && n.intervention_id === entry.id)
      .map((n) => {
        const line = document.createElement("li");
        line.textContent = n.text.split("\n")[0];
        return line;
      }));
    row.append(title, own);
    return row;
  }));
  renderTarget();
}

async function recover() {
  load();
  let offered = 0;
  try {
    const answer = await fetch(`/api/drafts?console=${Desk.console}`, { cache: "no-store" });
    if (answer.ok) {
      for (const draft of await answer.json()) {
        if (Desk.book.notes[draft.id]) continue; // this browser's own copy is at least as new
        Desk.book.notes[draft.id] = { id: draft.id, text: draft.text, target: draft.target || {},
          targetLabel: "", savedText: null, queued: false };
        Desk.book.order.push(draft.id);
      }
    }
  } catch (error) { /* offline: this browser's storage is enough */ }
  const unsaved = Desk.book.order.filter((id) => {
    const note = Desk.book.notes[id];
    return note && note.text && note.text !== note.savedText;
  });
  if (!Desk.book.current && unsaved.length) Desk.book.current = unsaved[unsaved.length - 1];
  const note = current();
  if (note) {
    document.getElementById("text").value = note.text;
    offered = unsaved.length;
  }
  persist();
  const box = document.getElementById("recovered");
  box.hidden = !offered;
  box.textContent = offered ? `Recovered ${offered} unsaved note${offered === 1 ? "" : "s"} from this browser: nothing was lost. Save to record ${offered === 1 ? "it" : "them"}.` : "";
  setStatus(note ? (note.text === note.savedText ? "saved" : "not saved yet") : "");
  pump();
}

function follow(doc) {
  renderCountdown(doc, "");
  const key = JSON.stringify([doc.item, doc.floor, doc.suspended]);
  if (key !== Desk.floorKey) {
    Desk.floorKey = key;
    refreshDesk();
  }
}

document.getElementById("text").addEventListener("input", onInput);
document.getElementById("target").addEventListener("change", onTarget);
document.getElementById("save").addEventListener("click", save);
document.getElementById("new").addEventListener("click", newNote);
document.getElementById("search").addEventListener("input", () => refreshDesk());
document.addEventListener("keydown", (event) => {
  if ((event.ctrlKey || event.metaKey) && event.key === "s") {
    event.preventDefault();
    save();
  } else if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
    event.preventDefault();
    newNote();
  }
});
window.addEventListener("online", pump);
setInterval(sendDrafts, DRAFT_MS);
setInterval(refreshDesk, DESK_MS);
recover();
startRoom(follow);
