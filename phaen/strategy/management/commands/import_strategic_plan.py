import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from phaen.strategy.management.commands._common import (
    acting_user,
    organization_for,
    validation_lines,
)
from phaen.strategy.services import plan_from_tree


def read_tree(path: Path) -> tuple[dict, list]:
    """(tree, unplaced lines) from a .json, .txt or .docx file; CommandError if unreadable."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise CommandError(f"{path}: no such file")
    if suffix == ".json":
        try:
            tree = json.loads(path.read_text(encoding="utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CommandError(f"{path}: not valid JSON ({exc})") from None
        if not isinstance(tree, dict):
            raise CommandError(f"{path}: the JSON must be an object with the plan's keys")
        return tree, []
    if suffix in {".txt", ".docx"}:
        from phaen.strategy.importers.document import DocumentError, parse_document

        try:
            result = parse_document(path, path.name)
        except DocumentError as exc:
            raise CommandError(f"{path}: {exc}") from None
        return result.plan.to_dict(), list(result.unplaced)
    raise CommandError(
        f"{path}: unsupported file type {suffix or '(none)'}; use .txt, .docx or .json"
    )


class Command(BaseCommand):
    help = (
        "Import a strategic plan from a Thai plan document (.txt/.docx) or the exchange JSON: "
        "phaen import_strategic_plan FILE --org CODE --start 2566 --end 2570 [--strict]. "
        "Lines that cannot be placed are listed on standard error; with --strict nothing is "
        "saved if any line is unplaced."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--org", required=True, help="organisation code")
        parser.add_argument("--start", type=int, help="first fiscal year (B.E.), e.g. 2566")
        parser.add_argument("--end", type=int, help="last fiscal year (B.E.), e.g. 2570")
        parser.add_argument("--kind", help="strategic | action_multi_year | local_development")
        parser.add_argument("--title", help="plan title (default: made from the organisation)")
        parser.add_argument(
            "--strict", action="store_true", help="save nothing if any line could not be placed"
        )
        parser.add_argument("--user", help="act as this user (access is checked)")

    def handle(self, *args, **options):
        user = acting_user(options["user"])
        org = organization_for(options["org"], user, capability="edit_plans")
        tree, unplaced = read_tree(Path(options["file"]))
        for line in unplaced:
            self.stderr.write(f"line {line.line_no}: not placed ({line.reason}): {line.text}")
        if unplaced and options["strict"]:
            raise CommandError(
                f"{len(unplaced)} line(s) could not be placed; nothing saved (--strict)"
            )
        if options["kind"]:
            tree["kind"] = options["kind"]
        if options["title"]:
            tree["title"] = options["title"]
        try:
            plan = plan_from_tree(
                organization=org,
                tree=tree,
                start_year=options["start"],
                end_year=options["end"],
                by=user,
            )
        except ValidationError as exc:
            raise CommandError("nothing saved:\n" + validation_lines(exc)) from None
        counts = {
            "issues": plan.issues.count(),
            "indicators": plan.indicators.count(),
            "projects": plan.projects.count(),
        }
        self.stdout.write(
            f"Imported plan {plan.pk} for {org.code} ({plan.start_year}–{plan.end_year}): "
            f"{counts['issues']} issues, {counts['indicators']} indicators, "
            f"{counts['projects']} projects; {len(unplaced)} line(s) not placed"
        )
