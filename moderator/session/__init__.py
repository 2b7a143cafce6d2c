"""The session layer: the one way in, between the interfaces and the core and the store.

Every interface (the three consoles, the room server, the export, the tools and the tests'
helpers) opens a meeting with `open_meeting` and records through the `OpenMeeting` it gets:

    opened = open_meeting(agenda, roster, database, role="moderator", create=True)
    opened.run(opened.meeting.give_floor, on_done=told)    # decide, record, apply, tell
    events = opened.record(lambda: opened.meeting.add_note("..."))   # the same, blocking
    opened.listen(listener)      # Recorded (what was applied), ReadFailed, ReadResumed
    opened.follow(0.25)          # a follower thread folds what other processes record
    opened.close()               # the writes waited for, the snapshot saved, the store closed

- `opening.py`: `open_meeting` (files, checks, the folded-state snapshot, the store, the
  writer thread, the console's identity);
- `loop.py`: `OpenMeeting`, the loop (decide on the state, compare-and-append through the one
  writer, apply once durable, tell the listeners; conflicts folded and retried or refused);
- `messages.py`: what it tells (`Outcome`, `Recorded`, `ReadFailed`, `ReadResumed`,
  `ChangedMeanwhile`); `follower.py`: the thread that reads what others record;
- `snapshots.py`: the folded state beside the journal (opened through, saved again);
- `other_consoles.py`: what another console did, in words (conflicts and notifications).

It imports neither Textual nor aiohttp: a console adapts it to messages, the room server to
awaitables. (An agenda's session, a half-day of items, is `core.model.Session`; this layer's
name is the software's sense of the word, and no class of it is called Session.)
"""

from moderator.session.loop import OpenMeeting as OpenMeeting
from moderator.session.messages import ChangedMeanwhile as ChangedMeanwhile
from moderator.session.messages import Outcome as Outcome
from moderator.session.messages import ReadFailed as ReadFailed
from moderator.session.messages import ReadResumed as ReadResumed
from moderator.session.messages import Recorded as Recorded
from moderator.session.opening import open_meeting as open_meeting
