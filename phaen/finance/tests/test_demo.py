import pytest
from django.core.management import call_command

from phaen.finance import selectors
from phaen.finance.models import CarryOver, ImportBatch, Transaction, Transfer
from phaen.organizations.models import Organization

pytestmark = pytest.mark.django_db


def test_demo_money_and_an_import_with_one_mismatch_left():
    call_command("load_demo")
    sk = Organization.objects.get(code="SK-PMJ")
    sao = Organization.objects.get(code="SAO-NBT")
    money = Transaction.objects.filter(organization=sk)
    assert money.filter(kind="disbursement").count() >= 6
    assert money.filter(kind="advance").count() == 3 and money.filter(kind="clearing").count() == 1
    assert money.filter(confirmed_at__isnull=True).count() == 1
    assert Transfer.objects.get(organization=sk).state == "approved"
    assert CarryOver.objects.filter(organization=sk).exists()
    batch = ImportBatch.objects.get(organization=sao)
    assert batch.state == "confirmed"
    statuses = sorted(batch.rows.values_list("status", flat=True))
    assert statuses.count("difference") == 1 and statuses.count("new") == 4
    fy = batch.fiscal_year
    curve = selectors.s_curve(selectors.projects_in_force(sao, fy), fy)
    assert curve[1].cumulative_actual > 0
