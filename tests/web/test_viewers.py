"""A viewer's queue of one: only the latest document waits, and a viewer that stops reading is
dropped instead of holding the others back."""

from __future__ import annotations

import asyncio

from moderator.web import viewers as viewers_module
from moderator.web.viewers import MAX_BUFFERED, Viewer


class Transport:
    def __init__(self) -> None:
        self.buffered = 0
        self.aborted = False

    def get_write_buffer_size(self) -> int:
        return self.buffered

    def abort(self) -> None:
        self.aborted = True


class Request:
    def __init__(self) -> None:
        self.transport = Transport()


class Socket:
    """Sends block until `release` is set, like a socket whose peer reads slowly."""

    def __init__(self) -> None:
        self.sent: list[str] = []
        self.release = asyncio.Event()
        self.closed = False

    async def send_str(self, text: str) -> None:
        await self.release.wait()
        self.sent.append(text)


async def test_documents_waiting_for_a_slow_socket_are_replaced_by_the_latest() -> None:
    socket, request = Socket(), Request()
    viewer = Viewer(socket, request)
    sender = asyncio.create_task(viewer.send_all())
    viewer.offer("1")
    await asyncio.sleep(0)  # "1" is being sent
    for document in ("2", "3", "4"):
        viewer.offer(document)
    socket.release.set()
    for _ in range(10):
        await asyncio.sleep(0)
    assert socket.sent == ["1", "4"]
    viewer.drop()
    await asyncio.wait_for(sender, 1)


async def test_a_viewer_whose_buffer_is_full_is_cut_off() -> None:
    socket, request = Socket(), Request()
    viewer = Viewer(socket, request)
    request.transport.buffered = MAX_BUFFERED + 1
    viewer.offer("1")
    assert viewer.slow and viewer.dropped and request.transport.aborted
    assert viewer.pending is None


async def test_a_send_that_never_ends_drops_the_viewer(monkeypatch) -> None:
    monkeypatch.setattr(viewers_module, "SEND_SECONDS", 0.01)
    socket, request = Socket(), Request()
    viewer = Viewer(socket, request)
    viewer.offer("1")
    await asyncio.wait_for(viewer.send_all(), 2)
    assert viewer.slow and request.transport.aborted and socket.sent == []
