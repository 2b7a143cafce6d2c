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

from moderator.store import MeetingStore
from moderator.web.links import Links
from moderator.web.serve import base_url, network_warning, print_links
from tests.helpers.ports import free_port

LINE = re.compile(r"^(podium|projector|speakers|notes) +(http://\S+\?token=[\w-]{32})$")


def serve(tmp_path: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "moderator", "serve", "--db", str(tmp_path / "m.db.json"), *extra],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_serve_prints_a_link_per_page_and_serves_it(tmp_path: Path) -> None:
    MeetingStore.open(tmp_path / "m.db.json").close()
    port = free_port()
    process = serve(tmp_path, "--port", str(port), "--no-qr")
    try:
        lines = []
        for line in process.stdout:
            lines.append(line.rstrip("\n"))
            if line.startswith("Serving"):
                break
        links = [LINE.match(line) for line in lines[:-1]]
        assert all(links)
        assert [m.group(1) for m in links] == ["podium", "projector", "speakers", "notes"]
        tokens = [m.group(2).split("token=")[1] for m in links]
        assert tokens[3] != tokens[0]  # the notes link has its own token
        url = urlsplit(links[0].group(2))
        assert url.netloc == f"127.0.0.1:{port}"
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", f"{url.path}?{url.query}")
        answer = connection.getresponse()
        assert answer.status == 303 and answer.getheader("Location") == "/podium"
        assert "HttpOnly" in answer.getheader("Set-Cookie")
        connection.close()
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
        process.stdout.close()
        process.stderr.close()
    # The links survive a restart: they are kept in the database.
    again = serve(tmp_path, "--port", str(port), "--no-qr")
    try:
        assert LINE.match(again.stdout.readline().rstrip()).group(2) == links[0].group(2)
    finally:
        again.send_signal(signal.SIGTERM)
        again.wait(timeout=15)
        again.stdout.close()
        again.stderr.close()


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


def test_the_qr_codes_are_the_links() -> None:
    links = Links({"viewer": "v" * 32, "notes": "n" * 32})
    out = io.StringIO()
    print_links(links, "http://10.0.0.5:8765", out, qr=True)
    text = out.getvalue()
    url = "http://10.0.0.5:8765/podium?token=" + "v" * 32
    assert f"podium     {url}\n" in text
    drawn = io.StringIO()
    segno.make(url, error="m").terminal(out=drawn, compact=True)
    assert f"\npodium\n{drawn.getvalue()}" in text


def test_beyond_this_machine_serve_says_so() -> None:
    assert network_warning("127.0.0.1") is None and network_warning("localhost") is None
    assert network_warning("::1") is None
    assert "reachable from the network" in network_warning("0.0.0.0")
    assert base_url("127.0.0.1", 8765, None) == "http://127.0.0.1:8765"
    assert base_url("0.0.0.0", 8765, "https://room.example/") == "https://room.example"
