"""``phaen report NAME [options] --format pdf|xlsx|json --out FILE``: any registered report.

A thin wrapper over the registry: parse options, build as the given user, render, write.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from phaen.accounts.models import User
from phaen.reports.registry import FORMATS, ReportError, all_reports, get_report
from phaen.reports.renderers import render


def console_user() -> User:
    """An unsaved superuser standing for the operator at the console (full access)."""
    return User(username="console", is_superuser=True, is_staff=True, is_active=True)


class Command(BaseCommand):
    help = (
        "Produce a report as PDF, Excel or JSON: "
        "phaen report NAME [options] --format pdf|xlsx|json --out FILE. "
        "Use --list to see the reports and 'phaen report NAME --help' for a report's options."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--list", action="store_true", help="List the reports and exit.")
        sub = parser.add_subparsers(dest="report_name", metavar="NAME")
        for report in all_reports():
            report_parser = sub.add_parser(
                report.name, help=str(report.title), description=str(report.description)
            )
            report.add_arguments(report_parser)
            self._add_common_arguments(report_parser, report)

    def _add_common_arguments(self, parser, report) -> None:
        parser.add_argument(
            "--format",
            choices=[f for f in FORMATS if f in report.formats],
            help="Output format (default: from the --out file's extension, else json).",
        )
        parser.add_argument(
            "--out",
            metavar="FILE",
            help="File to write; '-' or nothing writes JSON to standard output.",
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="Build the report with this user's access rights. Without it the report "
            "is built with full access, as a superuser (you are the operator).",
        )
        parser.add_argument(
            "--thai-digits",
            action="store_true",
            help="Print numbers, dates and page numbers in Thai digits (PDF).",
        )
        parser.add_argument(
            "--lang",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="Language of the report (default: %(default)s).",
        )

    def handle(self, *args, **options) -> None:
        if options["list"]:
            for report in all_reports():
                self.stdout.write(f"{report.name}\t{report.title}")
            return
        name = options.get("report_name")
        if not name:
            known = ", ".join(r.name for r in all_reports())
            raise CommandError(f"Name a report (known reports: {known}) or use --list.")
        try:
            report = get_report(name)
        except KeyError as exc:
            raise CommandError(exc.args[0]) from None
        user = self._user(options.get("user"))
        fmt = self._format(options)
        with translation.override(options.get("lang") or settings.LANGUAGE_CODE):
            try:
                data = report.build(user=user, **report.options_from_command(options, user))
            except ReportError as exc:
                raise CommandError(str(exc)) from None
            rendered = render(report, data, fmt, thai_digits=options.get("thai_digits", False))
        self._write(rendered.content, fmt, options.get("out"))

    def _user(self, username: str | None) -> User:
        if not username:
            return console_user()
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user {username!r}.")
        if not user.is_active:
            raise CommandError(f"The user {username!r} is not active.")
        return user

    def _format(self, options) -> str:
        if options.get("format"):
            return options["format"]
        out = options.get("out")
        suffix = Path(out).suffix.lower().lstrip(".") if out and out != "-" else ""
        if suffix in FORMATS:
            return suffix
        if suffix:
            raise CommandError(f"Give --format: the extension .{suffix} is not one of {FORMATS}.")
        return "json"

    def _write(self, content: bytes, fmt: str, out: str | None) -> None:
        if not out or out == "-":
            if fmt != "json":
                raise CommandError(f"A {fmt} file needs --out FILE.")
            self.stdout.write(content.decode("utf-8"), ending="")
            return
        path = Path(out)
        try:
            path.write_bytes(content)
        except OSError as exc:
            raise CommandError(f"Cannot write {path}: {exc.strerror}") from None
        self.stdout.write(f"Wrote {path} ({len(content):,} bytes)")
