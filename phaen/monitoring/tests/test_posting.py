"""Posting of a local administration's monitoring report: each window at its boundary
(Buddhist-Era fiscal year 2570: the six-month round ends 31 March 2027, the annual round
30 September 2027, the December deadline is 31 December 2027)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from phaen.core import testing
from phaen.monitoring import posting as rules
from phaen.monitoring.models import ReportPosting
from phaen.monitoring.selectors import period_by_code
from phaen.organizations.choices import Role
from phaen.plans import services as plan_services

pytestmark = pytest.mark.django_db
FY = 2570
D = dt.date


class Lao:
    """An อบต. with a planner and its FY 2570 plan."""

    def __init__(self, world, code="SAO-T"):
        self.org = testing.make_org(code, "อบต.ทดสอบ", parent=world.parent, kind="sao")
        self.planner = testing.make_user(self.org, Role.PLANNER, username=f"{code}.planner")
        self.plan = plan_services.plan_create(
            organization=self.org, kind="action_plan", fiscal_year=FY, by=self.planner
        )

    def round(self, code):
        return period_by_code(organization=self.org, fiscal_year=FY, code=code)

    def post(self, code="R6", **fields):
        return rules.posting_save(
            plan=self.plan, period=self.round(code), by=self.planner, **fields
        )


@pytest.fixture
def lao(world):
    return Lao(world)


def codes(posting, today):
    return [f.code for f in rules.posting_findings(posting, today=today)]


@pytest.mark.parametrize(
    ("posted_from", "expected"),
    [(D(2027, 4, 20), []), (D(2027, 4, 21), ["late"])],  # presented 5 April: day 15 / day 16
)
def test_posted_within_15_days_of_being_presented(lao, posted_from, expected):
    posting = lao.post(reported_on=D(2027, 4, 5), posted_from=posted_from)
    assert codes(posting, posted_from) == expected


@pytest.mark.parametrize(
    ("posted_until", "expected"),
    [(D(2027, 5, 7), []), (D(2027, 5, 6), ["too_short"])],  # 8 April: 30 days / 29 days
)
def test_posted_for_at_least_30_days_both_ends_counted(lao, posted_until, expected):
    posting = lao.post(
        reported_on=D(2027, 4, 5), posted_from=D(2027, 4, 8), posted_until=posted_until
    )
    found = rules.posting_findings(posting, today=D(2027, 6, 1))
    assert [f.code for f in found] == expected
    if expected:
        assert found[0].field == "posted_until" and "29" in found[0].message


@pytest.mark.parametrize(
    ("today", "expected"),
    [(D(2027, 4, 20), []), (D(2027, 4, 21), ["not_posted"])],
)
def test_not_posted_warns_from_the_day_after_the_deadline(lao, today, expected):
    posting = lao.post(reported_on=D(2027, 4, 5))
    assert codes(posting, today) == expected


@pytest.mark.parametrize(
    ("reported_on", "posted_from", "expected"),
    [
        (D(2027, 12, 20), D(2027, 12, 31), []),  # the last day of December
        (D(2027, 12, 20), D(2028, 1, 1), ["after_december"]),  # within 15 days, too late
        (D(2027, 11, 1), D(2028, 1, 2), ["late", "after_december"]),
    ],
)
def test_the_annual_report_is_posted_by_december(lao, reported_on, posted_from, expected):
    posting = lao.post("R12", reported_on=reported_on, posted_from=posted_from)
    assert codes(posting, posted_from) == expected


def test_the_annual_deadline_is_the_earlier_of_15_days_and_december(lao):
    posting = lao.post("R12", reported_on=D(2027, 12, 20))
    assert rules.posting_deadline(posting) == D(2027, 12, 31)
    assert codes(posting, D(2027, 12, 31)) == []
    assert codes(posting, D(2028, 1, 1)) == ["not_posted"]
    # the six-month report has no December rule
    six = lao.post(reported_on=D(2027, 12, 20))
    assert rules.posting_deadline(six) == D(2028, 1, 4)


def test_bad_input_names_the_field(lao, world):
    with pytest.raises(ValidationError) as exc:
        lao.post("R9", reported_on=D(2027, 7, 5))
    assert list(exc.value.message_dict) == ["period"]
    with pytest.raises(ValidationError) as exc:
        lao.post(reported_on=D(2027, 3, 31))  # the round ends that day
    assert list(exc.value.message_dict) == ["reported_on"]
    with pytest.raises(ValidationError) as exc:
        lao.post(reported_on=D(2027, 4, 5), posted_from=D(2027, 4, 4))
    assert list(exc.value.message_dict) == ["posted_from"]
    with pytest.raises(ValidationError) as exc:
        lao.post(reported_on=D(2027, 4, 5), posted_from=D(2027, 4, 9), posted_until=D(2027, 4, 8))
    assert list(exc.value.message_dict) == ["posted_until"]
    lao.post(reported_on=D(2027, 4, 5))
    with pytest.raises(ValidationError) as exc:
        lao.post(reported_on=D(2027, 4, 6))
    assert list(exc.value.message_dict) == ["period"]
    # an agency that is not a local administration does not post
    agency_plan = plan_services.plan_create(
        organization=world.own, kind="action_plan", fiscal_year=FY, by=world.planner
    )
    with pytest.raises(ValidationError) as exc:
        rules.posting_save(
            plan=agency_plan,
            period=period_by_code(organization=world.own, fiscal_year=FY, code="R6"),
            reported_on=D(2027, 4, 5),
            by=world.planner,
        )
    assert "organization" in exc.value.message_dict
    assert ReportPosting.objects.count() == 1


# --- the page and the API ------------------------------------------------------------------
def test_the_page_lists_both_rounds_and_the_planner_records_a_posting(client, world, lao):
    from django.urls import reverse

    from phaen.web.middleware import SESSION_FY, SESSION_ORG

    def login(user):
        client.force_login(user)
        session = client.session
        session[SESSION_ORG] = lao.org.pk
        session[SESSION_FY] = FY
        session.save()

    login(lao.planner)
    page = client.get(reverse("monitoring:postings")).content.decode()
    assert 'data-testid="posting-R6"' in page and 'data-testid="posting-R12"' in page
    assert 'data-testid="record-R6"' in page
    url = reverse("monitoring:posting_form", args=["R6"])
    response = client.post(url, {"reported_on": "5/4/2570", "posted_from": "21/4/2570"})
    assert response.status_code == 302
    posting = ReportPosting.objects.get()
    assert (posting.posted_from, posting.recorded_by) == (D(2027, 4, 21), lao.planner)
    page = client.get(reverse("monitoring:postings")).content.decode()
    assert 'data-testid="finding-late"' in page
    # bad input names the field, nothing changes
    response = client.post(url, {"reported_on": "31/3/2570"})
    assert response.status_code == 200 and 'data-testid="form-errors"' in response.content.decode()
    assert ReportPosting.objects.get().reported_on == D(2027, 4, 5)
    assert client.get(reverse("monitoring:posting_form", args=["R9"])).status_code == 404
    # a viewer of the organisation sees the page but may not record
    viewer = testing.make_user(lao.org, Role.VIEWER, username="sao.viewer")
    login(viewer)
    page = client.get(reverse("monitoring:postings")).content.decode()
    assert 'data-testid="finding-late"' in page and 'data-testid="record-R6"' not in page
    assert client.get(url).status_code == 403
    # an outsider is switched to an organisation they belong to: nothing of the อบต.
    login(world.outsider)
    response = client.get(reverse("monitoring:postings"))
    assert response.status_code in (200, 403)
    assert 'data-testid="finding-late"' not in response.content.decode()


def test_the_api_records_a_posting_with_its_findings(world, lao):
    from phaen.api.testing import bearer_client

    client = bearer_client(lao.planner)
    body = {
        "plan": lao.plan.pk,
        "period": lao.round("R12").pk,
        "reported_on": "2027-12-20",
        "posted_from": "2028-01-01",
        "posted_until": "2028-01-20",
    }
    response = client.post("/api/v1/report-postings/", body, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["deadline"] == "2027-12-31" and data["period_code"] == "R12"
    assert [f["code"] for f in data["findings"]] == ["after_december", "too_short"]
    response = client.patch(
        f"/api/v1/report-postings/{data['id']}/", {"posted_until": "2027-12-01"}, format="json"
    )
    assert response.status_code == 400 and "posted_until" in response.json()["error"]["fields"]
    # others: the agency's planner may not write in the อบต.; a viewer of it reads
    other = bearer_client(world.planner)
    assert other.get("/api/v1/report-postings/").json()["count"] == 0
    assert other.post("/api/v1/report-postings/", body, format="json").status_code in (400, 403)
    viewer = bearer_client(testing.make_user(lao.org, Role.VIEWER, username="sao.viewer"))
    assert viewer.get("/api/v1/report-postings/").json()["count"] == 1
    assert viewer.patch(
        f"/api/v1/report-postings/{data['id']}/", {"note": "x"}, format="json"
    ).status_code in (403, 404)


ROLES = [r.value for r in Role]


@pytest.mark.parametrize("role", ROLES)
def test_access_in_the_local_administration(world, lao, role):
    from phaen.organizations.access import can

    posting = lao.post(reported_on=D(2027, 4, 5))
    user = testing.make_user(lao.org, role, username=f"sao.{role}")
    assert can(user, "view", posting)
    for action in ("add", "change", "delete"):
        assert can(user, action, posting) == (role in ("planner", "org_admin")), action


@pytest.mark.parametrize("relation", ["parent", "child", "other"])
@pytest.mark.parametrize("role", ["planner", "org_admin", "viewer"])
def test_access_from_elsewhere_and_outside_local_administrations(world, lao, relation, role):
    from phaen.organizations.access import can

    posting = lao.post(reported_on=D(2027, 4, 5))
    child = testing.make_org("SAO-C", parent=lao.org, kind="sao")
    org = {"parent": world.parent, "child": child, "other": world.other}[relation]
    user = testing.make_user(org, role, username=f"{relation}.{role}")
    assert can(user, "view", posting) == (relation == "parent")
    assert not any(can(user, a, posting) for a in ("add", "change", "delete"))
    # a record of an organisation that is not a local administration: nobody writes it
    agency_plan = plan_services.plan_create(
        organization=world.own, kind="action_plan", fiscal_year=FY, by=world.planner
    )
    stray = ReportPosting.objects.create(
        organization=world.own,
        plan=agency_plan,
        period=period_by_code(organization=world.own, fiscal_year=FY, code="R6"),
        reported_on=D(2027, 4, 5),
    )
    assert can(world.planner, "view", stray) and not can(world.planner, "change", stray)
