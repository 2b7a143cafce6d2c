"""moderator: a terminal console for the sessions of international expert meetings."""

__version__ = "0.1.0"
