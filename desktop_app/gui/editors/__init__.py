"""Editors of the details panel: save each field at once through the operations layer."""
