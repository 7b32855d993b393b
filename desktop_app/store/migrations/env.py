"""Alembic environment: always driven by desktop_app.store.db with an open connection.

The caller (``db._upgrade``) owns the transaction, so a failed migration rolls back
completely and the database stays as it was.
"""

from alembic import context

from desktop_app.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only for developers running `alembic` by hand
    raise RuntimeError("Run migrations through desktop_app.store.db.open_database().")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
