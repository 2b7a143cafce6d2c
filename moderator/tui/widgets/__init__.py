"""The console's panels: each takes the meeting and the time, and renders plain text."""
