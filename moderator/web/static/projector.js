"use strict";
// The projector: the item, the speaker with the countdown, who speaks next.
const NEXT_SHOWN = 8;
startRoom((doc) => {
  renderCountdown(doc, "");
  renderList("next", doc.speakers, NEXT_SHOWN, false);
  show("next-empty", doc.speakers.length === 0);
  const more = doc.speakers.length - NEXT_SHOWN;
  text("next-more", more > 0 ? `and ${more} more` : "");
  renderBreak(doc);
});
