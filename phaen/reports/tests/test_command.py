import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from phaen.organizations.models import Unit
from phaen.reports.tests.pdf_text import pdf_text


@pytest.fixture
def units(world):
    Unit.objects.create(organization=world.own, code="P", name_th="กองยุทธศาสตร์และแผนงาน")
    return world


def run(*args) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def test_it_prints_json_to_stdout_by_default(units):
    doc = json.loads(run("org-directory", "--org", "OWN"))
    assert doc["organization"]["code"] == "OWN"
    assert [u["name"] for u in doc["units"]] == ["กองยุทธศาสตร์และแผนงาน"]


def test_out_dash_writes_only_json_to_stdout(units):
    text = run("org-directory", "--org", "OWN", "--format", "json", "--out", "-")
    assert json.loads(text)["organization"]["name"] == "สำนักงานจังหวัดทดสอบ"


def test_it_writes_pdf_xlsx_and_json_files(units, tmp_path):
    pdf, xlsx, js = tmp_path / "d.pdf", tmp_path / "d.xlsx", tmp_path / "d.json"
    assert "Wrote" in run("org-directory", "--org", "OWN", "--format", "pdf", "--out", str(pdf))
    run("org-directory", "--org", "OWN", "--out", str(xlsx))  # format from the extension
    run("org-directory", "--org", "OWN", "--format", "json", "--out", str(js))
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert "กองยุทธศาสตร์และแผนงาน" in pdf_text(pdf.read_bytes())
    wb = load_workbook(xlsx)
    assert wb["หน่วยย่อย"]["B6"].value == "กองยุทธศาสตร์และแผนงาน"
    assert json.loads(js.read_text(encoding="utf-8"))["units"][0]["code"] == "P"


def test_thai_digits_and_english_options(units, tmp_path):
    pdf = tmp_path / "d.pdf"
    run("org-directory", "--org", "OWN", "--out", str(pdf), "--thai-digits", "--date", "2025-01-15")
    assert "๑๕ มกราคม ๒๕๖๘" in pdf_text(pdf.read_bytes())
    run("org-directory", "--org", "OWN", "--out", str(pdf), "--lang", "en")
    assert "Organisation directory" in pdf_text(pdf.read_bytes())


def test_it_builds_as_the_given_user(units):
    assert json.loads(run("org-directory", "--org", "CHILD", "--user", "own-viewer"))
    with pytest.raises(CommandError, match="OTHER"):
        run("org-directory", "--org", "OTHER", "--user", "own-viewer")


def test_it_refuses_unknown_users_organisations_and_reports(units):
    with pytest.raises(CommandError, match="no user 'ghost'"):
        run("org-directory", "--org", "OWN", "--user", "ghost")
    with pytest.raises(CommandError, match="NOPE"):
        run("org-directory", "--org", "NOPE")
    with pytest.raises(CommandError, match=r"invalid choice: 'nope'.*org-directory"):
        run("nope")
    with pytest.raises(CommandError, match=r"Name a report.*org-directory"):
        run()


def test_binary_formats_need_a_file(units):
    with pytest.raises(CommandError, match="needs --out"):
        run("org-directory", "--org", "OWN", "--format", "pdf")
    with pytest.raises(CommandError, match=r"extension \.txt"):
        run("org-directory", "--org", "OWN", "--out", "x.txt")


def test_it_lists_the_reports(db):
    assert "org-directory\tทำเนียบหน่วยงาน" in run("--list")
