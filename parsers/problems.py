"""Why a whole file could not be read: raised by the readers, turned into an issue by `parse`."""

from __future__ import annotations


class DocumentProblem(Exception):
    """A file-level reason a document yields no record (FORMS.md §2.5, the file_* codes)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
