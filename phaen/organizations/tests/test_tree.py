import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from phaen.organizations.models import Organization, OrganizationKind, Province

pytestmark = pytest.mark.django_db


def test_kinds_and_provinces_exist_after_migrate_alone():
    codes = set(OrganizationKind.objects.values_list("code", flat=True))
    assert {
        "ministry",
        "department",
        "provincial_office",
        "local_administration",
        "pao",
        "municipality",
        "sao",
        "school_or_agency",
        "unit",
    } <= codes
    assert OrganizationKind.default().code == "unit"
    sao = OrganizationKind.objects.get(code="sao")
    assert sao.parent.code == "local_administration" and sao.abbr_th == "อบต."
    assert Province.objects.count() == 77
    assert Province.objects.get(code="90").name_th == "สงขลา"


def test_create_organization_command_creates_with_defaults(capsys):
    call_command("create_organization", "ORG1", "สำนักงานทดสอบ")
    org = Organization.objects.get(code="ORG1")
    assert org.kind.code == "unit" and org.parent is None and org.path == f"/{org.pk}/"
    assert f"(id {org.pk}" in capsys.readouterr().out


def test_create_organization_command_with_kind_parent_and_province():
    call_command("create_organization", "MIN", "กระทรวงทดสอบ", "--kind", "ministry")
    call_command(
        "create_organization",
        "PO",
        "สำนักงานจังหวัด",
        "--kind",
        "provincial_office",
        "--parent",
        "MIN",
        "--province",
        "สงขลา",
    )
    po = Organization.objects.get(code="PO")
    assert po.parent.code == "MIN" and po.province.code == "90" and po.depth == 1
    assert po.history.count() == 1


def test_create_organization_command_is_idempotent_and_updates():
    call_command("create_organization", "X", "ชื่อเดิม")
    call_command("create_organization", "X", "ชื่อใหม่", "--kind", "sao")
    assert Organization.objects.filter(code="X").count() == 1
    org = Organization.objects.get(code="X")
    assert org.name_th == "ชื่อใหม่" and org.kind.code == "sao"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "castle"], "kind"),
        (["--parent", "NOPE"], "parent"),
        (["--province", "Atlantis"], "province"),
    ],
)
def test_create_organization_command_names_the_bad_option(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("create_organization", "BAD", "ผิด", *args)
    assert not Organization.objects.filter(code="BAD").exists()


def test_moving_an_organisation_rewrites_its_subtree_paths():
    call_command("create_organization", "A", "ก")
    call_command("create_organization", "B", "ข")
    call_command("create_organization", "A1", "ก1", "--parent", "A")
    call_command("create_organization", "A11", "ก11", "--parent", "A1")
    call_command("create_organization", "A1", "ก1", "--parent", "B")
    b, a1, a11 = (Organization.objects.get(code=c) for c in ("B", "A1", "A11"))
    assert a1.path == f"{b.path}{a1.pk}/" and a11.path == f"{a1.path}{a11.pk}/"
    assert a11.depth == 2
    assert set(b.descendants().values_list("code", flat=True)) == {"A1", "A11"}
    assert [o.code for o in a11.ancestors()] == ["B", "A1"]


def test_an_organisation_cannot_move_under_its_own_descendant():
    call_command("create_organization", "P", "แม่")
    call_command("create_organization", "C", "ลูก", "--parent", "P")
    parent = Organization.objects.get(code="P")
    parent.parent = Organization.objects.get(code="C")
    with pytest.raises(ValidationError) as info:
        parent.full_clean()
    assert "parent" in info.value.message_dict
