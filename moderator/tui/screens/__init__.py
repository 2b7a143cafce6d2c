"""The console's screens: the main console, the add-request dialog and the help."""
