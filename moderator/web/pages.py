"""The room's pages: one head, one connection banner and one set of scripts for all of them.

Each page's own markup is a static file (`static/<name>.html`, the body's content) and its own
script `static/<name>.js`; `Page.html()` wraps them in what every page shares. `landing(words)`
is what a page answers without its link: the words, and `landing.js`, which exchanges a token
carried after `#t=` for the page's cookie.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

STATIC = Path(__file__).with_name("static")

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · moderator</title>
<link rel="icon" href="/favicon.ico">
{styles}
</head>
<body class="page-{name}">
<div id="connection" class="connection" role="status" hidden>Connecting to the meeting…</div>
{body}<script src="/landing.js"></script>
<script src="/static/room.js"></script>
<script src="/static/{name}.js"></script>
</body>
</html>
"""


_LANDING = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>moderator</title>
</head>
<body>
<p id="landing" role="status">{words}</p>
<script src="/landing.js"></script>
</body>
</html>
"""


def landing(words: str) -> bytes:
    """A page without its link: `words` (the program's own, never a request's)."""
    return _LANDING.format(words=html.escape(words.strip())).encode()


def landing_script() -> bytes:
    return (STATIC / "landing.js").read_bytes()


@dataclass(frozen=True)
class Page:
    name: str  # its markup static/<name>.html, its script static/<name>.js, <body class="page-<name>">
    title: str
    styles: tuple[str, ...] = ()  # its own stylesheets in static/, after room.css

    def html(self) -> bytes:
        """The whole page, as the browser gets it."""
        styles = "\n".join(f'<link rel="stylesheet" href="/static/{css}">'
                           for css in ("room.css", *self.styles))
        body = (STATIC / f"{self.name}.html").read_text(encoding="utf-8")
        return _PAGE.format(title=self.title, styles=styles, name=self.name, body=body).encode()


PODIUM = Page("podium", "Podium")
PROJECTOR = Page("projector", "Projector")
SPEAKERS = Page("speakers", "List of speakers")
NOTES = Page("notes", "Notes", styles=("notes.css",))
REQUEST = Page("request", "Ask for the floor", styles=("request.css",))
