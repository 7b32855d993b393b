"""The ``nqdesk/2`` interchange format, in one package below ``ops`` and above ``store``:
its keys (:mod:`.keys`), the reader that checks a file into an import plan (:mod:`.reader`),
the writer that exports the database (:mod:`.writer`), and the field rules (:mod:`.fields`,
:mod:`.validate`) that the operations and the import share. Writing an import plan into the
database is an operation: :mod:`desktop_app.ops.interchange`. No Qt; imports nothing from
``ops``, ``gui``, ``export`` or ``importers`` (tests/test_architecture.py)."""
