"""Readers of files brought in by users (nqdesk JSON …). No Qt, no writes."""
