"""phaen send_reminders [--today YYYY-MM-DD] [--dry-run] [--organization CODE …]

For cron (once a day): reminders before and after due dates, escalations to supervisors,
through in-app notifications, e-mail and each organisation's webhook. Prints what was sent
per channel; a failing channel is reported without stopping the others. Exit code 0 unless
every attempted send failed."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from phaen.alerts.choices import Channel
from phaen.alerts.services import send_reminders


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--today: “{text}” is not a date (YYYY-MM-DD, Christian era)") from None


class Command(BaseCommand):
    help = "Send reminders and escalations for today's warnings (in-app, e-mail, webhook)."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="run as if today were this date (YYYY-MM-DD)")
        parser.add_argument("--dry-run", action="store_true", help="show what would be sent")
        parser.add_argument(
            "--organization", action="append", help="only this organisation (code; repeatable)"
        )

    def handle(self, *args, **options):
        today = _day(options["today"]) if options["today"] else None
        result = send_reminders(
            today=today, dry_run=options["dry_run"], organizations=options["organization"]
        )
        head = "DRY RUN — nothing sent. " if result.dry_run else ""
        self.stdout.write(f"{head}Reminders for {result.today.isoformat()}")
        for channel in Channel:
            outcome = result.channels[channel.value]
            verb = "would send" if result.dry_run else "sent"
            self.stdout.write(
                f"{channel.value}: {len(outcome.sent)} {verb}, {len(outcome.failed)} failed, "
                f"{len(outcome.skipped)} skipped"
            )
            for line in outcome.sent:
                self.stdout.write(f"  + {line}")
            for line in outcome.skipped:
                self.stdout.write(f"  - {line}")
            for line in outcome.failed:
                self.stderr.write(f"  ! {channel.value} failed: {line}")
        if result.all_failed:
            raise CommandError("Every reminder failed to send.")
