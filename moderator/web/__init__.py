"""The room server (`moderator serve`): the meeting's state for the podium, the projector and
the delegates' phones, over HTTP and a WebSocket, behind the links the chair hands out.

`serve.py`: `open_feed` opens the meeting (through `moderator.session`) and `serve` runs the
server. `app.py`: `make_app(feed)` builds the aiohttp application the command line and the
tests run (routes and middlewares in one place), behind the door of `door.py` (`Door`) and
`entrance.py` (`RoomRunner`); `answers.py` words the server's own answers and `server_log.py`
what it writes to its terminal. `feed.py`: `MeetingFeed` follows the database and publishes one
state document (`room_state.py`: `state_document`, docs/ROOM_STATE.md) to every viewer
(`viewers.py`: `Viewers`), and records the rapporteur's page's notes through the server's open
meeting (`MeetingFeed.record`). `notes_api.py` and `rapporteur.py`: the notes page's routes and
decisions. `pages.py`: the pages' shared frame. `guard.py` (`Guard`) and `links.py` (`Links`,
one link per device kind and per rapporteur): nobody in without their link.
"""
