"""The dashboard's issue table shows the spending efficiency of the follow-up data: baht per
unit achieved (and planned) where an issue's projects share one unit, the ratio of output
achieved to budget spent everywhere."""

from __future__ import annotations

from decimal import Decimal

import pytest

from phaen.plans.tests.conftest import strategic  # noqa: F401
from phaen.reports.tests.test_followup_efficiency import efficient  # noqa: F401
from phaen.web.tests.test_dashboard import URL, add, login

pytestmark = pytest.mark.django_db


def test_the_issue_table_shows_baht_per_unit_and_the_ratio(client, world, efficient):  # noqa: F811
    response = login(client, world.planner, world.own).get(URL, {"quarter": "1"})
    assert response.status_code == 200
    groups = {g.number: g for g in response.context["data"].groups}
    assert groups[1].efficiency.cost_per_unit == Decimal("1500.00")
    assert groups[2].efficiency.ratio == Decimal("1.38")
    html = response.content.decode()
    table = html[html.index('data-testid="groups-table"') :]
    table = table[: table.index("</table>")]
    assert "1,500.00 / คน" in table  # issue 1: (50,000 + 10,000) ÷ 40 คน
    assert "(1,333.33)" in table  # planned: 400,000 ÷ 300
    assert ">1.00<" in table  # issue 1: 15 % of output for 15 % of the budget
    assert ">1.38<" in table  # issue 2: 27.5 % ÷ 20 %
    assert table.count('data-testid="efficiency-ratio"') == len(groups) + 1  # with the total


def test_an_issue_without_measured_output_shows_a_dash(client, world, efficient):  # noqa: F811
    add(efficient, "โครงการไม่มีเป้าผลผลิต", "5000", [1])  # no issue, no output target
    response = login(client, world.planner, world.own).get(URL, {"quarter": "1"})
    empty = [g for g in response.context["data"].groups if g.efficiency is None]
    assert [g.number for g in empty] == [None]
    html = response.content.decode()
    assert html.count('data-testid="efficiency-ratio">–<') == len(empty)
