from django.core.management.base import BaseCommand

from phaen.accounts.models import User
from phaen.organizations.demo import DEMO_LOGINS, DEMO_PASSWORD, SUPERUSER
from phaen.organizations.models import Organization


class Command(BaseCommand):
    help = "Print the demo logins that exist in this database (username, role, organisation)."

    def handle(self, *args, **options):
        existing = set(
            User.objects.filter(
                username__in=[u for u, _, _ in DEMO_LOGINS] + [SUPERUSER]
            ).values_list("username", flat=True)
        )
        if not existing:
            self.stdout.write("No demo logins in this database (run `phaen load_demo`).")
            return
        names = dict(Organization.objects.values_list("code", "short_name_th"))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, role, org_code in DEMO_LOGINS:
            if username in existing:
                self.stdout.write(
                    f"  {username:<16} {role.label:<32} {names.get(org_code, org_code)}"
                )
        if SUPERUSER in existing:
            self.stdout.write(f"  {SUPERUSER:<16} superuser (sees and may do everything)")
