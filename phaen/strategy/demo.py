"""Demo strategic plans, a local development plan with an edition, and SWOT.

Content is invented but modelled on the seed documents (shared/seeds): the Songkhla
office's SWOT is the seed's own; the rest is plausible Thai government planning text.
"""

from __future__ import annotations

import datetime as dt

from phaen.strategy import choices as c
from phaen.strategy import editions
from phaen.strategy.models import EditionRouteStep, Issue
from phaen.strategy.services import plan_approve, plan_from_tree

PERIOD = (2566, 2570)


def ind(number, name, unit="ร้อยละ", weight=None, base=None, targets=(), children=(), **kw):
    return {
        "number": number,
        "name": name,
        "unit": unit,
        "weight": weight,
        "baseline": {"value": base, "year": 2565 if base is not None else None},
        "targets": [
            {"year": y, "quarter": None, "value": v}
            for y, v in zip(range(PERIOD[0], PERIOD[1] + 1), targets, strict=False)
        ],
        "children": list(children),
        **kw,
    }


def proj(name, **kw):
    return {"name": name, **kw}


SK_SWOT = {  # seed: annual-work-plan-songkhla-social-office.txt
    "strengths": [
        "บุคลากรมีจำนวนเพียงพอ",
        "บุคลากรเป็นคนในพื้นที่",
        "บุคลากรมีวุฒิการศึกษาสูงในระดับปริญญาตรีขึ้นไป",
        "บุคลากรมีความรู้ประสบการณ์ มีทัศนคติในการทำงานที่ดี",
        "บุคลากรได้รับการพัฒนาอย่างต่อเนื่อง",
        "มีงบประมาณในการปฏิบัติงานอย่างเพียงพอทั้งงบจาก กระทรวง จังหวัด ศอบต. อพท. NGO",
        "มีโครงสร้างองค์กร ครอบคลุมภารกิจที่ได้รับมอบหมาย",
        "มีการประสานงานทั้งภาครัฐและภาคเอกชนอย่างใกล้ชิด (มีส่วนร่วม)",
    ],
    "weaknesses": [
        "บุคลากรขาดการกระตือรือร้น",
        "ผู้บริหารเปลี่ยนแปลงบ่อยทำให้งานไม่ต่อเนื่อง",
        "งบประมาณได้รับการจัดสรรโอนล่าช้า",
        "สถานที่ปฏิบัติงานคับแคบ",
        "ขาดการเผยแพร่สิทธิและสวัสดิการของกลุ่มเป้าหมายอย่างต่อเนื่อง",
        "ขาดการใช้เครือข่ายทางสังคมเท่าที่ควร",
        "ขาดการประสานงานภายในองค์กรระหว่างกลุ่มฝ่ายที่ควรจะเป็น",
    ],
    "opportunities": [
        "นโยบายของรัฐทุกระดับให้ความสำคัญทางสังคมตั้งแต่รัฐธรรมนูญลงมาถึงระเบียบต่างๆ",
        "มีกฎหมายจำนวน 22 ฉบับเป็นเครื่องมือในการปฏิบัติงาน",
        "องค์กรปกครองส่วนท้องถิ่นรู้บทบาทหน้าที่และสนับสนุน พมจ. เป็นอย่างดี",
        "นโยบาย (TMT-GT สามเหลี่ยมเศรษฐกิจ) AEC เกื้อหนุนต่อการปฏิบัติงานในด้านสังคมระหว่างประเทศ",
        "การคมนาคมสะดวกในการประสานงานและดำเนินการด้านสังคมต่างๆ",
    ],
    "threats": [
        "ผู้กำหนดนโยบายในระดับท้องถิ่นและระดับจังหวัดขาดความเข้าใจหลักบทบาทของ "
        "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์",
    ],
}
SK_SWOT_PLANNING = {
    "strengths": [
        "บุคลากรมีความรู้ประสบการณ์ มีทัศนคติในการทำงานที่ดี",
        "บุคลากรที่จัดทำแผนปฏิบัติงานมีความพยายามที่จะเรียนรู้งานที่ได้รับมอบหมาย",
        "บุคลากรที่จัดทำแผนปฏิบัติงานสามารถนำข้อผิดพลาดไปแก้ไขจนก่อให้เกิดประโยชน์ต่อการจัดทำแผนปฏิบัติงาน",
    ],
    "weaknesses": [
        "บุคลากรในการจัดทำแผนปฏิบัติงานมีน้อย",
        "บุคลากรในการจัดทำแผนปฏิบัติงานยังขาดประสบการณ์ในการทำแผนปฏิบัติงาน",
        "ขาดความต่อเนื่องในการจัดทำแผน",
    ],
    "opportunities": [
        "หัวหน้างานเข้าใจในการทำงานของผู้จัดทำแผนปฏิบัติงาน",
        "ระยะเวลาในการทำงานมีการยืดหยุ่นทำให้ผู้ปฏิบัติงานสามารถมีเวลาที่จะแก้ไขผลงาน",
        "หน่วยงานที่เกี่ยวข้องให้ความร่วมมือในการจัดทำแผนปฏิบัติงาน",
    ],
    "threats": [
        "บางหน่วยงานที่เกี่ยวข้องส่งข้อมูลล่าช้า",
        "บุคลากรในการจัดทำแผนปฏิบัติงานต้องรับผิดชอบงานในส่วนอื่นด้วย",
        "อุปกรณ์ เช่น เครื่องคอมพิวเตอร์ เครื่องพิมพ์ เกิดการขัดข้องและไม่เพียงพอต่อการปฏิบัติงาน",
    ],
}


def songkhla_tree() -> dict:
    criteria = [
        {"level": n, "description": d, "value": None}
        for n, d in enumerate(
            [
                "มีการสำรวจความต้องการข้อมูลของกลุ่มเป้าหมาย",
                "ออกแบบโครงสร้างฐานข้อมูลแล้วเสร็จ",
                "นำเข้าข้อมูลกลุ่มเป้าหมายครบทุกอำเภอ",
                "เชื่อมโยงข้อมูลกับหน่วยงานภาคีอย่างน้อย 3 หน่วยงาน",
                "นำข้อมูลไปใช้วางแผนและติดตามผลการช่วยเหลือ",
            ],
            start=1,
        )
    ]
    return {
        "kind": c.PlanKind.ACTION_MULTI_YEAR,
        "title": (
            "แผนปฏิบัติราชการ ระยะ 5 ปี (พ.ศ. 2566–2570) สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดสงขลา"
        ),
        "vision": "สังคมสงขลาคุณภาพ ทุกช่วงวัยมีความมั่นคงในชีวิต อยู่ร่วมกันอย่างสันติสุข",
        "weights_total_100": True,
        "missions": [
            "ขับเคลื่อนนโยบายด้านการพัฒนาสังคมและความมั่นคงของมนุษย์ในระดับจังหวัด",
            "พัฒนาระบบการคุ้มครองทางสังคมและสวัสดิการสำหรับกลุ่มเป้าหมายอย่างทั่วถึงและเป็นธรรม",
            "เสริมสร้างความเข้มแข็งของครอบครัว ชุมชน และเครือข่ายทางสังคม",
            "พัฒนาองค์กรให้มีสมรรถนะสูงด้วยข้อมูลและเทคโนโลยีดิจิทัล",
        ],
        "objectives": [
            "กลุ่มเป้าหมายได้รับการคุ้มครองทางสังคมและมีคุณภาพชีวิตที่ดีขึ้น",
            "ครอบครัวและชุมชนมีความเข้มแข็ง พึ่งพาตนเองได้",
            "องค์กรมีการบริหารจัดการที่มีประสิทธิภาพและทันสมัย",
        ],
        "issues": [
            {
                "number": 1,
                "title": "การคุ้มครองทางสังคมและพัฒนาคุณภาพชีวิตกลุ่มเปราะบาง",
                "objective": "กลุ่มเปราะบางได้รับการช่วยเหลือ คุ้มครอง และพัฒนาอย่างทั่วถึง",
                "frameworks": ["national_strategy:4", "master_plan:17", "nesdp13:9", "sdg:1"],
                "indicators": [
                    ind(
                        "1",
                        "ร้อยละของกลุ่มเปราะบางที่ได้รับการช่วยเหลือตามมาตรฐาน",
                        weight=60,
                        base=78,
                        targets=(80, 82, 85, 88, 90),
                        formula="(ผู้ได้รับการช่วยเหลือ ÷ ผู้ขอรับความช่วยเหลือ) × 100",
                        data_source="ระบบศูนย์ช่วยเหลือสังคม 1300",
                        measured_by="กลุ่มการพัฒนาสังคมและสวัสดิการ",
                        frequency="quarterly",
                        combination="latest",
                        children=[
                            ind(
                                "1.1",
                                "ร้อยละของผู้สูงอายุติดบ้านติดเตียงที่ได้รับการเยี่ยมบ้าน",
                                targets=(70, 75, 80, 85, 90),
                            )
                        ],
                    ),
                    ind(
                        "2",
                        "จำนวนคนพิการที่ได้รับการฝึกอาชีพและมีงานทำ",
                        unit="คน",
                        weight=40,
                        base=120,
                        targets=(130, 140, 150, 160, 170),
                        combination="cumulative_sum",
                        frequency="quarterly",
                    ),
                ],
                "strategies": [
                    {
                        "number": "1.1",
                        "name": "พัฒนาระบบการช่วยเหลือกลุ่มเปราะบางแบบบูรณาการ",
                        "frameworks": ["master_plan:17"],
                        "projects": [
                            proj("โครงการศูนย์ช่วยเหลือสังคมเคลื่อนที่ (One Stop Service)"),
                            proj("โครงการเยี่ยมบ้านผู้สูงอายุติดบ้านติดเตียงร่วมกับ อพม."),
                        ],
                    },
                    {
                        "number": "1.2",
                        "name": "ส่งเสริมการมีงานทำและรายได้ของคนพิการและผู้สูงอายุ",
                        "frameworks": ["master_plan:16"],
                        "projects": [proj("โครงการฝึกอาชีพคนพิการและผู้ดูแลคนพิการ")],
                    },
                ],
                "projects": [
                    proj(
                        "โครงการบ้านมั่นคงสำหรับผู้มีรายได้น้อยจังหวัดสงขลา",
                        flagship=True,
                        frameworks=["sdg:11"],
                    )
                ],
            },
            {
                "number": 2,
                "title": "การเสริมสร้างความเข้มแข็งของครอบครัวและเครือข่ายทางสังคม",
                "objective": "ครอบครัวอบอุ่น ชุมชนและเครือข่ายมีศักยภาพในการดูแลกันเอง",
                "frameworks": ["national_strategy:4", "master_plan:15", "sdg:5"],
                "indicators": [
                    ind(
                        "1",
                        "ร้อยละของครอบครัวที่ผ่านเกณฑ์ครอบครัวเข้มแข็ง",
                        weight=50,
                        base=61,
                        targets=(63, 65, 67, 69, 70),
                    ),
                    ind(
                        "2",
                        "จำนวนอาสาสมัครพัฒนาสังคมและความมั่นคงของมนุษย์ (อพม.) ที่ได้รับการพัฒนา",
                        unit="คน",
                        weight=50,
                        base=800,
                        targets=(900, 1000, 1100, 1200, 1300),
                        combination="cumulative_sum",
                    ),
                ],
                "strategies": [
                    {
                        "number": "2.1",
                        "name": "ส่งเสริมสถาบันครอบครัวให้เข้มแข็ง",
                        "projects": [proj("โครงการครอบครัวอบอุ่น ชุมชนเข้มแข็ง")],
                    },
                    {
                        "number": "2.2",
                        "name": "พัฒนาศักยภาพเครือข่ายอาสาสมัครและภาคประชาสังคม",
                        "projects": [
                            proj("โครงการพัฒนาศักยภาพ อพม. จังหวัดสงขลา"),
                            proj("โครงการสร้างเครือข่ายป้องกันการค้ามนุษย์ชายแดนใต้"),
                        ],
                    },
                ],
                "projects": [],
            },
            {
                "number": 3,
                "title": "การพัฒนาองค์กรสู่องค์กรดิจิทัลที่มีสมรรถนะสูง",
                "objective": "สำนักงานมีระบบข้อมูลและบุคลากรที่พร้อมให้บริการอย่างมีประสิทธิภาพ",
                "frameworks": ["national_strategy:6", "master_plan:20", "nesdp13:13"],
                "indicators": [
                    ind(
                        "1",
                        "ร้อยละของกระบวนงานบริการที่ให้บริการผ่านระบบดิจิทัล",
                        weight=50,
                        base=20,
                        targets=(30, 40, 50, 60, 70),
                    ),
                    ind(
                        "2",
                        "ระดับความสำเร็จของการพัฒนาฐานข้อมูลกลุ่มเป้าหมายระดับจังหวัด",
                        unit="ระดับ",
                        weight=50,
                        targets=(2, 3, 4, 5, 5),
                        criteria=criteria,
                    ),
                ],
                "strategies": [
                    {
                        "number": "3.1",
                        "name": "พัฒนาระบบข้อมูลกลุ่มเป้าหมายและการเชื่อมโยงข้อมูล",
                        "projects": [proj("โครงการพัฒนาฐานข้อมูลกลุ่มเปราะบางจังหวัดสงขลา")],
                    },
                    {
                        "number": "3.2",
                        "name": "พัฒนาสมรรถนะบุคลากรด้านดิจิทัล",
                        "projects": [proj("โครงการพัฒนาทักษะดิจิทัลของบุคลากร")],
                    },
                ],
                "projects": [],
            },
        ],
        "swot": SK_SWOT,
        "swot_planning": SK_SWOT_PLANNING,
    }


def _ldp_project(name, work_plan, unit, amounts, category="own", **kw):
    years = range(PERIOD[0], PERIOD[1] + 1)
    return {
        "name": name,
        "work_plan": work_plan,
        "unit": unit,
        "category": category,
        "budgets": {str(y): a for y, a in zip(years, amounts, strict=False) if a},
        "objectives": kw.pop("objectives", f"เพื่อ{name.removeprefix('โครงการ')}"),
        "outputs": kw.pop("outputs", ""),
        "kpi": kw.pop("kpi", ""),
        "expected_results": kw.pop("expected_results", ""),
        **kw,
    }


def sao_tree() -> dict:
    road = "ถนนคอนกรีตเสริมเหล็ก"
    return {
        "kind": c.PlanKind.LOCAL_DEVELOPMENT,
        "title": "แผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570) องค์การบริหารส่วนตำบลนาบัวทอง",
        "vision": "นาบัวทองน่าอยู่ เศรษฐกิจชุมชนมั่นคง ประชาชนมีคุณภาพชีวิตที่ดี บริหารจัดการด้วยหลักธรรมาภิบาล",
        "labels": {"issue": "ยุทธศาสตร์", "goal": "เป้าประสงค์", "strategy": "แนวทางการพัฒนา"},
        "missions": [
            "พัฒนาโครงสร้างพื้นฐานให้ได้มาตรฐาน",
            "ส่งเสริมคุณภาพชีวิตและสวัสดิการสังคม",
            "ส่งเสริมเศรษฐกิจชุมชนและการเกษตรยั่งยืน",
            "พัฒนาการบริหารจัดการองค์กร",
        ],
        "objectives": [
            "ประชาชนมีโครงสร้างพื้นฐานที่ดีและทั่วถึง",
            "ประชาชนมีสุขภาวะและการศึกษาที่ดี",
            "ครัวเรือนมีรายได้เพิ่มขึ้น",
        ],
        "issues": [
            {
                "number": 1,
                "title": "การพัฒนาโครงสร้างพื้นฐาน",
                "objective": "ประชาชนได้รับบริการโครงสร้างพื้นฐานที่ได้มาตรฐาน",
                "frameworks": ["national_strategy:2", "master_plan:07"],
                "indicators": [
                    ind("1", "ร้อยละของถนนในตำบลที่ได้มาตรฐาน", targets=(55, 60, 65, 70, 75))
                ],
                "strategies": [
                    {
                        "number": "1.1",
                        "name": "ก่อสร้าง ปรับปรุง และบำรุงรักษาถนน",
                        "projects": [
                            _ldp_project(
                                f"โครงการก่อสร้าง{road} หมู่ที่ {m}",
                                9,
                                "ENG",
                                [0, 480000, 0, 520000, 0] if m % 2 else [450000, 0, 500000, 0, 0],
                                outputs=f"{road} กว้าง 4 เมตร ยาว 200 เมตร",
                                kpi="ประชาชนสัญจรสะดวก ร้อยละ 90",
                                expected_results="การคมนาคมสะดวกและปลอดภัย",
                            )
                            for m in range(1, 6)
                        ],
                    },
                    {
                        "number": "1.2",
                        "name": "พัฒนาระบบประปาและแหล่งน้ำ",
                        "projects": [
                            _ldp_project(
                                "โครงการปรับปรุงระบบประปาหมู่บ้าน หมู่ที่ 2",
                                6,
                                "ENG",
                                [350000, 0, 0, 0, 0],
                                outputs="ระบบประปา 1 แห่ง",
                            ),
                            _ldp_project(
                                "โครงการขุดลอกคลองส่งน้ำเพื่อการเกษตร",
                                9,
                                "ENG",
                                [0, 0, 800000, 0, 0],
                                category="coordination",
                                outputs="คลองส่งน้ำยาว 2 กิโลเมตร (ขอรับการสนับสนุนจากจังหวัด)",
                            ),
                        ],
                    },
                ],
                "projects": [],
            },
            {
                "number": 2,
                "title": "การพัฒนาคุณภาพชีวิตและสังคม",
                "objective": "ประชาชนมีสุขภาพดี ได้รับการศึกษาและสวัสดิการอย่างทั่วถึง",
                "frameworks": ["national_strategy:3", "national_strategy:4", "sdg:3", "sdg:4"],
                "indicators": [
                    ind("1", "ร้อยละของผู้สูงอายุที่ได้รับการดูแลสุขภาพ", targets=(80, 82, 84, 86, 88))
                ],
                "strategies": [
                    {
                        "number": "2.1",
                        "name": "ส่งเสริมสุขภาพและป้องกันโรค",
                        "projects": [
                            _ldp_project(
                                "โครงการป้องกันและควบคุมโรคไข้เลือดออก",
                                4,
                                "HEALTH",
                                [50000] * 5,
                                outputs="พ่นหมอกควัน 10 หมู่บ้าน ปีละ 2 ครั้ง",
                            ),
                            _ldp_project(
                                "โครงการอบรมอาสาสมัครสาธารณสุขประจำหมู่บ้าน", 4, "HEALTH", [30000] * 5
                            ),
                        ],
                    },
                    {
                        "number": "2.2",
                        "name": "ส่งเสริมการศึกษาและสวัสดิการสังคม",
                        "projects": [
                            _ldp_project(
                                "โครงการสนับสนุนอาหารกลางวันศูนย์พัฒนาเด็กเล็ก", 3, "EDU", [420000] * 5
                            ),
                            _ldp_project("โครงการจัดกิจกรรมวันเด็กแห่งชาติ", 3, "EDU", [40000] * 5),
                            _ldp_project(
                                "โครงการโรงเรียนผู้สูงอายุตำบลนาบัวทอง", 5, "PALAD", [60000] * 5
                            ),
                            _ldp_project(
                                "โครงการลานกีฬาชุมชนบ้านหนองบัว (แผนชุมชน)",
                                8,
                                "EDU",
                                [0, 20000, 20000, 0, 0],
                                category="community",
                            ),
                        ],
                    },
                ],
                "projects": [],
            },
            {
                "number": 3,
                "title": "การพัฒนาเศรษฐกิจชุมชนและการเกษตร",
                "objective": "ครัวเรือนมีอาชีพและรายได้มั่นคง",
                "frameworks": ["national_strategy:2", "master_plan:03", "master_plan:16"],
                "indicators": [ind("1", "รายได้เฉลี่ยครัวเรือนที่เพิ่มขึ้น", targets=(3, 3, 4, 4, 5))],
                "strategies": [
                    {
                        "number": "3.1",
                        "name": "ส่งเสริมอาชีพและกลุ่มวิสาหกิจชุมชน",
                        "projects": [
                            _ldp_project(
                                "โครงการฝึกอบรมอาชีพการแปรรูปผลผลิตทางการเกษตร",
                                10,
                                "PALAD",
                                [45000] * 5,
                            ),
                            _ldp_project(
                                "โครงการส่งเสริมเกษตรทฤษฎีใหม่ตามหลักปรัชญาของเศรษฐกิจพอเพียง",
                                10,
                                "PALAD",
                                [35000] * 5,
                            ),
                            _ldp_project(
                                "โครงการตลาดนัดชุมชนสีเขียว (แผนชุมชน)",
                                7,
                                "PALAD",
                                [20000, 20000, 0, 0, 0],
                                category="community",
                            ),
                        ],
                    },
                ],
                "projects": [],
            },
            {
                "number": 4,
                "title": "การบริหารจัดการองค์กรตามหลักธรรมาภิบาล",
                "objective": "องค์กรบริหารงานโปร่งใส ประชาชนมีส่วนร่วม",
                "frameworks": ["national_strategy:6", "master_plan:21"],
                "indicators": [
                    ind("1", "ร้อยละความพึงพอใจของประชาชนต่อการให้บริการ", targets=(85, 86, 87, 88, 90))
                ],
                "strategies": [
                    {
                        "number": "4.1",
                        "name": "พัฒนาการให้บริการและการมีส่วนร่วมของประชาชน",
                        "projects": [
                            _ldp_project(
                                "โครงการจัดเวทีประชาคมเพื่อจัดทำแผนพัฒนาท้องถิ่น", 1, "PALAD", [25000] * 5
                            ),
                            _ldp_project("โครงการ อบต. เคลื่อนที่พบประชาชน", 1, "PALAD", [30000] * 5),
                        ],
                    },
                ],
                "projects": [],
            },
        ],
        "swot": {
            "strengths": ["มีพื้นที่เกษตรกรรมอุดมสมบูรณ์", "ประชาชนมีส่วนร่วมในเวทีประชาคมสูง"],
            "weaknesses": ["รายได้จัดเก็บเองมีสัดส่วนน้อย", "ถนนหลายสายยังเป็นถนนลูกรัง"],
            "opportunities": ["นโยบายรัฐสนับสนุนเศรษฐกิจฐานราก", "มีเส้นทางเชื่อมต่อแหล่งท่องเที่ยวของจังหวัด"],
            "threats": ["ราคาผลผลิตทางการเกษตรผันผวน", "ภัยแล้งและน้ำท่วมซ้ำซาก"],
        },
    }


EDU_ISSUES = [
    (
        "การจัดการศึกษาเพื่อความมั่นคง",
        ["national_strategy:1", "master_plan:01"],
        "ร้อยละของสถานศึกษาในพื้นที่ชายฝั่งที่จัดกิจกรรมเสริมสร้างความมั่นคง",
        ["โครงการส่งเสริมการเรียนรู้ประวัติศาสตร์และหน้าที่พลเมือง"],
    ),
    (
        "การพัฒนากำลังคน การวิจัย และนวัตกรรม",
        ["national_strategy:2", "master_plan:23"],
        "ร้อยละของผู้เรียนอาชีวศึกษาที่ได้รับการฝึกประสบการณ์ในสถานประกอบการ",
        ["โครงการพัฒนาการจัดการอาชีวศึกษาระบบทวิภาคี"],
    ),
    (
        "การพัฒนาศักยภาพคนทุกช่วงวัยและการสร้างสังคมแห่งการเรียนรู้",
        ["national_strategy:3", "master_plan:12", "sdg:4"],
        "ร้อยละของนักเรียนที่มีผลการทดสอบระดับชาติผ่านเกณฑ์",
        ["โครงการยกระดับผลสัมฤทธิ์ทางการเรียน", "โครงการส่งเสริมการอ่านเพื่อการเรียนรู้ตลอดชีวิต"],
    ),
    (
        "การสร้างโอกาส ความเสมอภาค และความเท่าเทียมทางการศึกษา",
        ["national_strategy:4", "master_plan:17", "sdg:4"],
        "ร้อยละของเด็กวัยเรียนที่ได้รับการศึกษาภาคบังคับ",
        ["โครงการพาน้องกลับมาเรียน"],
    ),
    (
        "การพัฒนาประสิทธิภาพการบริหารจัดการ",
        ["national_strategy:6", "master_plan:20"],
        "ระดับความสำเร็จของการบูรณาการแผนการศึกษาระดับจังหวัด",
        ["โครงการพัฒนาระบบติดตามและประเมินผลแผนการศึกษาจังหวัด"],
    ),
]


def edu_tree(name: str, issues=EDU_ISSUES, weights=True) -> dict:
    tree_issues = []
    for number, (title, links, indicator, projects) in enumerate(issues, start=1):
        tree_issues.append(
            {
                "number": number,
                "title": title,
                "objective": f"บรรลุเป้าหมาย{title}",
                "frameworks": links,
                "indicators": [
                    ind(
                        "1",
                        indicator,
                        weight=100 if weights else None,
                        targets=(70, 72, 75, 78, 80),
                    )
                ],
                "strategies": [
                    {
                        "number": f"{number}.1",
                        "name": f"ขับเคลื่อน{title}แบบบูรณาการ",
                        "projects": [proj(p) for p in projects],
                    }
                ],
                "projects": [],
            }
        )
    return {
        "kind": c.PlanKind.ACTION_MULTI_YEAR,
        "title": f"แผนพัฒนาการศึกษา (พ.ศ. 2566–2570) {name}",
        "vision": "ผู้เรียนทุกช่วงวัยได้รับการศึกษาที่มีคุณภาพ เท่าเทียม และเรียนรู้ตลอดชีวิต",
        "weights_total_100": weights,
        "missions": ["จัดและส่งเสริมการศึกษาอย่างมีคุณภาพและทั่วถึง", "บูรณาการการจัดการศึกษาร่วมกับภาคีเครือข่าย"],
        "objectives": ["ผู้เรียนมีคุณภาพตามมาตรฐาน", "ระบบบริหารจัดการมีประสิทธิภาพ"],
        "issues": tree_issues,
        "swot": {
            "strengths": ["มีเครือข่ายสถานศึกษาครอบคลุมทุกอำเภอ"],
            "weaknesses": ["ข้อมูลการศึกษากระจายอยู่หลายระบบ"],
            "opportunities": ["นโยบายการศึกษาเพื่อการมีงานทำ"],
            "threats": ["จำนวนนักเรียนลดลงตามโครงสร้างประชากร"],
        },
    }


def _tows(plan, by) -> None:
    from phaen.strategy.models import Strategy, SwotItem, TowsStrategy

    items = {
        q: list(SwotItem.objects.filter(plan=plan, scope="organization", quadrant=q)[:2])
        for q in "SWOT"
    }
    strategies = list(
        Strategy.objects.filter(issue__plan=plan).order_by("issue__number", "sort_order")
    )
    pairs = [
        ("SO", "S", "O", "ใช้ความร่วมมือของ อปท. และเครือข่ายในพื้นที่ขยายบริการช่วยเหลือกลุ่มเปราะบาง", 0),
        ("WO", "W", "O", "ใช้นโยบายรัฐด้านสังคมสร้างระบบเผยแพร่สิทธิและสวัสดิการอย่างต่อเนื่อง", 2),
        ("ST", "S", "T", "ใช้บุคลากรในพื้นที่สร้างความเข้าใจบทบาทของ พมจ. แก่ผู้กำหนดนโยบาย", 3),
        ("WT", "W", "T", "ปรับกระบวนงานภายในให้ประสานกันแม้งบประมาณโอนล่าช้า", 5),
    ]
    for order, (kind, a, b, text, strategy_index) in enumerate(pairs, start=1):
        tows = TowsStrategy(
            organization=plan.organization,
            plan=plan,
            kind=kind,
            text=text,
            strategy=strategies[strategy_index] if strategy_index < len(strategies) else None,
            sort_order=order,
        )
        tows._history_user = by
        tows.save()
        tows.items.add(items[a][0], items[b][0])


def _sao_edition(plan, by, today: dt.date) -> None:
    edition = editions.edition_create(
        plan=plan,
        kind="addition",
        year=2567,
        by=by,
        reason="ได้รับแจ้งโครงการจากประชาคมหมู่บ้านและงบประมาณเงินสะสม",
    )
    issue = Issue.objects.get(plan=plan, number=1)
    strategy = issue.strategies.get(number="1.2")
    editions.edition_add_project(
        edition=edition,
        issue=issue,
        strategy=strategy,
        by=by,
        data=_ldp_project(
            "โครงการก่อสร้างฝายชะลอน้ำห้วยบัว หมู่ที่ 4",
            9,
            "ENG",
            [0, 0, 650000, 0, 0],
            outputs="ฝายชะลอน้ำ 1 แห่ง",
            kpi="พื้นที่การเกษตรได้รับน้ำเพิ่มขึ้น 300 ไร่",
            reason="ประชาคมหมู่ที่ 4 เสนอเพื่อแก้ปัญหาภัยแล้ง",
        ),
    )
    for order, step in enumerate(EditionRouteStep.objects.filter(kind="addition"), start=1):
        editions.edition_record_step(
            edition=edition,
            step=step,
            decision="เห็นชอบ",
            on=dt.date(2024, 2, 1) + dt.timedelta(days=7 * order),
            by=by,
        )
    editions.edition_approve(edition=edition, by=by, on=dt.date(2024, 3, 1))


def load(ctx) -> None:
    orgs, users = ctx.organizations, ctx.users
    sk = plan_from_tree(
        organization=orgs["SK-PMJ"],
        tree=songkhla_tree(),
        start_year=PERIOD[0],
        end_year=PERIOD[1],
        by=users["planner"],
    )
    _tows(sk, users["planner"])
    plan_approve(plan=sk, by=users["executive"], on=dt.date(2022, 9, 20))
    sao = plan_from_tree(
        organization=orgs["SAO-NBT"],
        tree=sao_tree(),
        start_year=PERIOD[0],
        end_year=PERIOD[1],
        by=users["lao.planner"],
    )
    sao = plan_approve(plan=sao, by=users["lao.executive"], on=dt.date(2022, 10, 28))
    _sao_edition(sao, users["lao.planner"], ctx.today)
    peo = plan_from_tree(
        organization=orgs["NST-PEO"],
        tree=edu_tree(orgs["NST-PEO"].name_th),
        start_year=PERIOD[0],
        end_year=PERIOD[1],
        by=users["edu.planner"],
    )
    plan_approve(plan=peo, by=users["edu.executive"], on=dt.date(2022, 9, 28))
    parent_issues = {i.number: i for i in peo.issues.all()}
    for code in ("NST-PESAO1", "NST-SESAO", "NST-DLE", "NST-TECH"):
        agency = plan_from_tree(
            organization=orgs[code],
            tree=edu_tree(orgs[code].name_th, EDU_ISSUES[2:], weights=False),
            start_year=PERIOD[0],
            end_year=PERIOD[1],
        )
        for issue in agency.issues.all():  # each serves the provincial office's matching issue
            issue.serves = parent_issues[issue.number + 2]
            issue.save()
