import importlib
import importlib.util

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from phaen.organizations import demo
from phaen.organizations.models import Organization


def demo_loaders():
    """Each Phaen app may have a ``demo`` module with ``load(ctx)``; called in app order."""
    for config in apps.get_app_configs():
        if not config.name.startswith("phaen.") or config.name == "phaen.organizations":
            continue
        module_name = f"{config.name}.demo"
        if importlib.util.find_spec(module_name) is not None:
            yield importlib.import_module(module_name).load


class Command(BaseCommand):
    help = (
        "Load the realistic Thai demo (organisations, units, positions, fictional people, one "
        "login per role, and every app's demo data). Only into an empty database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing (and succeed) when the database already has organisations",
        )

    def handle(self, *args, **options):
        if Organization.objects.exists():
            message = (
                "The database already has organisations; the demo is loaded only into an empty one."
            )
            if options["if_empty"]:
                self.stdout.write(f"Demo not loaded: {message}")
                return
            raise CommandError(message)
        with transaction.atomic():
            ctx = demo.DemoContext()
            demo.load(ctx)
            for load in demo_loaders():
                load(ctx)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo loaded: {len(ctx.organizations)} organisations, {len(ctx.units)} units, "
                f"{len(ctx.positions)} positions, {len(ctx.users)} logins."
            )
        )
