"use strict";
// The podium: the speaker's own countdown, as large as the screen allows.
const FILL = 0.94; // of the width and height the countdown may take

function fitFace() {
  const face = document.getElementById("face");
  const box = document.getElementById("countdown");
  const words = document.getElementById("words");
  if (!face || !box) return;
  const key = `${face.textContent.length}|${box.clientWidth}x${box.clientHeight}`;
  if (face.dataset.fitted === key) return;
  face.dataset.fitted = key;
  face.style.fontSize = "100px";
  const width = face.scrollWidth || 1;
  const height = face.scrollHeight || 1;
  const room = box.clientHeight - (words ? words.offsetHeight : 0);
  const scale = Math.min((box.clientWidth * FILL) / width, (room * FILL) / height);
  face.style.fontSize = `${Math.max(24, Math.floor(100 * scale))}px`;
}

startRoom((doc) => {
  renderCountdown(doc, "");
  fitFace();
});
window.addEventListener("resize", fitFace);
