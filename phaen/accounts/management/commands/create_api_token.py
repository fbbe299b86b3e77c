from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from phaen.api.tokens import api_token_create


class Command(BaseCommand):
    help = (
        "Give a user an API token (Authorization: Bearer <token>) and print it on the last "
        "line. An existing token is kept unless --rotate replaces it."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="the user's login name")
        parser.add_argument(
            "--rotate",
            action="store_true",
            help="replace the user's token; the old one stops working at once",
        )

    def handle(self, *args, **options):
        username = options["username"]
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        if not user.is_active:
            raise CommandError(f"User {username!r} is inactive; activate the account first.")
        result = api_token_create(user=user, rotate=options["rotate"])
        if result.rotated:
            self.stdout.write(
                f"Replaced the API token of {username} (the old one no longer works):"
            )
        elif result.created:
            self.stdout.write(f"Created an API token for {username}:")
        else:
            self.stdout.write(
                f"{username} already has this API token (use --rotate to replace it):"
            )
        self.stdout.write(result.key)
