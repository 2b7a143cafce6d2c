"""The meeting's logic, with no UI: agenda and roster, floor, timer, log, forecast, notes."""

# Loading and validation of agenda.yaml and speakers.yaml.
from moderator.core.loading import InvalidFiles as InvalidFiles
from moderator.core.loading import Problem as Problem
from moderator.core.loading import Severity as Severity
from moderator.core.loading import load_agenda as load_agenda
from moderator.core.loading import load_meeting as load_meeting
from moderator.core.loading import load_roster as load_roster
from moderator.core.loading import validate_files as validate_files
