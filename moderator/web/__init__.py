"""The room server (`moderator serve`): the meeting's state for the podium, the projector and
the delegates' phones, over HTTP and a WebSocket, behind the links the chair hands out.

`make_app(feed, links)` builds the aiohttp application the command line and the tests run;
`MeetingFeed` follows the database and publishes one state document (`document.py`).
"""
