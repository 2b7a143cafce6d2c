"""The consoles' screens, one module each (with its `.tcss`).

The three consoles: `console.py` (`ConsoleScreen`, the chair's), `rapporteur.py`
(`RapporteurScreen`) and `audience_clock.py` (`AudienceClockScreen`); `help.py` (`HelpScreen`,
the keys that work on the screen below it). The dialogs: `add_request.py` (`AddRequest`, which
also corrects a request), `set_limit.py` (`SetLimit`), `set_time.py` (`SetTime`: when the
meeting resumes), `adjourn.py` (`AdjournDialog`: the end of a day), `podium_message.py`
(`PodiumMessageDialog`), `move_note.py` (`MoveNote`), `note_history.py` (`NoteHistory`),
`note_conflict.py` (`NoteConflict`: both texts of a note changed meanwhile),
`record_dialogs.py` (`DocumentsDialog`, `DecisionDialog`), `decline.py` (`DeclineRequest`: the
reason a delegation's request is declined) and `later_item.py` (`LaterItem`: a later item's
list, opened ahead of time). The chair's keys for the delegations' requests: `requests_keys.py`
(`DelegationRequestKeys`, a part of `ConsoleScreen`). Every dialog with a field takes the letters typed before the field had the
focus: `typed_first.py` (`TypedBeforeFocus`).
"""
