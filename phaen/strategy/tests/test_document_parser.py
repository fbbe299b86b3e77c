"""The strategic-plan document parser: .txt and .docx in, the plan tree out.

The documents in ``documents/`` are invented but laid out as Thai agencies lay out theirs
(see documents/README.md); the .docx files are built here with python-docx.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.functional import Promise

from phaen.strategy.importers.document import (
    UNPLACED_REASONS,
    WARNING_KINDS,
    DocumentError,
    parse_document,
    parse_plan_text,
    read_document,
)

DOCUMENTS = Path(__file__).parent / "documents"
SOCIAL = DOCUMENTS / "social_development_office_2566_2570.txt"
EDUCATION = DOCUMENTS / "education_office_thai_digits.txt"
LOCAL = DOCUMENTS / "subdistrict_local_plan.txt"
WEB_COPY = DOCUMENTS / "agriculture_office_web_copy.txt"
SWOT = DOCUMENTS / "labour_office_with_swot.txt"
ALL_DOCUMENTS = [SOCIAL, EDUCATION, LOCAL, WEB_COPY, SWOT]


def unplaced(result) -> list[tuple[int, str]]:
    return [(line.line_no, line.reason) for line in result.unplaced]


def warnings(result) -> list[tuple[int, str]]:
    return [(warning.line_no, warning.kind) for warning in result.warnings]


def names(issue: dict) -> list[str]:
    """Every name and title under an issue, however deep."""
    found = [issue["title"], issue["objective"], issue.get("section_title", "")]
    stack = list(issue["indicators"])
    while stack:
        indicator = stack.pop()
        found.append(indicator["name"])
        stack.extend(indicator["children"])
    for strategy in issue["strategies"]:
        found += [strategy["name"], *(p["name"] for p in strategy["projects"])]
    return found + [project["name"] for project in issue["projects"]]


def all_names(tree: dict) -> list[str]:
    found = [tree["vision"], *tree["missions"], *tree["objectives"]]
    found += [text for items in tree["swot"].values() for text in items]
    return found + [name for issue in tree["issues"] for name in names(issue)]


# --- A provincial office's plan: the whole layout ---------------------------------------


def test_it_reads_the_social_development_office_plan_into_the_exact_tree():
    result = parse_document(SOCIAL, SOCIAL.name)
    tree = result.to_dict()

    assert result.unplaced == [] and result.warnings == [] and result.complete
    assert tree["title"] == (
        "แผนยุทธศาสตร์สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดพัทลุง พ.ศ. 2566 – 2570"
    )
    assert (tree["start_year"], tree["end_year"]) == (2566, 2570)
    assert tree["vision"] == "สังคมพัทลุงมั่นคง ประชาชนทุกช่วงวัยมีคุณภาพชีวิตที่ดีและพึ่งพาตนเองได้"
    assert len(tree["missions"]) == 4 and len(tree["objectives"]) == 4
    assert tree["missions"][3] == "พัฒนาองค์กรให้มีสมรรถนะสูงและใช้ข้อมูลดิจิทัลในการบริหารงาน"
    assert [issue["number"] for issue in tree["issues"]] == [1, 2, 3, 4]
    assert tree["issues"][0] == {
        "number": 1,
        "title": "การพัฒนาศักยภาพคนทุกช่วงวัยและกลุ่มเปราะบาง",
        "objective": "กลุ่มเป้าหมายทุกช่วงวัยได้รับการพัฒนาศักยภาพ มีอาชีพและรายได้ที่มั่นคง",
        "indicators": [
            {
                "number": "1",
                "name": "ร้อยละของกลุ่มเป้าหมายที่ได้รับการพัฒนาศักยภาพมีรายได้เพิ่มขึ้น",
                "children": [
                    {
                        "number": "1.1",
                        "name": "ร้อยละของผู้สูงอายุที่ผ่านการฝึกอาชีพมีรายได้เพิ่มขึ้น",
                        "children": [],
                    },
                    {
                        "number": "1.2",
                        "name": "ร้อยละของคนพิการที่ได้รับการจ้างงานหรือประกอบอาชีพอิสระ",
                        "children": [],
                    },
                ],
            },
            {"number": "2", "name": "จำนวนผู้สูงอายุที่ได้รับการพัฒนาทักษะดิจิทัล", "children": []},
        ],
        "strategies": [
            {
                "number": "1",
                "name": "ส่งเสริมการพัฒนาทักษะอาชีพและการเข้าถึงแหล่งทุนของกลุ่มเปราะบาง",
                "projects": [
                    {"name": "โครงการฝึกอาชีพผู้สูงอายุและคนพิการตามความต้องการของตลาดแรงงาน"},
                    {"name": "โครงการกองทุนผู้สูงอายุเพื่อการประกอบอาชีพ"},
                ],
            },
            {
                "number": "2",
                "name": "พัฒนาทักษะการใช้เทคโนโลยีดิจิทัลของผู้สูงอายุ",
                "projects": [{"name": "โครงการผู้สูงวัยรู้ทันเทคโนโลยี"}],
            },
        ],
        "projects": [
            {"name": "โครงการโรงเรียนผู้สูงอายุต้นแบบจังหวัดพัทลุง"},
            {"name": "โครงการส่งเสริมการจ้างงานคนพิการในสถานประกอบการ"},
        ],
    }
    counts = [
        (len(i["indicators"]), len(i["strategies"]), len(i["projects"])) for i in tree["issues"]
    ]
    assert counts == [(2, 2, 2), (2, 3, 2), (2, 2, 1), (2, 2, 0)]
    assert tree["swot"] == {"strengths": [], "weaknesses": [], "opportunities": [], "threats": []}


def test_it_matches_a_section_to_the_list_by_number_and_keeps_the_lists_title():
    issue = parse_document(SOCIAL).to_dict()["issues"][1]

    assert issue["title"] == "การคุ้มครองทางสังคมและการจัดสวัสดิการที่ทั่วถึง"
    assert issue["section_title"] == "คุ้มครองทางสังคมและจัดสวัสดิการอย่างทั่วถึงและเป็นธรรม"
    assert issue["indicators"][0]["name"].startswith("ร้อยละของผู้ประสบปัญหาทางสังคม")


def test_it_joins_a_wrapped_line_to_the_item_before_it():
    issue = parse_document(SOCIAL).to_dict()["issues"][1]

    assert issue["objective"] == (
        "ผู้ประสบปัญหาทางสังคมได้รับการคุ้มครอง ช่วยเหลือ และเข้าถึงสวัสดิการของรัฐ อย่างทั่วถึงและเป็นธรรม"
    )
    wrapped = issue["indicators"][1]
    assert wrapped["name"] == (
        "ร้อยละของครัวเรือนเปราะบางที่ได้รับการช่วยเหลือตามแนวทาง การแก้ไขปัญหาแบบพุ่งเป้า"
    )
    assert [child["number"] for child in wrapped["children"]] == ["2.1", "2.2"]


def test_it_gives_a_strategy_the_projects_listed_right_after_it_in_another_style():
    issues = parse_document(SOCIAL).to_dict()["issues"]

    dashed = issues[1]["strategies"]  # "1." strategies, "-" projects
    assert [len(s["projects"]) for s in dashed] == [2, 1, 0]
    assert dashed[0]["projects"][1] == {"name": "โครงการพัฒนาทีมปฏิบัติการทางสังคมระดับอำเภอ"}
    assert [p["name"] for p in issues[1]["projects"]] == [
        "โครงการมหกรรมสวัสดิการสังคมเคลื่อนที่",
        "โครงการจัดหาอุปกรณ์เครื่องช่วยความพิการ",
    ]
    assert issues[3]["projects"] == []
    assert [p["name"] for p in issues[3]["strategies"][1]["projects"]] == [
        "โครงการพัฒนาสมรรถนะบุคลากรสู่การเป็นนักพัฒนาสังคมมืออาชีพ",
        "โครงการองค์กรคุณธรรมและความโปร่งใส",
    ]


# --- An education office: Thai digits, a column-header line ----------------------------


def test_it_reads_thai_digits_for_numbering_and_keeps_them_in_names():
    result = parse_document(EDUCATION)
    tree = result.to_dict()

    assert result.unplaced == [] and result.warnings == []
    assert (tree["start_year"], tree["end_year"]) == (2566, 2570)
    assert tree["vision"].endswith("มีทักษะแห่งศตวรรษที่ ๒๑ บนพื้นฐานความเป็นไทย")
    assert len(tree["missions"]) == 4
    assert tree["objectives"][2] == "ครูและบุคลากรทางการศึกษามีสมรรถนะตามมาตรฐานวิชาชีพ"
    first = tree["issues"][0]
    assert first["indicators"][0]["name"] == (
        "ร้อยละของผู้เรียนที่มีผลการทดสอบระดับชาติ (O-NET) ตั้งแต่ร้อยละ ๕๐ ขึ้นไป"
    )
    assert [(c["number"], c["name"]) for c in first["indicators"][0]["children"]] == [
        ("1.1", "ระดับชั้นประถมศึกษาปีที่ ๖"),
        ("1.2", "ระดับชั้นมัธยมศึกษาปีที่ ๓"),
        ("1.3", "ระดับชั้นมัธยมศึกษาปีที่ ๖"),
    ]
    assert [(s["number"], len(s["projects"])) for s in first["strategies"]] == [("1", 2), ("2", 1)]
    assert first["projects"] == [{"name": "โครงการพัฒนาหลักสูตรท้องถิ่นจังหวัดกระบี่"}]


def test_it_consumes_the_column_header_line_and_reads_mixed_thai_and_arabic_numbers():
    text = EDUCATION.read_text(encoding="utf-8")
    assert "ตัวชี้วัด\tกลยุทธ์\tโครงการ" in text
    tree = parse_plan_text(text).to_dict()

    second = tree["issues"][1]
    assert second["section_title"] == "สร้างโอกาสทางการศึกษาให้ทุกคน"
    assert [p["name"] for p in second["projects"]] == [  # "๑." then "2."
        "โครงการทุนการศึกษาเพื่อเด็กด้อยโอกาส",
        "โครงการห้องสมุดเคลื่อนที่สู่ชุมชนชายฝั่ง",
    ]
    assert [(s["number"], len(s["projects"])) for s in second["strategies"]] == [("1", 1), ("2", 0)]
    assert len(tree["objectives"]) == 3  # "๑." "๒." then "3."


# --- A local administration: ยุทธศาสตร์ / แนวทางการพัฒนา --------------------------------


def test_it_reads_a_local_administrations_plan_wording():
    result = parse_document(LOCAL)
    tree = result.to_dict()

    assert [issue["title"] for issue in tree["issues"]] == [
        "ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน",
        "ยุทธศาสตร์การพัฒนาด้านเศรษฐกิจและการเกษตร",
        "ยุทธศาสตร์การพัฒนาด้านคุณภาพชีวิตและสังคม",
    ]
    assert tree["issues"][0]["section_title"] == "การพัฒนาด้านโครงสร้างพื้นฐาน"
    first = tree["issues"][0]
    assert [(s["number"], s["projects"]) for s in first["strategies"]] == [("1.1", []), ("1.2", [])]
    assert [p["name"] for p in first["projects"]] == [
        "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านนาใต้ - บ้านทุ่งยาว หมู่ที่ ๓",
        "โครงการขยายเขตประปาหมู่บ้าน หมู่ที่ ๕",
        "โครงการติดตั้งไฟฟ้าส่องสว่างพลังงานแสงอาทิตย์ หมู่ที่ ๑ - ๗",
    ]
    assert [len(i["projects"]) for i in tree["issues"]] == [3, 2, 3]
    assert len(tree["missions"]) == 3 and tree["objectives"] == []


def test_it_reports_the_parts_of_a_document_that_are_not_the_plan():
    result = parse_document(LOCAL)

    # the province's strategies (lines 6-9) and the target values under ค่าเป้าหมาย
    assert unplaced(result) == [
        (6, "outside_plan"),
        (7, "outside_plan"),
        (8, "outside_plan"),
        (9, "outside_plan"),
        (30, "outside_plan"),
        (31, "outside_plan"),
    ]
    assert result.unplaced[4].text == "๑๒ กิโลเมตร"
    assert "การพัฒนาเกษตรปลอดภัยและเพิ่มมูลค่าสินค้าเกษตร" not in str(result.to_dict())


# --- Copied from a web page, with typos in the headings ---------------------------------


def test_it_tolerates_typos_in_headings_and_says_so():
    result = parse_document(WEB_COPY)
    tree = result.to_dict()

    assert tree["vision"] == "เกษตรกรมีความมั่นคงทางอาชีพ สินค้าเกษตรปลอดภัย ได้มาตรฐาน เชื่อมโยงตลาด"
    assert len(tree["missions"]) == 3
    assert [len(issue["indicators"]) for issue in tree["issues"]] == [2, 1, 1, 1]
    assert tree["issues"][0]["objective"] == "ผลผลิตทางการเกษตรได้รับการรับรองมาตรฐานเพิ่มขึ้น"
    assert tree["issues"][0]["section_title"] == "ยกระดับการผลิตสินค้าเกษตรให้ปลอดภัยและได้มาตรฐาน"
    typos = [w for w in result.warnings if w.kind == "heading_typo"]
    assert [(w.line_no, w.text.split()[0]) for w in typos] == [
        (6, "วิสัยทศน์"),
        (9, "พันธกิจจ"),
        (14, "ประเด็นยุทธศาสตร"),
        (20, "เป้าประสงค"),
        (21, "ตัวชีวัด"),
        (24, "กลยุทธ"),
    ]


def test_it_reports_web_debris_page_numbers_and_stray_items_with_line_numbers():
    result = parse_document(WEB_COPY)

    assert unplaced(result) == [
        (1, "before_content"),
        (2, "before_content"),
        (4, "before_content"),
        (27, "page_furniture"),
        (43, "no_list"),
        *[(no, "after_content") for no in range(53, 61)],
    ]
    assert result.unplaced[0].text == "หน้าแรก | เกี่ยวกับเรา | ข่าวประชาสัมพันธ์ | ติดต่อเรา"
    assert result.unplaced[-1].text == "โทร. 0 7561 1234"
    assert not result.complete


def test_it_never_puts_debris_into_names():
    tree = parse_document(WEB_COPY).to_dict()

    text = " ".join(all_names(tree))
    for debris in ("แชร์", "Facebook", "Copyright", "เข้าชม", "หน้าแรก", "โพสต์เมื่อ", "- 3 -"):
        assert debris not in text
    assert "\u200b" not in text and "\u00a0" not in text
    assert tree["issues"][0]["projects"][1] == {
        "name": "โครงการพัฒนาศูนย์เรียนรู้การเพิ่มประสิทธิภาพการผลิตสินค้าเกษตร ประจำอำเภอ"
    }


def test_it_creates_an_issue_for_a_section_whose_number_is_not_in_the_list():
    result = parse_document(WEB_COPY)
    fourth = result.to_dict()["issues"][3]

    assert (fourth["number"], fourth["title"]) == (4, "การบริหารจัดการองค์กร")
    assert "section_title" not in fourth
    assert (47, "issue_not_in_list") in warnings(result)


# --- SWOT, labelled items, strategies' own project lists --------------------------------


def test_it_reads_swot_lists_in_both_layouts():
    result = parse_document(SWOT)
    swot = result.to_dict()["swot"]

    assert swot["strengths"] == [
        "บุคลากรมีความรู้และประสบการณ์ด้านแรงงาน",
        "มีฐานข้อมูลตลาดแรงงานของจังหวัดที่เป็นปัจจุบัน",
        "มีเครือข่ายความร่วมมือกับสถานประกอบการและสถานศึกษา",
        "ผู้บริหารให้ความสำคัญกับการวางแผนและติดตามผล",  # "จุดแข็ง …" on its line
        "เจ้าหน้าที่แผนมีประสบการณ์ในการจัดทำแผนปฏิบัติราชการ",  # "จุดแข็ง(ต่อ) …"
    ]
    assert [len(swot[k]) for k in ("weaknesses", "opportunities", "threats")] == [3, 3, 3]
    assert swot["threats"][-1] == "ข้อมูลจากหน่วยงานที่เกี่ยวข้องส่งล่าช้า"
    assert warnings(result) == [(19, "repeated_heading")]  # the second analysis is added
    assert unplaced(result) == [(26, "outside_plan"), (27, "outside_plan")]  # ค่านิยม


def test_it_reads_labelled_items_and_projects_under_a_strategy():
    tree = parse_document(SWOT).to_dict()

    assert tree["objectives"] == [
        "แรงงานมีทักษะฝีมือตรงกับความต้องการของสถานประกอบการ",
        "แรงงานได้รับการคุ้มครองตามกฎหมายและมีหลักประกันทางสังคม",
    ]
    first = tree["issues"][0]
    assert [i["number"] for i in first["indicators"]] == ["1", "2"]
    assert [(s["number"], [p["name"] for p in s["projects"]]) for s in first["strategies"]] == [
        (
            "1",
            [
                "โครงการฝึกทักษะแรงงานภาคการท่องเที่ยวและบริการ",
                "โครงการยกระดับฝีมือแรงงานด้วยเทคโนโลยีดิจิทัล",
            ],
        ),
        ("2", ["โครงการนัดพบแรงงานและแนะแนวอาชีพ"]),
    ]
    assert first["projects"] == [] and tree["issues"][1]["objective"].startswith("แรงงานในและนอก")


# --- Rules on small texts --------------------------------------------------------------

HEAD = "วิสัยทัศน์\nองค์กรคุณภาพ\nประเด็นยุทธศาสตร์ที่ 1 การพัฒนาคน\n"


def test_it_keeps_a_sub_indicator_without_parent_and_warns():
    result = parse_plan_text(HEAD + "ตัวชี้วัด\n1. จำนวนผู้รับบริการ\n3.1 ร้อยละของผู้พึงพอใจ\n")
    indicators = result.to_dict()["issues"][0]["indicators"]

    assert [(i["number"], i["children"]) for i in indicators] == [("1", []), ("3.1", [])]
    assert warnings(result) == [(6, "orphan_sub_item")]


def test_it_nests_sub_sub_indicators_and_other_styles_under_the_last_indicator():
    text = HEAD + "ตัวชี้วัด\n1. ก\n1.1 ข\n1.1.1 ค\n2. ง\n(1) จ\n(2) ฉ\n"
    indicators = parse_plan_text(text).to_dict()["issues"][0]["indicators"]

    assert indicators[0]["children"][0]["children"] == [
        {"number": "1.1.1", "name": "ค", "children": []}
    ]
    assert [(c["number"], c["name"]) for c in indicators[1]["children"]] == [("1", "จ"), ("2", "ฉ")]


def test_it_reports_a_sub_item_that_has_no_place_in_the_plan():
    result = parse_plan_text("พันธกิจ\n1. ส่งเสริมอาชีพ\n- ฝึกอบรมกลุ่มสตรี\n2. คุ้มครองสิทธิ\n")

    assert result.to_dict()["missions"] == ["ส่งเสริมอาชีพ", "คุ้มครองสิทธิ"]
    assert unplaced(result) == [(3, "nested_item")]
    assert result.unplaced[0].text == "- ฝึกอบรมกลุ่มสตรี"


def test_it_drops_a_number_without_text_and_reports_it_but_keeps_a_name_on_the_next_line():
    result = parse_plan_text(HEAD + "โครงการ\n1.\nโครงการหนึ่ง\n2.\n")

    assert result.to_dict()["issues"][0]["projects"] == [{"name": "โครงการหนึ่ง"}]
    assert unplaced(result) == [(7, "empty_item")]


def test_it_warns_when_numbering_restarts_inside_a_list():
    result = parse_plan_text(HEAD + "กลยุทธ์\n1. ก\n2. ข\n1. ค\n")

    assert len(result.to_dict()["issues"][0]["strategies"]) == 3
    assert warnings(result) == [(7, "numbering_restarted")]


def test_it_reports_lists_outside_an_issue_section():
    result = parse_plan_text("วิสัยทัศน์ องค์กรคุณภาพ\nตัวชี้วัด\n1. ร้อยละ\nกลยุทธ์\n1. ส่งเสริม\n")

    assert result.to_dict()["vision"] == "องค์กรคุณภาพ"
    assert unplaced(result) == [(n, "no_issue") for n in (2, 3, 4, 5)]


def test_it_reads_lettered_strategies_with_dashed_projects():
    tree = parse_plan_text(HEAD + "กลยุทธ์\nก. ส่งเสริม\n- โครงการ ก1\nข. พัฒนา\n- โครงการ ข1\n")

    strategies = tree.to_dict()["issues"][0]["strategies"]
    assert [(s["number"], [p["name"] for p in s["projects"]]) for s in strategies] == [
        ("ก", ["โครงการ ก1"]),
        ("ข", ["โครงการ ข1"]),
    ]


def test_it_tells_a_strategys_own_projects_from_the_issues_by_what_follows():
    per_strategy = "กลยุทธ์\n1. ก\nโครงการ\n(1) ป1\n2. ข\nโครงการ\n(1) ป2\n(2) ป3\n"
    issue = parse_plan_text(HEAD + per_strategy).to_dict()["issues"][0]
    assert [[p["name"] for p in s["projects"]] for s in issue["strategies"]] == [
        ["ป1"],
        ["ป2", "ป3"],
    ]
    assert issue["projects"] == []

    after_all = "กลยุทธ์\n1. ก\n2. ข\nโครงการ\n- ป1\n- ป2\n"
    issue = parse_plan_text(HEAD + after_all).to_dict()["issues"][0]
    assert [s["projects"] for s in issue["strategies"]] == [[], []]
    assert issue["projects"] == [{"name": "ป1"}, {"name": "ป2"}]


def test_it_reads_lists_without_numbers_one_item_per_line():
    tree = parse_plan_text(HEAD + "ตัวชี้วัด\nร้อยละ ก\nร้อยละ ข\nกลยุทธ์\nส่งเสริม\n").to_dict()

    indicators = tree["issues"][0]["indicators"]
    assert [(i["number"], i["name"]) for i in indicators] == [("1", "ร้อยละ ก"), ("2", "ร้อยละ ข")]
    assert tree["issues"][0]["strategies"][0]["name"] == "ส่งเสริม"


def test_it_tells_a_list_of_issues_from_issue_sections():
    text = (
        "ประเด็นยุทธศาสตร์\n"
        "ประเด็นยุทธศาสตร์ที่ 1 การพัฒนาคน\n"
        "ประเด็นยุทธศาสตร์ที่ 2 การพัฒนาเมือง\n"
        "ประเด็นยุทธศาสตร์ที่ 2 เมืองน่าอยู่\n"
        "ตัวชี้วัด\n1. ร้อยละของพื้นที่สีเขียว\n"
    )
    tree = parse_plan_text(text).to_dict()

    assert [(i["number"], i["title"]) for i in tree["issues"]] == [
        (1, "การพัฒนาคน"),
        (2, "การพัฒนาเมือง"),
    ]
    assert tree["issues"][1]["section_title"] == "เมืองน่าอยู่"
    assert len(tree["issues"][1]["indicators"]) == 1


def test_it_reports_text_before_the_first_heading_that_is_not_the_title():
    foreword = "ก" * 200
    text = f"แผนยุทธศาสตร์ พ.ศ. ๒๕๖๗ – ๒๕๗๑\n{foreword}\nสารบัญ\nวิสัยทัศน์ ........ 3\n" + HEAD
    result = parse_plan_text(text)

    assert (result.plan.title, result.plan.start_year, result.plan.end_year) == (
        "แผนยุทธศาสตร์ พ.ศ. ๒๕๖๗ – ๒๕๗๑",
        2567,
        2571,
    )
    assert unplaced(result) == [(2, "before_content"), (3, "outside_plan"), (4, "page_furniture")]


def test_it_does_not_take_an_introductory_sentence_for_an_item():
    result = parse_plan_text("พันธกิจ\nสำนักงานกำหนดพันธกิจไว้ ดังนี้\n1. ส่งเสริม\n2. พัฒนา\n")

    assert result.to_dict()["missions"] == ["ส่งเสริม", "พัฒนา"]
    assert unplaced(result) == [(2, "no_list")]


def test_it_reads_numbered_headings_and_headings_with_glosses():
    text = "1. วิสัยทัศน์ (Vision) : “องค์กรคุณภาพ”\n2. พันธกิจ (Mission)\n1) ส่งเสริม\n"
    tree = parse_plan_text(text).to_dict()

    assert (tree["vision"], tree["missions"]) == ("องค์กรคุณภาพ", ["ส่งเสริม"])


def test_it_converts_to_the_json_shape_exactly():
    tree = parse_document(SOCIAL).to_dict()

    assert set(tree) == {
        "title", "start_year", "end_year", "vision", "missions", "objectives", "issues", "swot",
    }  # fmt: skip
    assert set(tree["swot"]) == {"strengths", "weaknesses", "opportunities", "threats"}
    for issue in tree["issues"]:
        assert set(issue) - {"section_title"} == {
            "number", "title", "objective", "indicators", "strategies", "projects",
        }  # fmt: skip
        assert isinstance(issue["number"], int)
        for indicator in issue["indicators"]:
            assert set(indicator) == {"number", "name", "children"}
            assert all(set(c) == {"number", "name", "children"} for c in indicator["children"])
        for strategy in issue["strategies"]:
            assert set(strategy) == {"number", "name", "projects"}
            assert all(set(p) == {"name"} for p in strategy["projects"])
        assert all(set(p) == {"name"} for p in issue["projects"])


@pytest.mark.parametrize("path", ALL_DOCUMENTS, ids=lambda p: p.stem)
def test_it_gives_every_reason_and_warning_a_message(path):
    result = parse_document(path)

    with translation.override("en"):
        for line in result.unplaced:
            assert line.message == str(UNPLACED_REASONS[line.reason]) and line.message
        for warning in result.warnings:
            assert warning.message == str(WARNING_KINDS[warning.kind]) and warning.message


# --- Reading files ------------------------------------------------------------------------


def test_it_reads_utf8_with_bom_tis620_and_utf16_text_alike(tmp_path):
    # TIS-620 has no typographic quotes or dashes
    text = SOCIAL.read_text(encoding="utf-8").translate(str.maketrans("“”–", '""-'))
    expected = parse_plan_text(text).to_dict()
    assert expected["vision"].startswith("สังคมพัทลุงมั่นคง") and len(expected["issues"]) == 4
    for encoding in ("utf-8-sig", "cp874", "tis-620", "utf-16"):
        path = tmp_path / f"plan-{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        assert parse_document(path).to_dict() == expected, encoding


def test_it_reads_an_uploaded_file():
    upload = SimpleUploadedFile("แผน.TXT", EDUCATION.read_bytes(), content_type="text/plain")
    upload.read(10)  # a form may have peeked at it

    assert len(parse_document(upload, upload.name).plan.issues) == 3


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("plan.txt", b"", "empty"),
        ("plan.txt", b"  \r\n\t\n", "empty"),
        ("plan.txt", bytes(range(256)) * 4, "not text"),
        ("plan.txt", b"%PDF-1.7\n\xe2\xe3\xcf\xd3\n" + bytes(range(1, 32)) * 20, "not text"),
        ("plan.pdf", "วิสัยทัศน์".encode(), "“plan.pdf”"),
        ("plan.doc", b"\xd0\xcf\x11\xe0", ".doc"),
        ("plan.docx", b"PK\x03\x04 this is not a zip archive", "could not be opened"),
        ("plan.docx", "วิสัยทัศน์ องค์กรคุณภาพ".encode(), "could not be opened"),
        ("plan.txt", "รายงานการประชุมคณะกรรมการ\nเรื่องที่ 1 การรับรองรายงาน\n".encode(), "No heading"),
        ("plan.txt", "ค่านิยม\nบริการด้วยใจ\n".encode(), "No heading"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_it_refuses_documents_it_cannot_read(tmp_path, name, content, says):
    path = tmp_path / name
    path.write_bytes(content)

    with translation.override("en"):
        with pytest.raises(DocumentError) as caught:
            parse_document(path, name)
        assert says in str(caught.value)  # rendered in the reader's language
    assert isinstance(caught.value.message, Promise)


def test_it_refuses_a_document_without_text():
    document = docx.Document()
    document.add_paragraph("")
    with pytest.raises(DocumentError):
        read_document(_saved(document), "empty.docx")
    with pytest.raises(DocumentError):
        parse_plan_text("\n \n")


# --- Word documents --------------------------------------------------------------------


def _saved(document) -> io.BytesIO:
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    return buffer


def test_it_reads_a_docx_of_paragraphs_like_the_same_text():
    document = docx.Document()
    for line in SOCIAL.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)

    from_docx = parse_document(_saved(document), "plan.docx")
    from_text = parse_document(SOCIAL)
    assert from_docx.to_dict() == from_text.to_dict()
    assert from_docx.unplaced == []


def test_it_writes_out_words_automatic_list_numbers():
    document = docx.Document()
    document.add_paragraph("วิสัยทัศน์ องค์กรคุณภาพ")
    document.add_paragraph("พันธกิจ")
    for mission in ("ส่งเสริมอาชีพ", "คุ้มครองสิทธิ", "พัฒนาองค์กร"):
        document.add_paragraph(mission, style="List Number")
    document.add_paragraph("จุดแข็ง")
    for strength in ("บุคลากรมีประสบการณ์", "มีเครือข่ายเข้มแข็ง"):
        document.add_paragraph(strength, style="List Bullet")
    _set_list_number_format(document, "thaiNumbers")

    text = read_document(_saved(document), "plan.docx")
    assert "๑. ส่งเสริมอาชีพ\n๒. คุ้มครองสิทธิ\n๓. พัฒนาองค์กร" in text
    assert "• บุคลากรมีประสบการณ์" in text
    tree = parse_plan_text(text).to_dict()
    assert tree["missions"] == ["ส่งเสริมอาชีพ", "คุ้มครองสิทธิ", "พัฒนาองค์กร"]
    assert tree["swot"]["strengths"] == ["บุคลากรมีประสบการณ์", "มีเครือข่ายเข้มแข็ง"]


def _set_list_number_format(document, number_format: str) -> None:
    """Make Word's "List Number" style count in ``number_format`` (as a Thai template does)."""
    from docx.oxml.ns import qn

    num_id = document.styles["List Number"].element.pPr.numPr.numId.val
    numbering = document.part.numbering_part.element
    num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == str(num_id))
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(
        a
        for a in numbering.findall(qn("w:abstractNum"))
        if a.get(qn("w:abstractNumId")) == abstract_id
    )
    abstract.find(qn("w:lvl")).find(qn("w:numFmt")).set(qn("w:val"), number_format)


def _table_plan() -> docx.Document:
    """An issue whose indicators, targets, strategies and projects sit in a table, one
    strategy per row, the last strategy's cell merged over two rows."""
    document = docx.Document()
    document.add_paragraph("แผนยุทธศาสตร์สำนักงานสาธารณสุขจังหวัดตัวอย่าง พ.ศ. 2566 - 2570")
    document.add_paragraph("วิสัยทัศน์", style="Heading 1")
    document.add_paragraph("ประชาชนสุขภาพดี เจ้าหน้าที่มีความสุข ระบบสุขภาพยั่งยืน")
    document.add_paragraph("ประเด็นยุทธศาสตร์ที่ 1 การส่งเสริมสุขภาพและป้องกันโรค", style="Heading 2")
    document.add_paragraph("เป้าประสงค์ ประชาชนมีพฤติกรรมสุขภาพที่ถูกต้อง")
    table = document.add_table(rows=5, cols=4)
    for cell, header in zip(
        table.rows[0].cells, ["ตัวชี้วัด", "ค่าเป้าหมาย", "กลยุทธ์", "แผนงาน/โครงการ"], strict=True
    ):
        cell.text = header
    row = table.rows[1].cells
    row[0].text = "1. ร้อยละของประชาชนที่มีพฤติกรรมสุขภาพที่พึงประสงค์"
    row[0].add_paragraph("1.1 กลุ่มวัยทำงาน")
    row[1].text = "ร้อยละ 80"
    row[2].text = "1. ส่งเสริมความรอบรู้ด้านสุขภาพ"
    row[3].text = "1. โครงการหมู่บ้านปรับเปลี่ยนพฤติกรรมสุขภาพ"
    row[3].add_paragraph("2. โครงการโรงเรียนรอบรู้ด้านสุขภาพ")
    row = table.rows[2].cells
    row[0].text = "2. อัตราป่วยด้วยโรคเบาหวานรายใหม่ลดลง"
    row[2].text = "2. คัดกรองและจัดการความเสี่ยงโรคไม่ติดต่อเรื้อรัง"
    row[3].text = "1. โครงการคัดกรองเบาหวานและความดันโลหิตสูง"
    table.cell(3, 2).merge(table.cell(4, 2)).text = "3. พัฒนาระบบเฝ้าระวังโรคติดต่อ"
    table.cell(3, 3).text = "1. โครงการทีมเฝ้าระวังสอบสวนเคลื่อนที่เร็ว"
    table.cell(4, 3).text = "2. โครงการป้องกันโรคไข้เลือดออก"
    document.add_paragraph("จุดแข็ง บุคลากรสาธารณสุขครอบคลุมทุกตำบล")
    return document


def test_it_reads_a_docx_table_with_indicator_strategy_and_project_columns():
    result = parse_document(_saved(_table_plan()), "plan.docx")
    tree = result.to_dict()
    issue = tree["issues"][0]

    assert tree["vision"] == "ประชาชนสุขภาพดี เจ้าหน้าที่มีความสุข ระบบสุขภาพยั่งยืน"
    assert issue["objective"] == "ประชาชนมีพฤติกรรมสุขภาพที่ถูกต้อง"
    assert [(i["number"], [c["name"] for c in i["children"]]) for i in issue["indicators"]] == [
        ("1", ["กลุ่มวัยทำงาน"]),
        ("2", []),
    ]
    assert [(s["number"], [p["name"] for p in s["projects"]]) for s in issue["strategies"]] == [
        ("1", ["โครงการหมู่บ้านปรับเปลี่ยนพฤติกรรมสุขภาพ", "โครงการโรงเรียนรอบรู้ด้านสุขภาพ"]),
        ("2", ["โครงการคัดกรองเบาหวานและความดันโลหิตสูง"]),
        ("3", ["โครงการทีมเฝ้าระวังสอบสวนเคลื่อนที่เร็ว", "โครงการป้องกันโรคไข้เลือดออก"]),
    ]
    assert issue["projects"] == []
    assert tree["swot"]["strengths"] == ["บุคลากรสาธารณสุขครอบคลุมทุกตำบล"]  # after the table
    assert [(line.text, line.reason) for line in result.unplaced] == [
        ("ร้อยละ 80", "outside_plan")  # the targets column is not part of this import
    ]


def test_it_reads_a_table_without_plan_columns_cell_by_cell_in_order():
    document = docx.Document()
    document.add_paragraph("พันธกิจ")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "1. ส่งเสริมอาชีพ"
    table.cell(0, 1).text = "2. คุ้มครองสิทธิ"
    table.cell(1, 0).merge(table.cell(1, 1)).text = "3. พัฒนาองค์กร"

    text = read_document(_saved(document), "plan.docx")
    assert text.splitlines() == ["พันธกิจ", "1. ส่งเสริมอาชีพ", "2. คุ้มครองสิทธิ", "3. พัฒนาองค์กร"]
