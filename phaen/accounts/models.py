"""User accounts. A user's person, positions and roles live in ``organizations``."""

from django.contrib.auth.models import AbstractUser
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A login. Roles come from the user's person and the positions that person holds."""

    class Meta(AbstractUser.Meta):
        verbose_name = _("user account")
        verbose_name_plural = _("user accounts")
        ordering = ["username"]
        swappable = "AUTH_USER_MODEL"

    def display_name(self) -> str:
        person = getattr(self, "person", None)
        if person is not None:
            return person.full_name
        return self.get_full_name() or self.username
