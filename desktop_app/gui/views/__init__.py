"""The main views (navigation targets)."""
