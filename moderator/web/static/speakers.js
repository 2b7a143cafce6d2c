"use strict";
// The delegates' phones: the whole list with positions and expected times.
startRoom((doc) => {
  const timer = renderCountdown(doc, "");
  text("face", doc.floor ? clockFace(timer.remaining) : "");
  renderList("list", doc.speakers, doc.speakers.length, true);
  show("list-empty", doc.speakers.length === 0);
  renderBreak(doc);
});
