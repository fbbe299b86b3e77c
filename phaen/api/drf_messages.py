"""Thai for Django REST framework messages its own Thai catalogue lacks.

DRF's catalogue wins for every message it translates (it comes first in INSTALLED_APPS);
for these it has no Thai, so the API's catalogue supplies it. They are listed here only
so that ``makemessages`` extracts them into ``phaen/api/locale``; nothing imports this.
"""

from django.utils.translation import gettext_noop

DRF_MESSAGES = [
    gettext_noop("Invalid input."),
    gettext_noop("Malformed request."),
    gettext_noop("Not a valid string."),
    gettext_noop("Must be a valid boolean."),
    gettext_noop("Datetime value out of range."),
    gettext_noop('Invalid datetime for the timezone "{timezone}".'),
    gettext_noop("Surrogate characters are not allowed: U+{code_point:X}."),
    gettext_noop(
        'Enter a valid "slug" consisting of Unicode letters, numbers, underscores, or hyphens.'
    ),
    gettext_noop("This dictionary may not be empty."),
    gettext_noop("This selection may not be empty."),
    gettext_noop("Ensure this field has at least {min_length} elements."),
    gettext_noop("Ensure this field has no more than {max_length} elements."),
    gettext_noop("Invalid token header. No credentials provided."),
    gettext_noop("Invalid token header. Token string should not contain spaces."),
    gettext_noop("Invalid token header. Token string should not contain invalid characters."),
    gettext_noop("Request was throttled."),
]
