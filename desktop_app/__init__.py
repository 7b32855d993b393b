"""NQ Desk: tracking the implementation of Party resolutions in a province.

Layout (see README): ``core`` pure domain logic, ``store`` database, ``ops`` the only
code that changes data, ``reports`` read-side figures, ``export``/``importers`` files,
``gui`` the PySide6 front end (the only place Qt is imported), ``cli`` the command line.
"""

__version__ = "0.1.0"
