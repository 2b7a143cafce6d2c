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
  surface: "", // the room view's name for this page ("podium", "projector", "phones")
  shortNames: false, // long alignment clauses counted, where room is short
  announcedPhase: "", // the last countdown phase said to screen readers
  announcedNotice: "", // the last notices said to them (suspension, break, list closed)
  tickMs: TICK_MS, // how often the countdown is drawn between documents
  drawnStale: null, // whether the page last drew itself out of contact
  counted: null, // the time spoken this page last showed, and the server's count it came from
  drawnMinute: null, // the minute of the server's clock it last drew (the time of day)
};

// Which page this is (<body class="page-podium">): the WebSocket and the state are asked for it,
// so that the server counts the socket against this page's own link.
const PAGE = (/(?:^|\s)page-([a-z]+)/.exec(document.body.className) || [])[1] || "";

function serverNow() {
  return Date.now() + Room.offset;
}

// The timer at this moment, computed as the server would (core/timer.py).
//
// A running countdown never goes back for the same speaker on the same time: a document late on
// its way (a stalled network, a heartbeat made a moment before) says less time spoken than this
// device has already counted on from the one before; it would take the face back a second and
// say "nearly up" again after "up". Only the server's own count going back (another intervention,
// an undo) or a paused timer (the server's count is then the truth) takes it back.
function timerNow(doc) {
  const t = doc.timer;
  const since = t.running ? Math.max(0, (Date.now() - Room.receivedAt) / 1000) : 0;
  let elapsed = t.elapsed + since;
  const key = doc.floor ? `${doc.floor.name}|${doc.floor.kind}|${t.allotted}` : "";
  const counted = Room.counted;
  if (t.running && counted && counted.key === key && t.elapsed >= counted.serverElapsed) {
    elapsed = Math.max(elapsed, counted.elapsed);
  }
  Room.counted = { key, serverElapsed: t.elapsed, elapsed };
  const remaining = t.allotted - elapsed;
  let state;
  if (!doc.floor) state = "idle";
  else if (!t.running && t.state === "idle") state = "idle";
  else if (remaining < 0) state = "overtime";
  else if (remaining <= t.warning) state = "warning";
  else state = t.running ? "running" : "paused";
  return { state, running: t.running, remaining, elapsed };
}

// m:ss, rounded up as on the terminal: 0:00 exactly at the end, overtime from -0:01. With
// `hours`, an hour or more reads h:mm:ss (a 90-minute break is 1:29:53, not 89:53).
function clockFace(seconds, hours) {
  const whole = Math.ceil(Math.abs(seconds) - 1e-9);
  const sign = seconds < 0 && whole ? "-" : "";
  const minutes = Math.floor(whole / 60);
  const secs = String(whole % 60).padStart(2, "0");
  if (hours && minutes >= 60) {
    return `${sign}${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}:${secs}`;
  }
  return `${sign}${minutes}:${secs}`;
}

// The time of day in the meeting's time zone, from the server's clock. The formatter is made
// once per time zone (making one costs more than the rest of a tick's drawing).
const dayClocks = new Map();

function timeOfDay(doc) {
  try {
    let format = dayClocks.get(doc.timezone);
    if (format === undefined) {
      format = new Intl.DateTimeFormat("en-GB", { timeZone: doc.timezone, hour: "2-digit",
        minute: "2-digit", hourCycle: "h23" });
      dayClocks.set(doc.timezone, format);
    }
    return format.format(new Date(serverNow()));
  } catch (error) {
    return "";
  }
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

const NOBODY = "Nobody has the floor";
// The kinds named in words beside a name (a statement needs none).
const KIND_MARKS = {
  "point-of-order": "POINT OF ORDER",
  "right-of-reply": "RIGHT OF REPLY",
  question: "QUESTION",
  scheduled: "",
  statement: "",
};

// What the line under the countdown says: every phase but running in words.
function timerWords(timer) {
  if (timer.state === "idle" || timer.state === "running") return "";
  const up = { warning: "TIME IS NEARLY UP", overtime: "TIME IS UP", paused: "" }[timer.state];
  if (!timer.running) return up ? `PAUSED · ${up}` : "PAUSED";
  return up;
}

// Said once when the countdown reaches the warning time and once when time is up (role=status).
function announce(timer) {
  const phase = timer.state === "warning" || timer.state === "overtime" ? timer.state : "";
  if (phase === Room.announcedPhase) return;
  Room.announcedPhase = phase;
  if (phase === "warning") text("announce", "Time is nearly up.");
  else if (phase === "overtime") text("announce", "Time is up.");
}

// The countdown block shared by the pages.
function renderCountdown(doc, prefix) {
  const timer = timerNow(doc);
  const box = document.getElementById(`${prefix}countdown`);
  if (!box) return timer;
  for (const state of ["idle", "running", "paused", "warning", "overtime"]) {
    box.classList.toggle(state, timer.state === state);
  }
  box.classList.toggle("stopped", !timer.running);
  text(`${prefix}face`, doc.floor ? clockFace(timer.remaining) : "–:––");
  text(`${prefix}words`, doc.floor ? timerWords(timer) : "");
  if (doc.floor) announce(timer);
  else Room.announcedPhase = "";
  return timer;
}

// What a face's width depends on: its digits are tabular (all as wide), its signs and colons
// are not, so "-6:47:07" and "15:27:53" (as long) are fitted apart.
function faceShape(face) {
  return face.textContent.replace(/\d/g, "0");
}

// Digits as large as the style allows, smaller when they would not fit the width of `boxId`
// (a 1:29:53 break, an overtime of -10:00): a countdown is never cut.
function fitWidth(faceId, boxId) {
  const face = document.getElementById(faceId);
  const box = document.getElementById(boxId);
  if (!face || !box || !box.getClientRects().length) return;
  const key = `${faceShape(face)}|${box.clientWidth}x${box.clientHeight}`;
  if (face.dataset.fitted === key) return;
  face.dataset.fitted = key;
  face.style.fontSize = "";
  const room = box.clientWidth - parseFloat(getComputedStyle(box).paddingLeft)
    - parseFloat(getComputedStyle(box).paddingRight);
  const range = document.createRange();
  range.selectNodeContents(face);
  const wide = range.getBoundingClientRect().width;
  if (wide > room) {
    const size = parseFloat(getComputedStyle(face).fontSize);
    face.style.fontSize = `${Math.floor((size * room * 0.97) / wide)}px`;
  }
}

function speakerRow(entry, withTime, short) {
  const row = document.createElement("li");
  row.className = `speaker ${entry.kind}${entry.resumes ? " resumes" : ""}`;
  const position = document.createElement("span");
  position.className = "position";
  position.textContent = entry.position === null ? "↩" : String(entry.position);
  const name = document.createElement("span");
  name.className = "name";
  name.textContent = short ? entry.short_name : entry.name;
  row.append(position, name);
  const mark = entry.resumes ? "RESUMES" : KIND_MARKS[entry.kind];
  if (mark) {
    const badge = document.createElement("span");
    badge.className = "mark";
    badge.textContent = mark;
    row.append(badge);
  }
  if (entry.remote) {
    // A delegation following the meeting remotely, said in words.
    const badge = document.createElement("span");
    badge.className = "mark remote";
    badge.textContent = "REMOTE";
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

function renderList(id, speakers, limit, withTime, short) {
  const list = document.getElementById(id);
  if (!list) return;
  const shown = speakers.slice(0, limit);
  const key = JSON.stringify([shown, short]);
  if (list.dataset.key === key) return;
  list.dataset.key = key;
  list.replaceChildren(...shown.map((entry) => speakerRow(entry, withTime, short)));
}

// "at 11:00" for a time of day, "on Friday 09:30" for a moment on another day (as the room view
// writes them: HH:MM, or a day first).
function atOrOn(moment) {
  return /^\d/.test(moment) ? `at ${moment}` : `on ${moment}`;
}

// "The meeting resumes at 09:30" (or "on Friday 09:30" after an adjournment).
function resumesWords(resumes) {
  return resumes ? `The meeting resumes ${atOrOn(resumes)}` : "";
}

// "Adjourned until Friday 09:30" while the meeting is adjourned, else "".
function adjournedWords(doc) {
  const recess = doc.recess;
  if (!recess || recess.kind !== "adjournment" || !recess.resumes) return "";
  return `Adjourned until ${recess.resumes}`;
}

function renderBreak(doc) {
  const recess = doc.recess;
  document.body.classList.toggle("on-break", Boolean(recess));
  show("break", Boolean(recess));
  show("on-floor", !recess);
  if (!recess) return;
  text("break-title", recess.title);
  const left = recess.resumes_at ? (Date.parse(recess.resumes_at) - serverNow()) / 1000 : null;
  text("break-face", left === null ? "" : clockFace(left, true));
  let resumes = resumesWords(recess.resumes);
  if (left !== null && left < 0) resumes += ` · ${clockFace(-left, true)} overdue`;
  text("break-resumes", resumes);
  text("break-next", doc.next_item ? `Next: ${doc.next_item.heading}` : "");
}

// "SITTING SUSPENDED since 09:12 · resumes at 10:00" (the last part when the chair said it;
// "resumes on Friday 09:30" on another day).
function sittingWords(doc) {
  const sitting = doc.sitting_suspended;
  if (!sitting) return "";
  let words = `SITTING SUSPENDED since ${sitting.since}`;
  if (sitting.resumes) words += ` · resumes ${atOrOn(sitting.resumes)}`;
  return words;
}

// Said once to screen readers when it begins or changes: the sitting suspended, a break, the
// list closed (the time warnings are said by `announce`).
function announceNotices(doc) {
  const recess = doc.recess ? `${doc.recess.title}. ${resumesWords(doc.recess.resumes)}` : "";
  const notices = [sittingWords(doc), recess, doc.list_closed ? "LIST CLOSED" : ""];
  const notice = notices.filter(Boolean).join(". ");
  if (notice === Room.announcedNotice) return;
  Room.announcedNotice = notice;
  if (notice) text("announce", notice);
}

function renderCommon(doc) {
  const short = Room.shortNames;
  text("event", doc.event.title);
  // Adjourned, no item is open: the heading says until when (the notes page has no countdown).
  text("item", doc.item ? doc.item.heading : adjournedWords(doc) || "No agenda item is open");
  text("time-of-day", timeOfDay(doc));
  text("speaker", doc.floor ? (short ? doc.floor.short_name : doc.floor.name) : NOBODY);
  const mark = doc.floor ? KIND_MARKS[doc.floor.kind] : "";
  text("kind", mark);
  show("kind", Boolean(mark));
  show("remote-mark", Boolean(doc.floor && doc.floor.remote));
  const sitting = sittingWords(doc);
  text("sitting", sitting);
  show("sitting", Boolean(sitting));
  const resumes = doc.suspended
    ? `${short ? doc.suspended.short_name : doc.suspended.name} resumes after the point of order`
    : "";
  text("resumes", resumes);
  show("resumes", Boolean(resumes));
  show("list-closed", doc.list_closed);
  // The chair's message only where the room view says it may be seen.
  const message = doc.message && doc.message.shown_on.includes(Room.surface) ? doc.message.text : "";
  text("message-text", message);
  show("message", Boolean(message));
  document.body.classList.toggle("has-message", Boolean(message));
  announceNotices(doc);
}

// Does anything the page shows move with time alone: a countdown running, a break's time to
// the resumption? (The time of day and the loss of contact are looked at by `tick` itself.)
function moving(doc) {
  return Boolean((doc.floor && doc.timer.running) || (doc.recess && doc.recess.resumes_at));
}

// Between documents: drawn again only when something shown moves, the minute of the time of
// day turns, or contact is lost. A room of phones with nobody speaking is drawn at each document
// and not twice a second as well (their batteries; and a machine showing many of them).
function tick() {
  const doc = Room.doc;
  const stale = Room.revoked || !doc || Date.now() - Room.lastContact > STALE_MS;
  if (doc && stale === Room.drawnStale && !moving(doc)
      && Math.floor(serverNow() / 60000) === Room.drawnMinute) return;
  render();
}

function render() {
  const doc = Room.doc;
  const stale = Room.revoked || !doc || Date.now() - Room.lastContact > STALE_MS;
  Room.drawnStale = stale;
  Room.drawnMinute = Math.floor(serverNow() / 60000);
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
      Room.ticking = setInterval(tick, Room.tickMs);
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
  Room.ticking = setInterval(tick, Room.tickMs);
  render();
}
