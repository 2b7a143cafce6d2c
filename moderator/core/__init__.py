"""The meeting's logic, with no UI: agenda and roster, floor, timer, log, forecast, notes."""

# Loading and validation of agenda.yaml and speakers.yaml.
from moderator.core.loading import InvalidFiles as InvalidFiles
from moderator.core.loading import Problem as Problem
from moderator.core.loading import Severity as Severity
from moderator.core.loading import load_agenda as load_agenda
from moderator.core.loading import load_meeting as load_meeting
from moderator.core.loading import load_roster as load_roster
from moderator.core.loading import validate_files as validate_files

# isort: split
# The session core: events, the meeting (decide, then apply) and its views.
from moderator.core.clock import Clock as Clock
from moderator.core.clock import FakeClock as FakeClock
from moderator.core.clock import SystemClock as SystemClock
from moderator.core.events import EVENT_VERSION as EVENT_VERSION
from moderator.core.events import event_time as event_time
from moderator.core.events import new_event as new_event
from moderator.core.meeting import Meeting as Meeting
from moderator.core.meeting import Refused as Refused
from moderator.core.views import Forecast as Forecast
from moderator.core.views import Intervention as Intervention
from moderator.core.views import ItemForecast as ItemForecast
from moderator.core.views import ItemStatus as ItemStatus
from moderator.core.views import Request as Request
from moderator.core.views import TimerState as TimerState
from moderator.core.views import TimerView as TimerView
