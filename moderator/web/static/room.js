// The room's pages: one WebSocket carries the state document; the countdown ticks here, from
// the last document and the offset between the server's clock and this device's.
"use strict";

const STALE_MS = 5000; // after this long without a document, the page says it reconnects
const TICK_MS = 100;
const REVOKED_RETRY_MS = 10000;

const Room = {
  doc: null,
  receivedAt: 0, // this device's Date.now() when the document arrived
  offset: 0, // server time minus this device's time, in ms
  lastContact: 0,
  socket: null,
  retryMs: 250,
  renderers: [],
  revoked: false,
  ticking: null,
};

// Which page this is (<body class="page-podium">): the WebSocket and the state are asked for it,
// so that the server counts the socket against this page's own link.
const PAGE = (/(?:^|\s)page-([a-z]+)/.exec(document.body.className) || [])[1] || "";

function serverNow() {
  return Date.now() + Room.offset;
}

// The timer at this moment, computed as the server would (core/timer.py).
function timerNow(doc) {
  const t = doc.timer;
  const since = t.running ? Math.max(0, (Date.now() - Room.receivedAt) / 1000) : 0;
  const elapsed = t.elapsed + since;
  const remaining = t.allotted - elapsed;
  let state;
  if (!doc.floor) state = "idle";
  else if (!t.running && t.state === "idle") state = "idle";
  else if (remaining < 0) state = "overtime";
  else if (remaining <= t.warning) state = "warning";
  else state = t.running ? "running" : "paused";
  return { state, running: t.running, remaining, elapsed };
}

// m:ss, rounded up as on the terminal: 0:00 exactly at the end, overtime from -0:01.
function clockFace(seconds) {
  const whole = Math.ceil(Math.abs(seconds) - 1e-9);
  const sign = seconds < 0 && whole ? "-" : "";
  const minutes = Math.floor(whole / 60);
  const secs = String(whole % 60).padStart(2, "0");
  return `${sign}${minutes}:${secs}`;
}

function text(id, value) {
  const el = document.getElementById(id);
  if (el && el.textContent !== value) el.textContent = value;
  return el;
}

function show(id, visible) {
  const el = document.getElementById(id);
  if (el) el.hidden = !visible;
  return el;
}

const STATE_WORDS = {
  idle: "",
  running: "",
  paused: "PAUSED",
  warning: "TIME IS NEARLY UP",
  overtime: "TIME IS UP",
};

// The countdown block shared by the podium and the projector.
function renderCountdown(doc, prefix) {
  const timer = timerNow(doc);
  const box = document.getElementById(`${prefix}countdown`);
  if (!box) return timer;
  for (const state of Object.keys(STATE_WORDS)) box.classList.toggle(state, timer.state === state);
  box.classList.toggle("stopped", !timer.running);
  text(`${prefix}face`, doc.floor ? clockFace(timer.remaining) : "–:––");
  let words = STATE_WORDS[timer.state];
  if (doc.floor && !timer.running && timer.state !== "idle") words = "PAUSED";
  if (timer.state === "overtime") words = `${words === "PAUSED" ? "PAUSED · " : ""}TIME IS UP`;
  if (doc.suspended) words = words ? `${words} · ${doc.suspended.name} SUSPENDED` : `${doc.suspended.name} SUSPENDED`;
  text(`${prefix}words`, words);
  return timer;
}

function kindMark(entry) {
  if (entry.kind === "point-of-order") return "POINT OF ORDER";
  if (entry.kind === "right-of-reply") return "RIGHT OF REPLY";
  if (entry.kind === "question") return "Question";
  return "";
}

function speakerRow(entry, withTime) {
  const row = document.createElement("li");
  row.className = `speaker ${entry.kind}`;
  const position = document.createElement("span");
  position.className = "position";
  position.textContent = String(entry.position);
  const name = document.createElement("span");
  name.className = "name";
  name.textContent = entry.name;
  row.append(position, name);
  const mark = kindMark(entry);
  if (mark) {
    const badge = document.createElement("span");
    badge.className = "mark";
    badge.textContent = mark;
    row.append(badge);
  }
  if (withTime) {
    const time = document.createElement("span");
    time.className = "expected";
    time.textContent = entry.expected || "";
    row.append(time);
  }
  return row;
}

function renderList(id, speakers, limit, withTime) {
  const list = document.getElementById(id);
  if (!list) return;
  const shown = speakers.slice(0, limit);
  const key = JSON.stringify(shown);
  if (list.dataset.key === key) return;
  list.dataset.key = key;
  list.replaceChildren(...shown.map((entry) => speakerRow(entry, withTime)));
}

function renderBreak(doc) {
  const onBreak = Boolean(doc.break);
  document.body.classList.toggle("on-break", onBreak);
  show("break", onBreak);
  if (!onBreak) return;
  text("break-title", doc.break.title);
  text("break-resumes", doc.break.resumes ? `The meeting resumes at ${doc.break.resumes}` : "");
  const left = doc.break.resumes_at ? (Date.parse(doc.break.resumes_at) - serverNow()) / 1000 : null;
  text("break-face", left === null ? "" : clockFace(Math.max(0, left)));
}

function renderCommon(doc) {
  text("event", doc.event.title);
  text("item", doc.item ? doc.item.title : "No agenda item is open");
  text("speaker", doc.floor ? doc.floor.name : "The floor is open");
  text("kind", doc.floor && doc.floor.kind !== "statement" ? doc.floor.kind_label : "");
  show("list-closed", doc.list_closed);
  const message = doc.message ? doc.message.text : "";
  text("message-text", message);
  show("message", Boolean(message));
  document.body.classList.toggle("has-message", Boolean(message));
}

function render() {
  const doc = Room.doc;
  const stale = Room.revoked || !doc || Date.now() - Room.lastContact > STALE_MS;
  document.body.classList.toggle("stale", stale);
  document.body.classList.toggle("revoked", Room.revoked);
  show("connection", stale);
  text("connection", Room.revoked
    ? "This link no longer works: ask the secretariat for the new one."
    : "Reconnecting to the meeting…");
  if (!doc || Room.revoked) return; // a revoked page shows nothing more of the meeting
  renderCommon(doc);
  for (const renderer of Room.renderers) renderer(doc);
}

async function checkLink() {
  try {
    const answer = await fetch(`/api/state?page=${PAGE}`, { cache: "no-store" });
    if (answer.status === 401) revoke();
  } catch (error) {
    // the server is away: keep trying
  }
}

// The link was replaced: the countdown stops where it was and the page says why. The page
// keeps asking, slowly, in case this browser is given the new link in another tab.
function revoke() {
  Room.revoked = true;
  if (Room.ticking !== null) clearInterval(Room.ticking);
  Room.ticking = null;
  Room.retryMs = REVOKED_RETRY_MS;
  render();
}

function connect() {
  const scheme = location.protocol === "https:" ? "wss://" : "ws://";
  const socket = new WebSocket(`${scheme}${location.host}/ws?page=${PAGE}`);
  Room.socket = socket;
  socket.onmessage = (event) => {
    const doc = JSON.parse(event.data);
    Room.doc = doc;
    Room.receivedAt = Date.now();
    Room.offset = doc.server_ms - Room.receivedAt;
    Room.lastContact = Room.receivedAt;
    Room.retryMs = 250;
    if (Room.revoked) {
      Room.revoked = false;
      Room.ticking = setInterval(render, TICK_MS);
    }
    render();
  };
  socket.onclose = async () => {
    if (Room.socket !== socket) return;
    Room.socket = null;
    await checkLink();
    setTimeout(connect, Room.retryMs);
    if (!Room.revoked) Room.retryMs = Math.min(Room.retryMs * 2, 2000);
  };
}

function startRoom(...renderers) {
  Room.renderers = renderers;
  connect();
  Room.ticking = setInterval(render, TICK_MS);
  render();
}
