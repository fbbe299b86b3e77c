"""Request parsing for the API: JSON whose text may not hold NUL characters.

A NUL (U+0000) is valid JSON but no text column can store it (PostgreSQL refuses it
outright, even in a lookup), so it is refused at the door with a 400 instead of surfacing
as a server error from whichever field or filter it reached."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.parsers import JSONParser


def has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(has_nul(k) or has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(has_nul(v) for v in value)
    return False


def refuse_nul_in_query(request) -> None:
    """Raise a 400 when a query parameter holds a NUL character."""
    for key, values in request.query_params.lists():
        if has_nul(key) or any(has_nul(v) for v in values):
            raise exceptions.ValidationError(
                {key.replace("\x00", ""): [_("Text cannot contain NUL characters.")]}
            )


class TextJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        if has_nul(data):
            raise exceptions.ValidationError(_("Text cannot contain NUL characters."))
        return data
