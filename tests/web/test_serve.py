"""`moderator serve` as the chair starts it: its links, its QR codes, its refusals."""

from __future__ import annotations

import http.client
import io
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import segno

from moderator.cli import main
from moderator.store import MeetingStore
from moderator.web.links import Link, Links
from moderator.web.serve import base_url, network_warning, print_links

VIEWER_LINE = re.compile(r"^(podium|projector|speakers) +(http://\S+)#t=([\w-]{32})$")
NOTES_LINE = re.compile(r"^(notes-\d+) +(http://\S+)#t=([\w-]{32})  (.+)$")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(tmp_path: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "moderator", "serve", "--db", str(tmp_path / "m.db.json"), *extra],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def printed(process: subprocess.Popen) -> list[str]:
    lines = []
    for line in process.stdout:
        lines.append(line.rstrip("\n"))
        if line.startswith("Serving"):
            break
    return lines


def links_only(tmp_path: Path, capsys, *extra: str) -> tuple[dict[str, tuple[str, str]], str]:
    """`serve --links-only`: {link id: (URL, token)} and the whole output."""
    status = main(["serve", "--db", str(tmp_path / "m.db.json"), "--links-only", "--no-qr",
                   *extra])
    out, errors = capsys.readouterr()
    assert status == 0, errors
    found = {}
    for line in out.splitlines():
        if (match := VIEWER_LINE.match(line) or NOTES_LINE.match(line)) is not None:
            found[match.group(1)] = (match.group(2), match.group(3))
    return found, out


def test_serve_prints_the_viewers_links_and_serves_them(tmp_path: Path) -> None:
    MeetingStore.open(tmp_path / "m.db.json").close()
    port = free_port()
    process = serve(tmp_path, "--port", str(port), "--no-qr")
    try:
        lines = printed(process)
        links = [VIEWER_LINE.match(line) for line in lines[:3]]
        assert all(links)
        assert [m.group(1) for m in links] == ["podium", "projector", "speakers"]
        assert len({m.group(3) for m in links}) == 3  # a token per device kind
        # The rapporteur's link writes: not on a screen the room may see, unless asked for.
        assert not any("notes" in line and "#t=" in line for line in lines)
        assert any("rapporteurs' links are not shown" in line for line in lines)
        url = urlsplit(links[0].group(2))
        assert url.netloc == f"127.0.0.1:{port}" and url.path == "/podium"
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        # The page posts the token it found after '#t=' and gets its cookie.
        connection.request("POST", "/api/link", body=f'{{"token": "{links[0].group(3)}"}}',
                           headers={"Origin": f"http://127.0.0.1:{port}",
                                    "Content-Type": "application/json"})
        answer = connection.getresponse()
        assert answer.status == 200 and b'"page": "/podium"' in answer.read()
        cookie = answer.getheader("Set-Cookie")
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
        connection.request("GET", "/podium", headers={"Cookie": cookie.split(";")[0]})
        page = connection.getresponse()
        assert page.status == 200 and b"/static/podium.js" in page.read()
        # A link printed by the first release (?token=) still opens its page.
        connection.request("GET", f"/projector?token={links[1].group(3)}")
        answer = connection.getresponse()
        answer.read()
        assert answer.status == 303 and answer.getheader("Location") == "/projector"
        connection.close()
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
        process.stdout.close()
        assert "Traceback" not in process.stderr.read()
        process.stderr.close()
    # The links survive a restart: they are kept in the database.
    again = serve(tmp_path, "--port", str(port), "--no-qr")
    try:
        assert again.stdout.readline().rstrip() == lines[0]
    finally:
        again.send_signal(signal.SIGTERM)
        again.wait(timeout=15)
        again.stdout.close()
        again.stderr.close()


def test_links_are_made_revoked_and_shown_one_at_a_time(tmp_path: Path, capsys) -> None:
    MeetingStore.open(tmp_path / "m.db.json").close()
    first, text = links_only(tmp_path, capsys, "--notes-link", "Rapporteur session 2")
    # A link made now is printed (the one the chair asked for), the others' stay hidden.
    assert set(first) == {"podium", "projector", "speakers", "notes-2"}
    assert "Rapporteur session 2" in text
    shown, text = links_only(tmp_path, capsys, "--show-notes-links")
    assert set(shown) == {"podium", "projector", "speakers", "notes-1", "notes-2"}
    assert shown["notes-2"] == first["notes-2"]
    assert "notes-1" in text and "  Rapporteur\n" in text
    # One device kind revoked: its token alone changes.
    after, _ = links_only(tmp_path, capsys, "--revoke", "podium", "--show-notes-links")
    assert after["podium"] != shown["podium"]
    assert {k: v for k, v in after.items() if k != "podium"} == {
        k: v for k, v in shown.items() if k != "podium"}
    # One rapporteur by name: printed, since it must be handed out again.
    named, _ = links_only(tmp_path, capsys, "--revoke", "Rapporteur session 2")
    assert "notes-2" in named and "notes-1" not in named and named["notes-2"] != shown["notes-2"]
    # Every link anew, the rapporteurs' included.
    renewed, _ = links_only(tmp_path, capsys, "--new-links", "--show-notes-links")
    assert set(renewed) == set(after)
    assert all(renewed[k][1] != after[k][1] for k in ("podium", "projector", "speakers",
                                                       "notes-1"))
    assert renewed["notes-2"][1] != named["notes-2"][1]
    # A link that does not exist: said, with the links there are.
    status = main(["serve", "--db", str(tmp_path / "m.db.json"), "--links-only", "--revoke",
                   "lectern"])
    _, errors = capsys.readouterr()
    assert status == 1 and "Traceback" not in errors
    assert "no link 'lectern'" in errors and "notes-2 (Rapporteur session 2)" in errors


def test_serve_needs_the_meetings_database(tmp_path: Path) -> None:
    process = serve(tmp_path, "--port", str(free_port()))
    _, errors = process.communicate(timeout=30)
    assert process.returncode == 1
    assert "no meeting database yet" in errors and "Traceback" not in errors
    assert not (tmp_path / "m.db.json").exists()


def test_a_port_in_use_is_said_plainly(tmp_path: Path) -> None:
    MeetingStore.open(tmp_path / "m.db.json").close()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = serve(tmp_path, "--port", str(port), "--no-qr")
        _, errors = process.communicate(timeout=30)
    assert process.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in errors and "Traceback" not in errors


def test_the_qr_codes_are_the_links_and_the_rapporteurs_only_on_request() -> None:
    links = Links((Link("podium", "podium", "Podium", "p" * 32),
                   Link("projector", "projector", "Projector", "r" * 32),
                   Link("speakers", "speakers", "Delegates' phones", "s" * 32),
                   Link("notes-1", "notes", "Rapporteur", "n" * 32)))
    out = io.StringIO()
    print_links(links, "http://10.0.0.5:8765", out, qr=True)
    text = out.getvalue()
    url = "http://10.0.0.5:8765/podium#t=" + "p" * 32
    assert f"podium     {url}\n" in text
    drawn = io.StringIO()
    segno.make(url, error="m").terminal(out=drawn, compact=True)
    assert f"\npodium\n{drawn.getvalue()}" in text
    assert "n" * 32 not in text  # neither the rapporteur's link nor its QR code
    asked = io.StringIO()
    print_links(links, "http://10.0.0.5:8765", asked, qr=False, notes=[links.get("notes-1")])
    assert "notes-1    http://10.0.0.5:8765/notes#t=" + "n" * 32 + "  Rapporteur" in asked.getvalue()


def test_beyond_this_machine_serve_says_so() -> None:
    assert network_warning("127.0.0.1") is None and network_warning("localhost") is None
    assert network_warning("::1") is None
    assert "reachable from the network" in network_warning("0.0.0.0")
    assert base_url("127.0.0.1", 8765, None) == "http://127.0.0.1:8765"
    assert base_url("0.0.0.0", 8765, "https://room.example/") == "https://room.example"
