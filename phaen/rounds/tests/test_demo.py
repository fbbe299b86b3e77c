import re

import pytest
from django.core.management import call_command

from phaen.plans.checks import alignment_check
from phaen.rounds.models import ReportingRound

pytestmark = pytest.mark.django_db


def test_the_demo_round_has_accepted_returned_and_late_agencies():
    call_command("load_demo")
    round_ = ReportingRound.objects.get(organization__code="NST-PEO")
    assert re.fullmatch(r"\d{4}-\d{2}", round_.period_code) and round_.is_past_deadline  # a month
    states = {
        s.organization.code: s for s in round_.submissions.select_related("organization", "round")
    }
    assert {code: s.state for code, s in states.items()} == {
        "NST-PESAO1": "submitted",
        "NST-SESAO": "accepted",
        "NST-DLE": "accepted",
        "NST-TECH": "not_submitted",
    }
    assert states["NST-TECH"].is_late
    kinds = list(states["NST-PESAO1"].moves.values_list("kind", flat=True))
    assert kinds == ["submitted", "returned", "submitted"]
    assert states["NST-SESAO"].snapshot["budget_planned"] == "335000.00"
    sesao = states["NST-SESAO"].snapshot
    assert sesao["projects"] == 3
    assert sesao["by_status"] == {"not_started": 1, "in_progress": 2, "done": 0, "postponed": 0}
    assert sesao["disbursed"] == "98000.00"  # 40% of 185,000 + 25% of 96,000
    for s in states.values():
        if s.plan_id:
            assert not alignment_check(s.plan).blocking
