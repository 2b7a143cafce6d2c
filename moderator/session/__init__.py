"""The session layer: between the interfaces (consoles, room server, export) and core + store."""
