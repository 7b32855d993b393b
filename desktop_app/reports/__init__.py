"""Read-side queries and figures (lists, statistics). No Qt."""
