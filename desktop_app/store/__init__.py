"""Storage: SQLAlchemy models, engine set-up, migrations. No Qt."""
