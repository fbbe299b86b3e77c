import pytest

from phaen.reports.registry import Report, all_reports, get_report, register


def test_the_registry_knows_the_directory():
    report = get_report("org-directory")
    assert report in all_reports()
    assert str(report.title) == "ทำเนียบหน่วยงาน"
    assert report.formats == ("pdf", "xlsx", "json")


def test_an_unknown_report_names_the_known_ones():
    with pytest.raises(KeyError, match=r"known reports: .*org-directory"):
        get_report("nope")


def test_register_refuses_bad_names_orientations_and_duplicates():
    class Bad(Report):
        name = "Bad Name"

    class Sideways(Report):
        name = "sideways"
        orientation = "diagonal"

    class Twin(Report):
        name = "org-directory"

    for cls in (Bad, Sideways, Twin):
        with pytest.raises(ValueError):
            register(cls)
    assert type(get_report("org-directory")).__name__ == "OrgDirectoryReport"
