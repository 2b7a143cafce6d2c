"""The consoles' screens, one module each (with its `.tcss`).

The three consoles: `console.py` (`ConsoleScreen`, the chair's), `rapporteur.py`
(`RapporteurScreen`) and `audience_clock.py` (`AudienceClockScreen`); `help.py` (`HelpScreen`,
the keys that work on the screen below it). The dialogs: `add_request.py` (`AddRequest`, which
also corrects a request), `set_limit.py` (`SetLimit`), `set_time.py` (`SetTime`: when the
meeting resumes), `adjourn.py` (`AdjournDialog`: the end of a day), `podium_message.py`
(`PodiumMessageDialog`), `move_note.py` (`MoveNote`), `note_history.py` (`NoteHistory`),
`note_conflict.py` (`NoteConflict`: both texts of a note changed meanwhile) and
`record_dialogs.py` (`DocumentsDialog`, `DecisionDialog`).
"""
