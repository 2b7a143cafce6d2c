"""The room server (`moderator serve`): the meeting's state for the podium, the projector and
the delegates' phones, over HTTP and a WebSocket, behind the links the chair hands out.

`make_app(feed)` builds the aiohttp application the command line and the tests run, behind the
door of `door.py` and `entrance.py`; `MeetingFeed` follows the database and publishes one state
document (`room_state.py`); `links.py` holds the links, one per device kind and per rapporteur.
"""
