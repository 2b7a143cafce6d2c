"""The meeting's logic, with no UI: agenda and roster, floor, timer, log, forecast, notes."""
