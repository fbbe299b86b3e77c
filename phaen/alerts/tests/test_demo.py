import pytest
from django.core.management import call_command
from django.utils import timezone

from phaen.alerts.models import AlertSettings
from phaen.alerts.selectors import warnings
from phaen.core import thai
from phaen.organizations.models import Organization

pytestmark = pytest.mark.django_db


def test_the_demo_has_settings_and_its_data_raises_warnings(capsys):
    call_command("load_demo")
    sk = Organization.objects.get(code="SK-PMJ")
    assert AlertSettings.objects.get(organization=sk).stale_days == 45
    found = warnings(sk, thai.fiscal_year(timezone.localdate()))
    assert found, "the demo's follow-up data should raise warnings"
    kinds = {w.kind for w in found}
    assert len(kinds) >= 2, kinds  # money, indicators, progress: whatever the demo holds
    assert all(w.url for w in found if w.project_id)
    assert "risk_triggered" in kinds  # the project behind its plan reported a risk
    call_command("send_reminders", "--dry-run")
    out = capsys.readouterr().out
    assert "DRY RUN" in out and "in_app:" in out
