from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from phaen.organizations.tree import organization_save


class Command(BaseCommand):
    help = (
        "Create an organisation (or update the one with this code): "
        'phaen create_organization CODE "NAME" [--kind KIND] [--parent CODE]'
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="unique organisation code")
        parser.add_argument("name", help="Thai name")
        parser.add_argument("--kind", help="organisation kind code (default: the default kind)")
        parser.add_argument("--parent", help="code of the parent organisation")
        parser.add_argument("--name-en", default="", help="English name")
        parser.add_argument("--short-name", default="", help="short Thai name")
        parser.add_argument("--province", help="province code, Thai or English name")

    def handle(self, *args, **options):
        try:
            org, created = organization_save(
                code=options["code"],
                name_th=options["name"],
                kind_code=options["kind"],
                parent_code=options["parent"],
                name_en=options["name_en"],
                short_name_th=options["short_name"],
                province=options["province"],
            )
        except ValidationError as exc:
            messages = "; ".join(
                f"{field}: {' '.join(errors)}" for field, errors in exc.message_dict.items()
            )
            raise CommandError(messages) from None
        verb = "Created" if created else "Updated"
        self.stdout.write(f"{verb} organisation {org.code} (id {org.pk}, kind {org.kind.code})")
