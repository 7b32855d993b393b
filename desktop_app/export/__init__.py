"""Writers: Word documents in the official format
(``program_docx``, built on ``docx_common`` and the format profiles of ``profiles``), PDF
through LibreOffice (``pdf``). No Qt."""
