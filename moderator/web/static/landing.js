// A link carries its key after "#t=": the browser never sends a fragment to a server nor puts it
// in a Referer. This script, the only one served without a link, sends the key once in a POST
// for the page's cookie, removes it from the address and the history, and opens the page.
"use strict";

(function land() {
  const found = /(?:^#|&)t=([A-Za-z0-9_-]{16,128})(?:&|$)/.exec(location.hash);
  if (!found) return;
  history.replaceState(null, "", location.pathname + location.search);
  const say = (words) => {
    const box = document.getElementById("landing") || document.getElementById("connection");
    if (box) {
      box.textContent = words;
      box.hidden = false;
    }
  };
  say("Opening the meeting…");
  fetch("/api/link", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ token: found[1], page: location.pathname }),
    cache: "no-store",
    credentials: "same-origin",
  }).then(async (answer) => {
    if (answer.ok) {
      const link = await answer.json();
      location.replace(link.page + location.search);
    } else {
      say("This link no longer works: ask the meeting's secretariat for the new one.");
    }
  }).catch(() => say("The meeting's server cannot be reached; try the link again."));
})();
