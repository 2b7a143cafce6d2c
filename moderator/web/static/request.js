"use strict";
// A delegation's own phone: it asks for the floor, sees where its requests stand, withdraws.
// A request's id is made here, so a request sent again (a retry on a poor network) is recorded
// once. A request the server did not confirm is never kept to be sent later: the page says it
// was not sent (and says "received" after all if it turns out to have arrived).
Room.surface = "delegation";
// A phone in a delegate's hand: the countdown in whole seconds, drawn twice a second, spares
// its battery (and a room of 57 of them their network's air time is the documents' alone).
Room.tickMs = 500;

const RETRY_MS = 700;
const SEND_MS = 8000; // how long a request is tried again before the page says it was not sent
// and how many times at least: on a busy server one attempt can take the whole window before
// it fails (the id makes a request sent again recorded once).
const SEND_TRIES = 3;

const Ask = {
  sending: false,
  unsure: new Set(), // ids sent without an answer: received after all if the document has them
  optionsKey: "",
  drawn: null, // the document last drawn in full
};

function randomId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function say(words, kind) {
  const box = text("sent", words);
  if (box) box.className = `sent ${kind || ""}`;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// POSTs `body` to `url`, again on a network failure or a busy server for a few seconds;
// the answer, or null when the server was not reached.
async function post(url, body) {
  const deadline = Date.now() + SEND_MS;
  for (let tries = 1; ; tries += 1) {
    if (!navigator.onLine) return null;
    try {
      const answer = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        cache: "no-store",
      });
      if (answer.status < 500 || answer.status === 501) return answer;
    } catch (error) {
      // not reached, or the answer was lost on the way: the same request again
    }
    if (tries >= SEND_TRIES && Date.now() + RETRY_MS > deadline) return null;
    await sleep(RETRY_MS);
  }
}

async function reason(answer) {
  try {
    return (await answer.json()).error || `the server answered ${answer.status}`;
  } catch (error) {
    return `the server answered ${answer.status}`;
  }
}

function chosen() {
  const desk = Room.doc && Room.doc.delegation;
  const body = {};
  const who = document.getElementById("who");
  if (!document.getElementById("who-label").hidden && who.value) body.who = who.value;
  const behalf = document.getElementById("behalf");
  if (!document.getElementById("behalf-label").hidden && behalf.value) {
    body.on_behalf = behalf.value;
    body.alignment = Array.from(document.querySelectorAll("#aligned input:checked"), (box) => box.value);
  }
  const on = document.getElementById("on-item");
  if (!document.getElementById("on-label").hidden && on.value && desk && desk.asking_on
      && on.value !== desk.asking_on.id) body.item_id = on.value;
  return body;
}

async function askFor(kind) {
  if (Ask.sending) return;
  if (!navigator.onLine) {
    say("Not sent: this phone is offline. Ask again once it is connected.", "error");
    return;
  }
  const id = randomId();
  Ask.sending = true;
  renderKinds(Room.doc);
  say("Sending…");
  try {
    const answer = await post("/api/request", { id, kind, ...chosen() });
    if (answer === null) {
      Ask.unsure.add(id);
      say("Not sent: no connection to the meeting. Ask again once connected.", "error");
    } else if (answer.ok) {
      say(`Received: ${(await answer.json()).words}`, "ok");
    } else if (answer.status === 401) {
      say("Not sent: this link no longer works. Ask the secretariat for your new card.", "error");
    } else {
      say(`Not done: ${await reason(answer)}`, "error");
    }
  } finally {
    Ask.sending = false;
    renderKinds(Room.doc);
  }
}

async function withdraw(request) {
  say("Withdrawing…");
  const answer = await post(`/api/request/${encodeURIComponent(request.id)}/withdraw`, {});
  if (answer === null) say("Not withdrawn: no connection to the meeting. Try again once connected.", "error");
  else if (answer.ok) say("Withdrawn", "ok");
  else say(`Not withdrawn: ${await reason(answer)}`, "error");
}

async function setRemote(event) {
  const remote = event.target.checked;
  const answer = await post("/api/request/remote", { remote });
  if (answer === null || !answer.ok) {
    event.target.checked = !remote;
    say(answer === null ? "Not saved: no connection to the meeting." : `Not saved: ${await reason(answer)}`, "error");
  }
}

function option(value, label) {
  const element = document.createElement("option");
  element.value = value;
  element.textContent = label;
  return element;
}

// The choices the request takes (who speaks, on whose behalf, alignment, on which item), drawn
// again only when they change, so a choice being made is never reset.
function renderOptions(desk) {
  const key = JSON.stringify([desk.speakers, desk.on_behalf, desk.alignment, desk.asking_on, desk.later_items]);
  if (key === Ask.optionsKey) return;
  Ask.optionsKey = key;
  const who = document.getElementById("who");
  who.replaceChildren(...desk.speakers.map((c) => option(c.id, c.name)));
  show("who-label", desk.speakers.length > 1);
  const behalf = document.getElementById("behalf");
  behalf.replaceChildren(option("", `${desk.name} alone`), ...desk.on_behalf.map((c) => option(c.id, c.name)));
  show("behalf-label", desk.on_behalf.length > 0);
  const aligned = document.getElementById("aligned");
  aligned.replaceChildren(...desk.alignment.map((c) => {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.value = c.id;
    label.append(box, ` ${c.name}`);
    return label;
  }));
  const on = document.getElementById("on-item");
  const items = [desk.asking_on, ...desk.later_items].filter(Boolean);
  on.replaceChildren(...items.map((item) => option(item.id, item.heading)));
  show("on-label", items.length > 1);
  renderAlignment();
}

function renderAlignment() {
  const behalf = document.getElementById("behalf");
  show("alignment", !document.getElementById("behalf-label").hidden && Boolean(behalf.value)
    && document.querySelectorAll("#aligned input").length > 0);
}

function renderKinds(doc) {
  const desk = doc && doc.delegation;
  const box = document.getElementById("kinds");
  if (!desk) return;
  const on = document.getElementById("on-item");
  const later = desk.asking_on && on.value && on.value !== desk.asking_on.id;
  // On a later item, its own kind only (the first offered): points of order and rights of
  // reply are made on the floor.
  const kinds = later ? desk.kinds.slice(0, 1) : desk.kinds;
  const key = JSON.stringify([kinds, Ask.sending]);
  if (box.dataset.key === key) return;
  box.dataset.key = key;
  box.replaceChildren(...kinds.map((entry) => {
    const b = document.createElement("button");
    b.type = "button";
    b.className = entry.kind;
    b.textContent = entry.label;
    b.disabled = Ask.sending;
    b.addEventListener("click", () => askFor(entry.kind));
    return b;
  }));
}

function renderOwn(desk) {
  const list = document.getElementById("own");
  const key = JSON.stringify(desk.requests);
  show("own-empty", desk.requests.length === 0);
  if (list.dataset.key === key) return;
  list.dataset.key = key;
  list.replaceChildren(...desk.requests.map((request) => {
    const row = document.createElement("li");
    row.className = request.standing;
    row.dataset.request = request.id;
    const what = document.createElement("span");
    what.className = "what";
    const standing = document.createElement("span");
    standing.className = "standing";
    standing.textContent = request.words;
    const on = desk.asking_on && request.item.id !== desk.asking_on.id ? ` · ${request.item.heading}` : "";
    what.append(standing, `${request.kind_label} · ${request.name}${on}`);
    row.append(what);
    if (request.withdrawable) {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = "Withdraw";
      b.setAttribute("aria-label", `Withdraw: ${request.kind_label}, ${request.words}`);
      b.addEventListener("click", () => withdraw(request));
      row.append(b);
    }
    return row;
  }));
  for (const request of desk.requests) {
    if (Ask.unsure.delete(request.id)) say(`Received after all: ${request.words}`, "ok");
  }
}

function follow(doc) {
  const timer = renderCountdown(doc, "");
  text("face", doc.floor ? clockFace(timer.remaining) : "");
  renderBreak(doc);
  // The rest changes only with a new document: not drawn again at every tick.
  if (doc === Ask.drawn) return;
  Ask.drawn = doc;
  const desk = doc.delegation;
  if (!desk) return;
  text("delegation", desk.name);
  document.getElementById("remote").checked = desk.remote;
  text("asking-on", desk.asking_on ? `On “${desk.asking_on.heading}”` : "No agenda item is in progress");
  const mode = desk.mode === "approve" ? "The chair approves each request before it joins the list" : "";
  text("mode", mode);
  show("mode", Boolean(mode));
  text("closed", desk.closed);
  show("closed", Boolean(desk.closed));
  renderOptions(desk);
  renderKinds(doc);
  renderOwn(desk);
  renderList("list", doc.speakers, doc.speakers.length, true, false);
  show("list-empty", doc.speakers.length === 0);
}

document.getElementById("remote").addEventListener("change", setRemote);
document.getElementById("behalf").addEventListener("change", renderAlignment);
document.getElementById("on-item").addEventListener("change", () => renderKinds(Room.doc));
window.addEventListener("offline", () => {
  if (Ask.sending) say("Not sent: this phone went offline. Ask again once it is connected.", "error");
});
startRoom(follow);
