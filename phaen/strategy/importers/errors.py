"""The one exception the document importer raises."""

from __future__ import annotations

from typing import Any


class DocumentError(Exception):
    """The document cannot be read as a strategic plan at all (wrong type, empty, binary,
    damaged, or without a single recognisable heading).

    ``message`` is a lazy translation: ``str(error)`` renders it in the active language at
    the moment it is shown, so the command and the upload page both speak the user's
    language. ``params`` fill its named placeholders.
    """

    def __init__(self, message: Any, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.params = params

    def __str__(self) -> str:
        text = str(self.message)
        return text % self.params if self.params else text
