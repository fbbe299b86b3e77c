import copy
import io

import pytest
from openpyxl import load_workbook

from phaen.strategy.excel import (
    ExcelImportError,
    template_workbook,
    tree_to_workbook,
    workbook_to_tree,
)
from phaen.strategy.services import plan_from_tree
from phaen.strategy.tree import plan_queryset, plan_to_tree


def reopen(wb):
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return load_workbook(buffer)


def comparable(tree):
    tree = copy.deepcopy(tree)
    for key in ("revision", "status", "plan"):
        tree.pop(key, None)
    return tree


def test_a_tree_survives_excel_unchanged(tree):
    assert comparable(workbook_to_tree(reopen(tree_to_workbook(tree)))) == comparable(tree)


@pytest.mark.django_db
def test_excel_to_plan_to_excel_is_lossless(world, tree):
    first = reopen(tree_to_workbook(tree))
    plan = plan_from_tree(organization=world.own, tree=workbook_to_tree(first))
    again = reopen(tree_to_workbook(plan_to_tree(plan_queryset().get(pk=plan.pk))))
    for name in first.sheetnames:
        values = [[c.value for c in row] for row in first[name].iter_rows()]
        assert values == [[c.value for c in row] for row in again[name].iter_rows()], name


def test_errors_name_sheet_row_and_column(tree):
    wb = reopen(tree_to_workbook(tree))
    wb["ตัวชี้วัด"]["K2"] = "มาก"  # weight not a number
    wb["ตัวชี้วัด"]["H3"] = "ขึ้นๆลงๆ"  # unknown direction
    wb["โครงการ"]["B2"] = "9.9"  # no such strategy
    with pytest.raises(ExcelImportError) as info:
        workbook_to_tree(wb)
    where = {(e.sheet, e.row, e.column) for e in info.value.errors}
    assert {("ตัวชี้วัด", 2, "K"), ("ตัวชี้วัด", 3, "H"), ("โครงการ", 2, "B")} <= where


def test_the_template_has_the_year_columns_and_reads_back_empty():
    wb = reopen(template_workbook("OWN", 2566, 2570))
    headers = [c.value for c in wb["ตัวชี้วัด"][1]]
    assert headers[-5:] == [f"เป้าหมาย {y}" for y in range(2566, 2571)]
    tree = workbook_to_tree(wb)
    assert tree["start_year"] == 2566 and tree["issues"] == []


def test_thai_digits_and_commas_in_numbers_are_read(tree):
    wb = reopen(tree_to_workbook(tree))
    wb["โครงการ"].cell(row=2, column=14, value="๑,๒๕๐,๐๐๐")
    read = workbook_to_tree(wb)
    first = read["issues"][0]["strategies"][0]["projects"][0]
    assert first["budgets"]["2566"] == 1250000
