"""A full exchange tree used by the strategy tests (invented content)."""


def indicator(number, name, weight=None, children=(), **extra):
    data = {
        "number": number,
        "name": name,
        "unit": extra.pop("unit", "ร้อยละ"),
        "baseline": {
            "value": extra.pop("baseline", None),
            "year": extra.pop("baseline_year", None),
        },
        "direction": extra.pop("direction", "higher"),
        "band": extra.pop("band", [None, None]),
        "weight": weight,
        "formula": extra.pop("formula", ""),
        "data_source": extra.pop("data_source", ""),
        "measured_by": extra.pop("measured_by", ""),
        "frequency": extra.pop("frequency", "yearly"),
        "combination": extra.pop("combination", "not_cumulative"),
        "targets": extra.pop("targets", []),
        "criteria": extra.pop("criteria", []),
        "frameworks": extra.pop("frameworks", []),
        "children": list(children),
    }
    assert not extra, extra
    return data


def project(name, **extra):
    data = {
        "name": name,
        "number": extra.pop("number", ""),
        "flagship": extra.pop("flagship", False),
        "category": extra.pop("category", "own"),
        "work_plan": extra.pop("work_plan", None),
        "objectives": extra.pop("objectives", ""),
        "outputs": extra.pop("outputs", ""),
        "kpi": extra.pop("kpi", ""),
        "expected_results": extra.pop("expected_results", ""),
        "unit": extra.pop("unit", None),
        "budgets": extra.pop("budgets", {}),
        "frameworks": extra.pop("frameworks", []),
    }
    assert not extra, extra
    return data


def sample_tree(organization="OWN"):
    return {
        "organization": organization,
        "kind": "strategic",
        "title": "แผนยุทธศาสตร์สำนักงานทดสอบ (พ.ศ. 2566–2570)",
        "start_year": 2566,
        "end_year": 2570,
        "vision": "ประชาชนได้รับการพัฒนาและคุ้มครองทางสังคมอย่างทั่วถึง มั่นคง และยั่งยืน",
        "revision": 1,
        "status": "draft",
        "digits": "thai",
        "labels": {"issue": "ประเด็นยุทธศาสตร์", "goal": "เป้าประสงค์", "strategy": "กลยุทธ์"},
        "weights_total_100": False,
        "missions": ["ส่งเสริมและพัฒนาศักยภาพกลุ่มเป้าหมาย", "บูรณาการเครือข่ายทุกภาคส่วน"],
        "objectives": ["กลุ่มเป้าหมายมีคุณภาพชีวิตที่ดีขึ้น", "เครือข่ายมีความเข้มแข็ง"],
        "issues": [
            {
                "number": 1,
                "title": "การพัฒนาคุณภาพชีวิตกลุ่มเปราะบาง",
                "objective": "กลุ่มเปราะบางได้รับการคุ้มครองและพัฒนาอย่างทั่วถึง",
                "frameworks": ["national_strategy:4", "sdg:1"],
                "indicators": [
                    indicator(
                        "1",
                        "ร้อยละของกลุ่มเปราะบางที่ได้รับการช่วยเหลือ",
                        weight=60,
                        baseline=72.5,
                        baseline_year=2565,
                        formula="A/B×100",
                        data_source="ระบบข้อมูลกลุ่มเปราะบาง",
                        measured_by="กลุ่มนโยบายและวิชาการ",
                        frequency="quarterly",
                        combination="cumulative_sum",
                        frameworks=["master_plan:17"],
                        targets=[
                            {"year": 2566, "quarter": None, "value": 75},
                            {"year": 2567, "quarter": None, "value": 80},
                            {"year": 2567, "quarter": 2, "value": 40},
                        ],
                        criteria=[
                            {"level": lvl, "description": f"ระดับ {lvl}", "value": 60 + 5 * lvl}
                            for lvl in range(1, 6)
                        ],
                        children=[indicator("1.1", "ร้อยละของผู้สูงอายุที่ได้รับการเยี่ยมบ้าน", weight=None)],
                    ),
                    indicator(
                        "2",
                        "จำนวนครัวเรือนยากจนที่หลุดพ้นเกณฑ์",
                        weight=40,
                        unit="ครัวเรือน",
                        direction="band",
                        band=[100, 150.5],
                        combination="latest",
                    ),
                ],
                "strategies": [
                    {
                        "number": "1",
                        "name": "ยกระดับการคุ้มครองทางสังคม",
                        "frameworks": ["nesdp13:9"],
                        "projects": [
                            project("โครงการเยี่ยมบ้านผู้สูงอายุ", flagship=True, frameworks=["sdg:3"])
                        ],
                    },
                    {"number": "2", "name": "สร้างอาชีพและรายได้", "frameworks": [], "projects": []},
                ],
                "projects": [project("โครงการพัฒนาระบบข้อมูลกลุ่มเปราะบาง")],
            },
            {
                "number": 2,
                "title": "การเสริมสร้างเครือข่าย",
                "objective": "",
                "frameworks": [],
                "indicators": [],
                "strategies": [],
                "projects": [],
            },
        ],
        "swot": {
            "strengths": ["บุคลากรเป็นคนในพื้นที่"],
            "weaknesses": ["สถานที่ปฏิบัติงานคับแคบ"],
            "opportunities": ["องค์กรปกครองส่วนท้องถิ่นสนับสนุน"],
            "threats": ["ผู้กำหนดนโยบายขาดความเข้าใจบทบาท"],
        },
        "swot_planning": {
            "strengths": ["บุคลากรมีความพยายามเรียนรู้"],
            "weaknesses": [],
            "opportunities": [],
            "threats": ["อุปกรณ์ไม่เพียงพอ"],
        },
    }
