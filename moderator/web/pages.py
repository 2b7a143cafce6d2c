"""The room's pages: one head, one connection banner and one set of scripts for all of them.

Each page's own markup is a static file (`static/<name>.html`, the body's content) and its own
script `static/<name>.js`; `Page.html()` wraps them in what every page shares.
"""

from __future__ import annotations

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
{body}<script src="/static/room.js"></script>
<script src="/static/{name}.js"></script>
</body>
</html>
"""


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
