"use strict";
// The projector: the item, the speaker with the countdown, who speaks next, the next item.
// Nothing is hidden without saying so: the list shortens from the bottom with "and N more",
// and points of order, rights of reply and the speaker who resumes are never the ones left out.
Room.surface = "projector";
Room.shortNames = true;

function kept(entry) {
  return entry.resumes || entry.kind === "point-of-order" || entry.kind === "right-of-reply";
}

function moreRow(count) {
  const row = document.createElement("li");
  row.className = "more";
  row.textContent = `and ${count} more`;
  return row;
}

// The rows with the first `ordinary` of the others; the hidden ones counted where they are.
function rowsFor(speakers, ordinary) {
  const rows = [];
  let seen = 0;
  let hidden = 0;
  let gap = -1;
  for (const entry of speakers) {
    if (!kept(entry) && ++seen > ordinary) {
      if (!hidden) gap = rows.length;
      hidden += 1;
      continue;
    }
    rows.push(speakerRow(entry, false, true));
  }
  if (hidden) rows.splice(gap, 0, moreRow(hidden));
  return rows;
}

function fitNext(speakers) {
  const list = document.getElementById("next");
  const box = document.getElementById("next-speakers");
  const key = `${JSON.stringify(speakers.map((e) => [e.position, e.short_name, e.kind, e.resumes]))}|${box.clientWidth}x${box.clientHeight}`;
  if (list.dataset.key === key) return;
  list.dataset.key = key;
  const fits = (count) => {
    list.replaceChildren(...rowsFor(speakers, count));
    return box.scrollHeight <= box.clientHeight + 1;
  };
  const ordinary = speakers.filter((entry) => !kept(entry)).length;
  box.classList.remove("dense");
  if (fits(ordinary)) return;
  if (!fits(0)) box.classList.add("dense"); // many points of order and replies: smaller rows
  let low = 0;
  let high = ordinary - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle - 1;
  }
  fits(low);
}

startRoom((doc) => {
  renderCountdown(doc, "");
  renderBreak(doc);
  fitWidth("face", "on-floor");
  fitWidth("break-face", "break");
  fitNext(doc.speakers);
  show("next-empty", doc.speakers.length === 0);
  text("next-item", doc.next_item ? `Next item: ${doc.next_item.heading}` : "The last item of the agenda");
});
