"use strict";
// The podium: the speaker's own countdown, as large as the screen allows; the chair's message;
// during a break, the countdown to the resumption. A tablet here must not sleep mid-statement.
const FILL = 0.94; // of the width and height the countdown may take
Room.surface = "podium";
Room.shortNames = true;

function fitFace(faceId, boxId, wordsIds) {
  const face = document.getElementById(faceId);
  const box = document.getElementById(boxId);
  if (!face || !box || box.hidden) return;
  const below = wordsIds.map((id) => document.getElementById(id)).filter(Boolean);
  const key = `${faceShape(face)}|${box.clientWidth}x${box.clientHeight}`;
  if (face.dataset.fitted === key) return;
  face.dataset.fitted = key;
  face.style.fontSize = "100px";
  const width = face.scrollWidth || 1;
  const height = face.scrollHeight || 1;
  const room = box.clientHeight - below.reduce((sum, el) => sum + el.offsetHeight, 0);
  const scale = Math.min((box.clientWidth * FILL) / width, (Math.max(room, 0) * FILL) / height);
  face.style.fontSize = `${Math.max(24, Math.floor(100 * scale))}px`;
}

function fitFaces() {
  fitFace("face", "countdown", ["words"]);
  fitFace("break-face", "break", ["break-title", "break-resumes", "break-next"]);
}

// The Screen Wake Lock API (a secure context: https, or this machine); said in words either way.
async function keepAwake() {
  if (!("wakeLock" in navigator)) {
    text("wake", "This browser cannot keep the screen on: set the tablet's display not to sleep");
    return;
  }
  if (Room.wakeLock && !Room.wakeLock.released) return;
  try {
    Room.wakeLock = await navigator.wakeLock.request("screen");
    text("wake", "The screen stays on");
    Room.wakeLock.addEventListener("release", () => text("wake", "The screen may sleep"));
  } catch (error) {
    text("wake", "The screen may sleep: press Full screen to keep it on");
  }
}

function toggleFullScreen() {
  if (document.fullscreenElement) document.exitFullscreen();
  else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen();
  keepAwake();
}

document.getElementById("fullscreen").addEventListener("click", toggleFullScreen);
document.addEventListener("fullscreenchange", () => {
  text("fullscreen", document.fullscreenElement ? "Leave full screen" : "Full screen");
});
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible") keepAwake();
});
keepAwake();

startRoom((doc) => {
  renderCountdown(doc, "");
  renderBreak(doc);
  fitFaces();
});
window.addEventListener("resize", fitFaces);
