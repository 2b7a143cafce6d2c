"""The meeting's logic, with no UI: agenda and roster, floor, timer, log, forecast, notes.

Public API (see docs/CORE_API.md):

- Loading: `load_agenda`, `load_roster`, `load_meeting`, `validate_files` (paths, or `Written`
  text), `InvalidFiles`, `Problem`. Time: `Clock`, `SystemClock`, `FakeClock`.
- Events: stored as plain dicts (`new_event(type, at, role, **payload)`, `event_time(event)`,
  `EVENT_VERSION`); read as typed events (`events.Event` subclasses in each concept's module,
  upcast from older versions). The events of one user action share an `action` id.
- `Meeting(agenda, roster, clock, role)`: commands decide events and never change the state
  (`start_item`, `finish_item`, `skip_item`, `next_item`, `previous_item`, `request_floor`,
  `withdraw`, `move_request`, `move_up`, `move_down`, `readd_last_speaker`, `close_list`,
  `reopen_list`, `give_floor`, `finish_intervention`, `toggle_timer`, `adjust_time`, `undo`)
  or raise `Refused(reason)`; `apply`/`apply_all`/`record` fold events (once per id).
  Views: `current_session`, `current_item`, `item_status`, `list_closed`, `queue`, `floor`,
  `suspended`, `timer`, `log`, `dropped`, `forecast`, `name_of`, `label_of`, `can_undo`,
  `describe`. View types: `Request`, `Intervention`, `TimerView`, `TimerState`, `ItemStatus`,
  `Forecast`, `ItemForecast`, `SessionForecast`.
- Rules in short: points of order first (and they suspend the speaker, who then holds the floor
  again with the timer paused), then the item's scheduled speakers, then statements and
  questions, then rights of reply; requests left when an item finishes are dropped.
- What the room sees: `Meeting.room_view(now)` (`core/room_view.py`), one value every room
  surface renders (the audience clock, the room server's pages and its state document).
- Notes (the rapporteur's record): `add_note`, `edit_note` (on the revision it was written on:
  `EditConflict` when the note changed since), `move_note`, `delete_note`, `restore_note`;
  views `notes`, `notes_for`, `note`, `search_notes`, `intervention`; types `Note`,
  `NoteRevision`, `NoteVersion`, `NoteTag`, `parse_tags`. Names in the journals' style:
  `journal_name`.
- The meeting is grouped by concept (docs/ARCHITECTURE.md, "The map of the core"); each
  concept folds its own event types with `moderator.core.fold.folds(EventType)`.
- Also exported: `AskAgain`, `NoteTarget` and the model types (`Agenda`, `Session`, `Item`,
  `Roster`, `Delegation`, `Speaker`, `Defaults`, `TimeLimits`, `InterventionKind`, `Category`,
  `ItemKind`, `Ordering`).
"""

# Loading and validation of agenda.yaml and speakers.yaml.
from moderator.core.loading import InvalidFiles as InvalidFiles
from moderator.core.loading import Problem as Problem
from moderator.core.loading import Severity as Severity
from moderator.core.loading import Written as Written
from moderator.core.loading import load_agenda as load_agenda
from moderator.core.loading import load_meeting as load_meeting
from moderator.core.loading import load_roster as load_roster
from moderator.core.loading import validate_files as validate_files

# isort: split
# The session core: events, the meeting (decide, then apply) and its views.
from moderator.core.actions import AskAgain as AskAgain
from moderator.core.actions import Refused as Refused
from moderator.core.clock import Clock as Clock
from moderator.core.clock import FakeClock as FakeClock
from moderator.core.clock import SystemClock as SystemClock
from moderator.core.events import EVENT_VERSION as EVENT_VERSION
from moderator.core.events import event_time as event_time
from moderator.core.events import new_event as new_event
from moderator.core.meeting import Meeting as Meeting
from moderator.core.model import Agenda as Agenda
from moderator.core.model import Category as Category
from moderator.core.model import Defaults as Defaults
from moderator.core.model import Delegation as Delegation
from moderator.core.model import InterventionKind as InterventionKind
from moderator.core.model import Item as Item
from moderator.core.model import ItemKind as ItemKind
from moderator.core.model import Ordering as Ordering
from moderator.core.model import Roster as Roster
from moderator.core.model import Session as Session
from moderator.core.model import Speaker as Speaker
from moderator.core.model import TimeLimits as TimeLimits
from moderator.core.views import Forecast as Forecast
from moderator.core.views import Intervention as Intervention
from moderator.core.views import ItemForecast as ItemForecast
from moderator.core.views import ItemStatus as ItemStatus
from moderator.core.views import Request as Request
from moderator.core.views import SessionForecast as SessionForecast
from moderator.core.views import TimerState as TimerState
from moderator.core.views import TimerView as TimerView

# isort: split
# The rapporteur's notes and the journals' style of names.
from moderator.core.notes import EditConflict as EditConflict
from moderator.core.notes import Note as Note
from moderator.core.notes import NoteRevision as NoteRevision
from moderator.core.notes import NoteTag as NoteTag
from moderator.core.notes import NoteTarget as NoteTarget
from moderator.core.notes import NoteVersion as NoteVersion
from moderator.core.notes import parse_tags as parse_tags
from moderator.core.speaker_names import journal_name as journal_name
