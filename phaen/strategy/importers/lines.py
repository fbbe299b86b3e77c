"""Classify each line of a plan document on its own: heading, list label, numbered item,
plain text, page furniture or web-page debris. The parser then reads the lines in order
and decides, from context, where each one goes.

Headings are matched on a "skeleton" (letters without vowel and tone marks) with one or
two letters of tolerance, so the typos real documents carry ("วิสัยทศน์", "พันธกิจจ",
"ประเด็นยุทธศาสตร") are still recognised; such matches are flagged ``typo``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .text import clean_line, fuzzy_equal, skeleton, to_arabic_digits

# --- Vocabulary ---------------------------------------------------------------------------

# In every list of words below, the first is the plain word: only it is matched with a
# letter or two of tolerance (marks never count, so a dropped tone mark always matches).

# Headings that may carry their text on the same line ("วิสัยทัศน์ : …", "จุดแข็ง บุคลากร…").
# The objective words mean the objective inside an issue section and the plan's
# strategic objectives outside one; the parser decides.
INLINE_WORDS = {
    "vision": ["วิสัยทัศน์", "วิสัยทัศน์องค์กร"],
    "missions": ["พันธกิจ", "พันธกิจองค์กร"],
    "objective": [
        "เป้าประสงค์",
        "เป้าประสงค์เชิงยุทธศาสตร์",
        "เป้าประสงค์เชิงกลยุทธ์",
        "เป้าประสงค์หลัก",
        "เป้าประสงค์รวม",
        "วัตถุประสงค์",
        "วัตถุประสงค์เชิงกลยุทธ์",
        "วัตถุประสงค์เชิงยุทธศาสตร์",
    ],
    "indicators": [
        "ตัวชี้วัด",
        "ตัวชี้วัดความสำเร็จ",
        "ตัวชี้วัดและค่าเป้าหมาย",
        "ตัวชี้วัดเป้าประสงค์",
        "ตัวชี้วัดผลสัมฤทธิ์",
        "ตัวชี้วัดระดับเป้าประสงค์",
    ],
    "strategies": [
        "กลยุทธ์",
        "แนวทางการพัฒนา",
        "กลยุทธ์/แนวทางการพัฒนา",
        "แนวทาง",
        "มาตรการ",
        "กลยุทธ์และแนวทาง",
    ],
    "strengths": ["จุดแข็ง"],
    "weaknesses": ["จุดอ่อน"],
    "opportunities": ["โอกาส"],
    "threats": ["อุปสรรค", "ภัยคุกคาม"],
}

# Headings and labels that stand alone on their line (a project's name may begin with
# "โครงการ", so the projects label never takes text on its line).
WHOLE_LINE_WORDS = {
    "issues": [
        "ประเด็นยุทธศาสตร์",
        "ยุทธศาสตร์",
        "ยุทธศาสตร์การพัฒนา",
        "ประเด็นยุทธศาสตร์การพัฒนา",
        "ประเด็นการพัฒนา",
    ],
    "projects": [
        "โครงการ",
        "แผนงาน/โครงการ",
        "โครงการสำคัญ",
        "โครงการที่สำคัญ",
        "โครงการ/กิจกรรม",
        "แผนงาน/โครงการ/กิจกรรม",
        "แผนงาน",
        "โครงการหลัก",
        "โครงการ/กิจกรรมสำคัญ",
        "แผนงาน/โครงการสำคัญ",
        "แผนงานและโครงการ",
    ],
    "strategy_projects": [
        "โครงการภายใต้กลยุทธ์",
        "โครงการตามกลยุทธ์",
        "โครงการภายใต้แนวทางการพัฒนา",
        "โครงการตามแนวทางการพัฒนา",
    ],
    # Table columns and labels of things this import does not read (targets, budgets…).
    "unimported": [
        "ค่าเป้าหมาย",
        "เป้าหมาย",
        "งบประมาณ",
        "หน่วยงานรับผิดชอบ",
        "ผู้รับผิดชอบ",
        "หน่วยนับ",
        "ระยะเวลา",
        "หมายเหตุ",
        "ค่าฐาน",
        "ข้อมูลพื้นฐาน",
    ],
}

# Parts of a plan document that are not the plan itself; their lines are reported.
OTHER_SECTIONS = [
    "ค่านิยม",
    "ค่านิยมองค์กร",
    "ค่านิยมหลัก",
    "คำนำ",
    "สารบัญ",
    "บทนำ",
    "บทสรุปผู้บริหาร",
    "อำนาจหน้าที่",
    "ข้อมูลทั่วไป",
    "ความเชื่อมโยง",
    "ปัจจัยแห่งความสำเร็จ",
    "ยุทธศาสตร์ชาติ",
    "ยุทธศาสตร์จังหวัด",
    "แผนแม่บท",
    "ภาคผนวก",
    "การติดตามและประเมินผล",
    "การนำแผนไปสู่การปฏิบัติ",
    "แผนที่ยุทธศาสตร์",
    "สภาพปัญหา",
]
# … and those whose heading goes on ("ความเชื่อมโยงกับยุทธศาสตร์ชาติ", "ยุทธศาสตร์จังหวัดสงขลา").
OTHER_SECTION_PREFIXES = ["ความเชื่อมโยง", "ยุทธศาสตร์ชาติ", "ยุทธศาสตร์จังหวัด", "แผนแม่บท"]

# Words before "ที่ N": "ประเด็นยุทธศาสตร์ที่ 2", "กลยุทธ์ที่ 1", "ตัวชี้วัดที่ 1.1".
NUMBERED_WORDS = {
    "issues": ["ประเด็นยุทธศาสตร์", "ยุทธศาสตร์", "ยุทธศาสตร์การพัฒนา", "ประเด็นการพัฒนา"],
    "missions": ["พันธกิจ"],
    "objective": ["เป้าประสงค์", "วัตถุประสงค์", "วัตถุประสงค์เชิงกลยุทธ์"],
    "indicators": ["ตัวชี้วัด"],
    "strategies": ["กลยุทธ์", "แนวทางการพัฒนา", "แนวทาง"],
    "projects": ["โครงการ"],
    "part": ["ส่วน", "บท"],
}

HEADING_KEYS = {
    "vision",
    "missions",
    "issues",
    "swot",
    "strengths",
    "weaknesses",
    "opportunities",
    "threats",
    "other",
    "part",
}
LABEL_KEYS = {
    "objective",
    "indicators",
    "strategies",
    "projects",
    "strategy_projects",
    "unimported",
}
THAI_LETTERS = "กขคงจฉชซฌญ"  # how Thai documents letter their lists (ฃ and ฅ are skipped)

# --- Patterns -----------------------------------------------------------------------------

_MARKER = re.compile(
    r"""^(?:
        \(\s*(?P<parens>\d{1,3}|[ก-ฮ])\s*\)
      | (?P<dotted>\d{1,3}(?:\.\d{1,3})+)\.?(?!\d)
      | (?P<num>\d{1,3})\s*(?P<punct>[.)])(?!\d)
      | (?P<letter>[กขคงจฉชซฌญ])\s*(?P<lpunct>[.)])(?=\s|$)
      | (?P<bullet>[-–—•●○◦▪■□◆❖✓✔➢➤►*·\uf0b7\uf0a7\uf0d8\uf0fc])(?!\d)
    )\s*(?P<rest>.*)$""",
    re.VERBOSE,
)
_NUMBERED_WORD = re.compile(
    r"^(?P<word>[\u0e01-\u0e4f/]+?)\s*(?:ที่|ที|ท่ี)\s*"
    r"(?P<num>\d{1,3}(?:\.\d{1,3})*)\.?(?!\d)\s*[:：.\-–—]?\s*(?P<rest>.*)$"
)
_WORD = re.compile(r"^[\u0e01-\u0e4f/]+")
_LEADING_GLOSS = re.compile(
    r"^\s*(?:\((?!\s*[\d๐-๙]+\s*\))[^()]{0,40}\)\s*)*"
    r"(?:[A-Za-z][A-Za-z .&/]{0,30}(?=[:：]|$))?\s*[:：\-–—]?\s*"
)
_ANY_GLOSS = re.compile(r"\((?!\s*[\d๐-๙]+\s*\))[^()]{0,40}\)")
# What may follow the issues heading: "… ของเทศบาลตำบลนาดี", "… ประกอบด้วย", "… มี 4 ประเด็น".
_QUALIFIER = re.compile(r"(?:ของ|ประกอบด้วย|มี[\d๐-๙]+ประเด็น).*$")
_PAGE = re.compile(
    r"^(?:หน้า\s*\d+(?:\s*(?:/|จาก)\s*\d+)?|[-–—]\s*\d+\s*[-–—]|\d+\s*/\s*\d+|\d{1,3}"
    r"|page\s*\d+(?:\s*of\s*\d+)?)$",
    re.IGNORECASE,
)
_TOC = re.compile(r"(?:\.{4,}|…{2,}|(?:\. ){3,})\s*\d+$")
_DEBRIS_ANYWHERE = re.compile(r"©|copyright|สงวนลิขสิทธิ์|all rights reserved", re.IGNORECASE)
_DEBRIS_SHORT = re.compile(
    r"(?:^|[|•·:]\s*)(?:ผู้เข้าชม|เข้าชม|จำนวนผู้เข้าชม|อ่านแล้ว|อ่าน|views?)\s*:?\s*[\d,]+"
    r"\s*(?:ครั้ง|คน|times)?\s*$"
    r"|^\S*(?:https?://|www\.)\S*$|[\w.+-]+@[\w-]+\.[\w.]+"
    r"|^(?:โพสต์|เผยแพร่|ปรับปรุง|แก้ไข|อัปเดต|อัพเดท)(?:เมื่อ|ล่าสุด)|^(?:updated?|posted)\b"
    r"|^(?:โทร|โทรศัพท์|โทรสาร|tel|fax)\.?\s*:?\s*[\d(+]"
    r"|^(?:แชร์|share)(?:\s|$|:|หน้านี้|ไปยัง|บทความ|ให้เพื่อน)"
    r"|^(?:เว็บไซต์นี้ใช้คุกกี้|this website uses cookies)"
    r"|^(?:หน้าแรก|หน้าหลัก|home)\s*[»>/|]",
    re.IGNORECASE,
)
_MENU_SEPARATORS = re.compile(r"\s*[|»>•·]\s*|\s{2,}")
MENU_WORDS = {
    "หน้าแรก",
    "หน้าหลัก",
    "กลับหน้าหลัก",
    "กลับหน้าแรก",
    "กลับด้านบน",
    "ขึ้นด้านบน",
    "เกี่ยวกับเรา",
    "ติดต่อเรา",
    "ติดต่อ",
    "แชร์",
    "แชร์หน้านี้",
    "share",
    "facebook",
    "twitter",
    "x",
    "line",
    "youtube",
    "instagram",
    "tiktok",
    "messenger",
    "email",
    "อีเมล",
    "พิมพ์",
    "พิมพ์หน้านี้",
    "print",
    "แผนผังเว็บไซต์",
    "sitemap",
    "site map",
    "เข้าสู่ระบบ",
    "login",
    "log in",
    "ค้นหา",
    "search",
    "ย้อนกลับ",
    "ก่อนหน้า",
    "ถัดไป",
    "บทความที่เกี่ยวข้อง",
    "ข่าวที่เกี่ยวข้อง",
    "ข่าวล่าสุด",
    "เนื้อหาที่เกี่ยวข้อง",
    "tags",
    "tag",
    "แท็ก",
    "ความคิดเห็น",
    "แสดงความคิดเห็น",
    "นโยบายความเป็นส่วนตัว",
    "นโยบายคุกกี้",
    "cookie policy",
    "privacy policy",
    "ยอมรับ",
    "ยอมรับทั้งหมด",
    "ตั้งค่าคุกกี้",
    "คำถามที่พบบ่อย",
    "faq",
    "ข่าวประชาสัมพันธ์",
    "ภาษาไทย",
    "english",
    "th",
    "en",
    "webboard",
    "กระดานสนทนา",
    "ดาวน์โหลด",
    "download",
    "เว็บลิงก์",
    "ลิงก์ที่เกี่ยวข้อง",
    "หน่วยงานที่เกี่ยวข้อง",
    "ผู้บริหาร",
    "โครงสร้างองค์กร",
    "ข่าวสาร",
    "ติดต่อสอบถาม",
    "ร้องเรียน",
    "ร้องเรียน/ร้องทุกข์",
    "e-service",
    "อ่านต่อ",
    "อ่านเพิ่มเติม",
}


@dataclass(frozen=True)
class Marker:
    """How an item is numbered: ``style`` says which kind of numbering ("dot" for "1.",
    "paren" for "1)", "parens" for "(1)", "dotted2" for "1.1", "letter." for "ก.",
    "bullet:-" for "- ", "labelled1" for "กลยุทธ์ที่ 1", "plain" for none), ``number`` is
    the number in Arabic digits ("1", "1.1", "ก"; empty for bullets and plain lines)."""

    style: str
    number: str = ""

    @property
    def parts(self) -> tuple[int, ...]:
        """The number as integers (a Thai letter counts as its place in the alphabet)."""
        if len(self.number) == 1 and self.number in THAI_LETTERS:
            return (THAI_LETTERS.index(self.number) + 1,)
        if re.fullmatch(r"\d+(?:\.\d+)*", self.number):
            return tuple(int(part) for part in self.number.split("."))
        return ()

    def continues(self, previous: Marker | None) -> bool:
        """True when this number comes right after ``previous`` (2 after 1, 1.3 after 1.2)."""
        if previous is None or not self.parts or len(self.parts) != len(previous.parts):
            return False
        return self.parts[:-1] == previous.parts[:-1] and self.parts[-1] == previous.parts[-1] + 1


PLAIN = Marker("plain")


@dataclass(frozen=True)
class Line:
    """One line of the document, classified on its own.

    ``kind`` is one of: blank, page, debris, heading (``key`` in HEADING_KEYS), label
    (``key`` in LABEL_KEYS), section ("ประเด็นยุทธศาสตร์ที่ N"), columns (a table's header
    row), item (numbered; ``key`` set when the number follows a word, as in "กลยุทธ์ที่ 1"),
    text. ``rest`` is the text after the heading, label or number; ``text`` the whole line.
    """

    no: int
    text: str
    kind: str
    key: str = ""
    marker: Marker | None = None
    rest: str = ""
    typo: bool = False


# --- Classification -----------------------------------------------------------------------


def classify_lines(text: str) -> list[Line]:
    """Split ``text`` into lines (numbered from 1 as an editor shows them) and classify each."""
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [classify_line(no, raw) for no, raw in enumerate(raw_lines, 1)]


def classify_line(no: int, raw: str) -> Line:
    """Classify one line (see :class:`Line`); digits are read as Arabic for numbering only."""
    text = clean_line(raw)
    if not text:
        return Line(no, text, "blank")
    probe = to_arabic_digits(text)
    if _PAGE.match(probe) or _TOC.search(probe):
        return Line(no, text, "page")
    marker, rest = parse_marker(text)
    if marker is not None:
        heading = _structure(no, rest, whole_line_labels=True)
        if heading is not None:  # "1. วิสัยทัศน์", "๒) ตัวชี้วัด"
            return replace(heading, text=text)
        return Line(no, text, "item", marker=marker, rest=rest)
    if is_debris(text):
        return Line(no, text, "debris")
    return _structure(no, text) or Line(no, text, "text")


def _structure(no: int, text: str, whole_line_labels: bool = False) -> Line | None:
    """The heading, label, section or column-header reading of ``text``, if it has one."""
    numbered = _numbered_word(no, text)
    if numbered is not None:
        return numbered
    if match_columns(text):
        return Line(no, text, "columns")
    if _is_swot_heading(text):
        return Line(no, text, "heading", key="swot")
    inline = _inline_heading(no, text)
    if inline is not None and not (whole_line_labels and inline.rest and inline.kind == "label"):
        return inline
    return _whole_line_heading(no, text, qualified=not whole_line_labels)


def parse_marker(text: str) -> tuple[Marker | None, str]:
    """Split a list number ("1.", "๑)", "(1)", "1.1", "ก.", "-") from the item's text.
    The text keeps its own digits; the marker's number is in Arabic digits."""
    match = _MARKER.match(to_arabic_digits(text))
    if match is None:
        return None, text
    rest = text[match.start("rest") :].strip()
    groups = match.groupdict()
    if groups["parens"]:
        letter = not groups["parens"].isdigit()
        return Marker("parens-letter" if letter else "parens", groups["parens"]), rest
    if groups["dotted"]:
        depth = groups["dotted"].count(".") + 1
        return Marker(f"dotted{depth}", groups["dotted"]), rest
    if groups["num"]:
        return Marker("dot" if groups["punct"] == "." else "paren", groups["num"]), rest
    if groups["letter"]:
        return Marker("letter" + groups["lpunct"], groups["letter"]), rest
    bullet = "-" if groups["bullet"] in "-–—" else groups["bullet"]
    return Marker(f"bullet:{bullet}"), rest


def _numbered_word(no: int, text: str) -> Line | None:
    """ "ประเด็นยุทธศาสตร์ที่ ๒ …" (a section) or "กลยุทธ์ที่ 1 …" (a labelled item)."""
    match = _NUMBERED_WORD.match(to_arabic_digits(text))
    if match is None:
        return None
    key, typo = _lookup(match["word"], NUMBERED_WORDS)
    if key is None:
        return None
    rest = strip_gloss(text[match.start("rest") :])
    depth = match["num"].count(".") + 1
    marker = Marker(f"labelled{depth}", match["num"])
    if key == "issues":
        return Line(no, text, "section", marker=marker, rest=rest, typo=typo)
    if key == "part":  # "ส่วนที่ 3 ยุทธศาสตร์การพัฒนา": the part may name a heading
        inner = _structure(no, rest, whole_line_labels=True) if rest else None
        return replace(inner, text=text) if inner else Line(no, text, "heading", key="part")
    return Line(no, text, "item", key=key, marker=marker, rest=rest, typo=typo)


def _inline_heading(no: int, text: str) -> Line | None:
    """A heading word at the start of the line, possibly followed by its text."""
    word = _WORD.match(text)
    if word is None:
        return None
    key, typo = _lookup(word.group(), INLINE_WORDS)
    if key is None:
        return None
    rest = strip_gloss(text[word.end() :])
    kind = "label" if key in LABEL_KEYS else "heading"
    return Line(no, text, kind, key=key, rest=rest, typo=typo)


def _whole_line_heading(no: int, text: str, qualified: bool = True) -> Line | None:
    """A heading or label that is the whole line, allowing glosses such as "(Projects)"
    and "… ดังนี้" around it (and, when ``qualified``, "ของ…" after the issues heading:
    not after a list number, where "1. ยุทธศาสตร์การพัฒนาของเมือง" is an issue); or the
    heading of a part of the document the import does not read."""
    words = whole_line_words(text)
    key, typo = _lookup(words, WHOLE_LINE_WORDS)
    if key is None and qualified:
        key, typo = _lookup(_QUALIFIER.sub("", words), {"issues": WHOLE_LINE_WORDS["issues"]})
    if key is None and _is_other_section(words):
        key, typo = "other", False
    if key is None:
        return None
    kind = "label" if key in LABEL_KEYS else "heading"
    return Line(no, text, kind, key=key, typo=typo)


def whole_line_words(text: str) -> str:
    """The words of a line without glosses, colons, spaces and a closing "ดังนี้":
    "ตัวชี้วัด (KPI) ดังนี้" gives "ตัวชี้วัด"."""
    words = _ANY_GLOSS.sub(" ", text)
    words = re.sub(r"ดังนี้\s*[:：]?\s*$", "", words)
    return re.sub(r"[\s:：]+", "", words)


def _is_other_section(words: str) -> bool:
    """A heading of a part that is not the plan (foreword, values, linkage, appendix)."""
    if len(words) > 50:
        return False
    if _lookup(words, {"other": OTHER_SECTIONS})[0]:
        return True
    return _lookup_prefix(words, OTHER_SECTION_PREFIXES) is not None


def _lookup(word: str, table: dict[str, list[str]]) -> tuple[str | None, bool]:
    """The key whose word ``word`` is (exactly: typo False; after tolerance: typo True).
    Marks never count; a letter or two more or less is tolerated only against the first,
    plain word of each key: "โครงการหนึ่ง" is a project's name, not "โครงการหลัก"."""
    best: tuple[str | None, bool] = (None, False)
    for key, variants in table.items():
        for position, variant in enumerate(variants):
            score = fuzzy_equal(word, variant, tolerant=position == 0)
            if score == 0:
                return key, False
            if score is not None and best[0] is None:
                best = (key, True)
    return best


def _lookup_prefix(text: str, words: list[str]) -> str | None:
    """The first of ``words`` that ``text`` begins with (compared on skeletons)."""
    text_skeleton = skeleton(text)
    return next((word for word in words if text_skeleton.startswith(skeleton(word))), None)


def strip_gloss(text: str) -> str:
    """Drop what sits between a heading and its text: "(Vision)", "(ต่อ)", ":", "–"."""
    return _LEADING_GLOSS.sub("", text, count=1).strip()


def _is_swot_heading(text: str) -> bool:
    """ "การวิเคราะห์สภาพแวดล้อม (SWOT Analysis)" and the like."""
    if "swot" in text.casefold() and len(text) <= 150:
        return True
    return _lookup_prefix(text, ["การวิเคราะห์สภาพแวดล้อม", "ผลการวิเคราะห์สภาพแวดล้อม"]) is not None


def match_label(text: str) -> tuple[str | None, bool]:
    """The list label a short text names (a table's header cell, a label line):
    "ตัวชี้วัด" → "indicators", "แผนงาน/โครงการ" → "projects"; with the typo flag."""
    words = whole_line_words(text)
    key, typo = _lookup(words, {k: v for k, v in INLINE_WORDS.items() if k in LABEL_KEYS})
    if key is None:
        key, typo = _lookup(words, WHOLE_LINE_WORDS)
    return key, typo


def match_columns(text: str) -> list[str]:
    """The labels of a column-header line ("ตัวชี้วัด  กลยุทธ์  โครงการ", tabs or "|"
    between), or [] when the line is not one."""
    tokens = [t for t in re.split(r"[\s|｜]+", text) if re.search(r"[\u0e01-\u0e4f]", t)]
    if len(tokens) < 2:
        return []
    keys = [match_label(token)[0] for token in tokens]
    if None in keys or len(set(keys) - {"unimported"}) < 2:
        return []
    return [key for key in keys if key]


def is_debris(text: str) -> bool:
    """Web-page furniture copied with the content: menus, share buttons, social links,
    visit counters, copyright notices, URLs, contact lines, cookie banners."""
    if _DEBRIS_ANYWHERE.search(text):
        return True
    if len(text) > 80:
        return False
    if _DEBRIS_SHORT.search(text):
        return True
    parts = [p.strip(" :").casefold() for p in _MENU_SEPARATORS.split(text) if p.strip(" :")]
    return bool(parts) and all(part in MENU_WORDS for part in parts)
