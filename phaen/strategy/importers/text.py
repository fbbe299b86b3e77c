"""Text helpers for reading Thai planning documents: line clean-up and typo-tolerant
comparison of headings."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from phaen.core.thai import to_arabic_digits

__all__ = ["clean_line", "fuzzy_equal", "skeleton", "to_arabic_digits"]

# Invisible characters that copy-and-paste from web pages and PDFs leaves in the text.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# A mark typed twice in a row (ที่่, ก็็) is a typing slip, never meaningful.
_DOUBLED_MARK = re.compile(r"([\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])\1+")
# Vowels above/below and tone marks: the letters a typo most often drops or adds.
_MARKS = re.compile(r"[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")


def clean_line(line: str) -> str:
    """Normalise one line for reading: NFC, no zero-width characters, one space between
    words, no doubled marks, and NIKHAHIT + SARA AA (a PDF artefact) written as SARA AM.
    Digits are left as written (Thai digits stay Thai)."""
    text = unicodedata.normalize("NFC", line).translate(_INVISIBLE)
    text = text.replace("\u0e4d\u0e32", "\u0e33")
    text = _DOUBLED_MARK.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=4096)  # headings are compared with every keyword: compute each once
def skeleton(text: str) -> str:
    """The letters of ``text`` without Thai vowel and tone marks, spaces or slashes, with
    SARA AM read as SARA AA: "วิสัยทัศน์" and the typo "วิสัยทศน์" share "วสยทศน"."""
    text = _MARKS.sub("", text.replace("\u0e33", "\u0e32"))
    return re.sub(r"[\s/]+", "", text).casefold()


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance between ``a`` and ``b``, or ``limit + 1`` once it exceeds
    ``limit`` (headings are short, so this stays cheap)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def allowed_typos(keyword_skeleton: str) -> int:
    """How many letters may differ: none for very short words, one for words of up to
    seven letters, two for longer ones."""
    length = len(keyword_skeleton)
    return 0 if length <= 3 else 1 if length <= 7 else 2


def fuzzy_equal(word: str, keyword: str, tolerant: bool = True) -> int | None:
    """Compare ``word`` with ``keyword`` tolerating typos: returns 0 for an exact match,
    1 for a match only after typo tolerance, None for no match. Vowel and tone marks
    never count; ``tolerant`` allows :func:`allowed_typos` letters more."""
    if word.replace(" ", "") == keyword.replace(" ", ""):
        return 0
    word_skeleton, keyword_skeleton = skeleton(word), skeleton(keyword)
    if not word_skeleton:
        return None
    limit = allowed_typos(keyword_skeleton) if tolerant else 0
    if _distance(word_skeleton, keyword_skeleton, limit) <= limit:
        return 1
    return None
