import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from phaen.organizations.models import Organization
from phaen.plans.importers.pd02 import Pd02Error, parse_pd02
from phaen.plans.imports import pd02_import


class Command(BaseCommand):
    help = (
        "Add the projects of a ผด.02 Excel sheet to the organisation's operational plan of the "
        'year (created if needed). Prints only JSON: {"plan": ID, "projects": [...], '
        '"created_units": [...]}. All-or-nothing: any error saves nothing (exit 1).'
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--org", required=True, help="organisation code")
        parser.add_argument("--year", required=True, type=int, help="fiscal year (B.E.)")

    def handle(self, *args, **options):
        org = Organization.objects.filter(code=options["org"]).first()
        if org is None:
            raise CommandError(f"Unknown organisation {options['org']!r}")
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"{path}: no such file")
        try:
            result = parse_pd02(path, fiscal_year=options["year"])
        except Pd02Error as exc:
            raise CommandError(f"{path}: {exc}") from None
        try:
            done = pd02_import(organization=org, fiscal_year=options["year"], result=result)
        except ValidationError as exc:
            raise CommandError("nothing saved:\n" + "\n".join(exc.messages)) from None
        self.stdout.write(
            json.dumps(
                {
                    "plan": done.plan.pk,
                    "projects": [row.to_dict() for row in result.projects],
                    "created_units": done.created_units,
                },
                ensure_ascii=False,
            )
        )
