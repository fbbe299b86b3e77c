import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from phaen.strategy.management.commands._common import acting_user, organization_for
from phaen.strategy.models import StrategicPlan
from phaen.strategy.services import plan_latest
from phaen.strategy.tree import plan_queryset, plan_to_tree


class Command(BaseCommand):
    help = (
        "Export a strategic plan as JSON (only JSON on standard output) or Excel: "
        "phaen export_strategic_plan --org CODE [--plan ID] --format json|xlsx [--out FILE]. "
        "Without --plan, the organisation's most recent plan."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="organisation code")
        parser.add_argument("--plan", type=int, help="plan id (default: the most recent)")
        parser.add_argument("--format", choices=["json", "xlsx"], default="json")
        parser.add_argument("--out", help="output file (default: standard output for JSON)")
        parser.add_argument("--user", help="act as this user (access is checked)")

    def handle(self, *args, **options):
        user = acting_user(options["user"])
        org = organization_for(options["org"], user)
        if options["plan"]:
            plan = StrategicPlan.objects.filter(pk=options["plan"], organization=org).first()
            if plan is None:
                raise CommandError(f"Organisation {org.code} has no plan {options['plan']}")
        else:
            plan = plan_latest(org)
            if plan is None:
                raise CommandError(f"Organisation {org.code} has no strategic plan yet")
        tree = plan_to_tree(plan_queryset().get(pk=plan.pk))
        tree["plan"] = plan.pk
        if options["format"] == "xlsx":
            from phaen.strategy.excel import tree_to_workbook

            if not options["out"]:
                raise CommandError("--out FILE is required for --format xlsx")
            tree_to_workbook(tree).save(options["out"])
            return
        text = json.dumps(tree, ensure_ascii=False, indent=2)
        if options["out"] and options["out"] != "-":
            Path(options["out"]).write_text(text + "\n", encoding="utf-8")
        else:
            self.stdout.write(text)
