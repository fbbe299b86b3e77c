"""Evidence uploads through the API: multipart/form-data for the upload endpoints only.

Every other endpoint takes JSON alone (``phaen.api.viewsets.IdLookupMixin``); the evidence
endpoints of progress reports (``evidence/``) and indicator results
(``indicator-results/{id}/evidence/``) set :class:`TextMultiPartParser` on themselves.
Their text fields may not hold NUL characters, as in JSON (``phaen.api.parsers``).
:class:`UploadSchema` also documents the 400 their DELETE gives when the record's state or
period refuses the removal (the shared schema documents 400 for writes with a body only).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers
from rest_framework.parsers import MultiPartParser

from phaen.api.parsers import has_nul
from phaen.api.schema import AutoSchema


class TextMultiPartParser(MultiPartParser):
    """multipart/form-data whose fields hold no NUL character (a 400 otherwise)."""

    def parse(self, stream, media_type=None, parser_context=None):
        parsed = super().parse(stream, media_type, parser_context)
        for key, values in parsed.data.lists():
            if has_nul(key) or any(has_nul(value) for value in values):
                raise exceptions.ValidationError(
                    {key.replace("\x00", ""): [_("Text cannot contain NUL characters.")]}
                )
        return parsed


class UploadSchema(AutoSchema):
    """The shared schema, plus a documented 400 on the DELETE of the view's actions named in
    its ``refused_deletes`` (default: ``destroy``), whose service refuses a removal naming a
    field. (A view attribute: ``extend_schema`` re-creates the schema without arguments.)"""

    def error_codes(self, operation: dict) -> list[int]:
        codes = super().error_codes(operation)
        refused = getattr(self.view, "refused_deletes", ("destroy",))
        if self.method == "DELETE" and getattr(self.view, "action", None) in refused:
            codes = [400, *(code for code in codes if code != 400)]
        return codes


class EvidenceFileSerializer(serializers.Serializer):
    """The file of an upload: a photo (JPEG, PNG, GIF, WebP) or a PDF, at most 10 MB."""

    file = serializers.FileField(
        help_text="A photo (JPEG, PNG, GIF, WebP) or a PDF, at most 10 MB. A photo is stored "
        "upright, at most 2000 px on its longest side, without EXIF (no GPS location)."
    )
