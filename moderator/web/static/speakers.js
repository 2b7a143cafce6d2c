"use strict";
// The delegates' phones: the whole list with positions and expected times (names in full).
Room.surface = "phones";
startRoom((doc) => {
  const timer = renderCountdown(doc, "");
  text("face", doc.floor ? clockFace(timer.remaining) : "");
  renderList("list", doc.speakers, doc.speakers.length, true, false);
  show("list-empty", doc.speakers.length === 0);
  renderBreak(doc);
});
