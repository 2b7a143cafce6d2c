"""The delegations' cards: one per delegation, to place by its nameplate, with its name, the QR
code of its own link and one line of instructions; a sheet as HTML to print, and as PDF.

Each card carries its delegation's token (in the QR code): the files are written 0600, never
over the meeting's database, agenda or roster, and never over an earlier file (the next free
name is taken). Names are text, never markup: escaped in the HTML, and passed to typst as JSON
data in the PDF (`moderator/export/typst/cards.typ`).
"""

from __future__ import annotations

import html
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import segno

from moderator.web.links import DELEGATION, Link

INSTRUCTION = "Scan with your phone to ask for the floor from your seat"
FORMATS = (".html", ".pdf")


class CardsError(ValueError):
    """The cards cannot be written: a sentence for the terminal."""


@dataclass(frozen=True)
class Card:
    delegation: str
    name: str
    url: str  # the link as printed (the token after #t=)

    def qr_svg(self) -> str:
        """The link's QR code as an SVG document (black on white, its quiet zone kept)."""
        out = io.BytesIO()
        segno.make(self.url, error="m").save(out, kind="svg", xmldecl=False, scale=4,
                                             omitsize=True, svgclass=None, lineclass=None)
        return out.getvalue().decode()


def cards_of(links: Iterable[Link], base: str) -> list[Card]:
    """A card for each delegation's link among `links`, in their order (the roster's)."""
    return [Card(link.delegation or "", link.name, link.url(base)) for link in links
            if link.kind == DELEGATION]


_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} · the delegations' cards</title>
<style>
@page {{ size: A4; margin: 10mm; }}
* {{ box-sizing: border-box; }}
body {{ margin: 0; font-family: system-ui, "DejaVu Sans", Arial, sans-serif; color: #000;
  background: #fff; }}
h1 {{ font-size: 14pt; margin: 0 0 4mm; }}
.sheet {{ display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; }}
.card {{ border: 0.3mm dashed #555; padding: 5mm; height: 64mm; display: flex; gap: 5mm;
  align-items: center; break-inside: avoid; page-break-inside: avoid; }}
.qr {{ width: 42mm; height: 42mm; flex: none; }}
.qr svg {{ width: 100%; height: 100%; }}
.name {{ font-size: 17pt; font-weight: 700; margin: 0 0 3mm; overflow-wrap: normal; }}
.how {{ font-size: 10pt; margin: 0 0 2mm; }}
.meeting {{ font-size: 8pt; color: #333; margin: 0; }}
@media print {{ h1 {{ display: none; }} }}
</style>
</head>
<body>
<h1>{title}: the delegations' cards (print, cut along the lines, place by each nameplate)</h1>
<main class="sheet">
{cards}
</main>
</body>
</html>
"""

_CARD = """<section class="card" aria-label="{name}">
<div class="qr" role="img" aria-label="The QR code of {name}'s link">{qr}</div>
<div><p class="name">{name}</p><p class="how">{how}</p><p class="meeting">{title}</p></div>
</section>"""


def cards_html(cards: Sequence[Card], title: str) -> str:
    """The sheet to print from a browser: two cards across an A4 page, four down."""
    shown = html.escape(title)
    return _PAGE.format(title=shown, cards="\n".join(
        _CARD.format(name=html.escape(card.name), qr=card.qr_svg(), how=html.escape(INSTRUCTION),
                     title=shown) for card in cards))


def cards_pdf(cards: Sequence[Card], title: str) -> bytes:
    """The same sheet as PDF (typst: the names go to it as data, never markup)."""
    from moderator.export.pdf import typeset
    from moderator.export.plain import plain_text

    return typeset("cards", {"title": plain_text(title), "how": INSTRUCTION, "cards": [
        {"name": plain_text(card.name), "qr": card.qr_svg()} for card in cards]})


def write_cards(path: Path, cards: Sequence[Card], title: str,
                reads: Sequence[tuple[str, Path]] = ()) -> Path:
    """Write the sheet to `path` (HTML or PDF by its suffix), or to the next free name beside
    it when it exists; the path written."""
    from moderator.export.files import free_path, write_export
    from moderator.export.source import ExportError

    if path.suffix.lower() not in FORMATS:
        raise CardsError(f"{path}: the cards are written as .html or .pdf")
    if not cards:
        raise CardsError("the roster has no delegation: there is no card to print")
    data = cards_pdf(cards, title) if path.suffix.lower() == ".pdf" else \
        cards_html(cards, title).encode()
    target = free_path(path)
    try:
        write_export(target, data, reads=reads)
    except ExportError as error:
        raise CardsError(str(error)) from error
    return target
