"""The language of API answers: what the client asks for, Thai by default.

The pages are Thai unless the user picks another language with the language switch
(``phaen.web.middleware``: a browser's Accept-Language is not followed there). Programs
calling the API choose with the standard ``Accept-Language`` header (or Django's language
cookie), so every API view activates that language before it runs.
"""

from __future__ import annotations

from django.utils import translation


def activate_request_language(request) -> str:
    """Activate the language ``request`` asks for (cookie, Accept-Language, else Thai)."""
    language = translation.get_language_from_request(request)
    translation.activate(language)
    request.LANGUAGE_CODE = language
    return language


class RequestLanguageMixin:
    """For DRF views: answer (messages and errors) in the client's language."""

    def initial(self, request, *args, **kwargs):
        activate_request_language(request._request)
        super().initial(request, *args, **kwargs)
