"""Thai calendar, fiscal year, digits and Baht-in-words rules (phaen.core.thai) and the
template filters over them. Pure functions: no database."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from phaen.core import thai
from phaen.core.templatetags import thai as tags

BANGKOK = ZoneInfo("Asia/Bangkok")
OCT_1_2024 = date(2024, 10, 1)

# Dates whose BE year is written with four digits >= 2400, as the parser expects.
dates_1900_2200 = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
# Dates whose two-digit BE year is unambiguous (BE 2500-2599).
dates_short_be = st.dates(min_value=date(1957, 1, 1), max_value=date(2056, 12, 31))
# Any date whose fiscal year and its neighbours are representable.
any_date = st.dates(min_value=date(2, 1, 1), max_value=date(9998, 12, 31))
# Since 1920 Bangkok has been UTC+7 without daylight saving.
utc_datetimes = st.datetimes(
    min_value=datetime(1921, 1, 1), max_value=datetime(2200, 12, 31), timezones=st.just(UTC)
)
money = st.decimals(min_value=0, max_value=Decimal(10**13) - Decimal("0.01"), places=2)


def pythainlp_util():
    """PyThaiNLP's util module, imported offline and read-only."""
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
    from pythainlp import util

    return util


# --- Years ----------------------------------------------------------------------------------


def test_it_adds_543_to_a_common_era_year_to_get_the_buddhist_era_year():
    assert thai.BE_OFFSET == 543
    assert thai.be_year(2024) == 2567
    assert thai.ce_year(2567) == 2024


@given(st.integers(min_value=-10_000, max_value=10_000))
def test_it_round_trips_years_between_the_two_eras(year):
    assert thai.ce_year(thai.be_year(year)) == year
    assert thai.be_year(thai.ce_year(year)) == year


# --- Local dates ----------------------------------------------------------------------------


def test_it_takes_the_bangkok_date_of_an_aware_datetime():
    assert thai.local_date(datetime(2024, 9, 30, 17, 0, tzinfo=UTC)) == OCT_1_2024
    assert thai.local_date(datetime(2024, 9, 30, 16, 59, 59, tzinfo=UTC)) == date(2024, 9, 30)


def test_it_takes_a_naive_datetime_as_bangkok_local_time():
    assert thai.local_date(datetime(2024, 9, 30, 23, 59)) == date(2024, 9, 30)
    assert thai.local_date(datetime(2024, 10, 1, 0, 1)) == OCT_1_2024


def test_it_returns_a_plain_date_unchanged():
    assert thai.local_date(OCT_1_2024) == OCT_1_2024


def test_it_gives_the_bangkok_wall_clock_time_of_an_aware_datetime():
    local = thai.local_datetime(datetime(2024, 10, 1, 7, 5, tzinfo=UTC))
    assert (local.hour, local.minute) == (14, 5)


@pytest.mark.parametrize("value", ["2024-10-01", 20241001, None])
def test_it_refuses_to_take_the_local_date_of_something_that_is_not_a_date(value):
    with pytest.raises(TypeError):
        thai.local_date(value)


@given(utc_datetimes)
def test_it_shifts_utc_by_seven_hours_to_get_the_bangkok_date(moment):
    assert thai.local_date(moment) == (moment.replace(tzinfo=None) + timedelta(hours=7)).date()


# --- Fiscal year ----------------------------------------------------------------------------


def test_it_puts_midnight_1_october_bangkok_given_in_utc_into_the_next_fiscal_year_q1():
    moment = datetime.fromisoformat("2024-09-30T17:00:00+00:00")  # 1 Oct 00:00 in Bangkok
    assert moment.date() == date(2024, 9, 30)  # the trap: still 30 September in UTC
    assert thai.fiscal_year(moment) == 2568
    assert thai.fiscal_quarter(moment) == 1


def test_it_keeps_30_september_23_59_bangkok_in_the_old_fiscal_year_q4():
    for moment in (
        datetime(2024, 9, 30, 23, 59, tzinfo=BANGKOK),
        datetime(2024, 9, 30, 16, 59, tzinfo=UTC),
        datetime(2024, 9, 30, 23, 59),  # naive: Bangkok local time
    ):
        assert thai.fiscal_year(moment) == 2567
        assert thai.fiscal_quarter(moment) == 4


@pytest.mark.parametrize(
    ("day", "fy"),
    [
        (date(2024, 9, 30), 2567),
        (date(2024, 10, 1), 2568),
        (date(2024, 12, 31), 2568),
        (date(2025, 1, 1), 2568),
        (date(2025, 9, 30), 2568),
        (date(2025, 10, 1), 2569),
    ],
)
def test_it_names_the_fiscal_year_after_the_buddhist_era_year_in_which_it_ends(day, fy):
    assert thai.fiscal_year(day) == fy


def test_it_gives_the_first_and_last_day_of_a_fiscal_year():
    assert thai.fiscal_year_range(2568) == (date(2024, 10, 1), date(2025, 9, 30))


QUARTER_OF_MONTH = {10: 1, 11: 1, 12: 1, 1: 2, 2: 2, 3: 2, 4: 3, 5: 3, 6: 3, 7: 4, 8: 4, 9: 4}


@pytest.mark.parametrize(("month", "quarter"), sorted(QUARTER_OF_MONTH.items()))
def test_it_numbers_fiscal_quarters_from_october(month, quarter):
    assert thai.fiscal_quarter(date(2025, month, 15)) == quarter


def test_it_lists_the_calendar_months_of_each_fiscal_quarter():
    assert thai.quarter_months(1) == [10, 11, 12]
    assert thai.quarter_months(2) == [1, 2, 3]
    assert thai.quarter_months(3) == [4, 5, 6]
    assert thai.quarter_months(4) == [7, 8, 9]


@pytest.mark.parametrize("quarter", [0, 5, -1])
def test_it_refuses_a_fiscal_quarter_outside_1_to_4(quarter):
    with pytest.raises(ValueError):
        thai.quarter_months(quarter)
    with pytest.raises(ValueError):
        thai.quarter_range(2568, quarter)


def test_it_gives_the_first_and_last_day_of_each_fiscal_quarter():
    assert thai.quarter_range(2568, 1) == (date(2024, 10, 1), date(2024, 12, 31))
    assert thai.quarter_range(2568, 2) == (date(2025, 1, 1), date(2025, 3, 31))
    assert thai.quarter_range(2568, 3) == (date(2025, 4, 1), date(2025, 6, 30))
    assert thai.quarter_range(2568, 4) == (date(2025, 7, 1), date(2025, 9, 30))


def test_it_lists_the_twelve_months_of_a_fiscal_year_in_fiscal_order_with_ce_years():
    assert thai.fiscal_months(2568) == [
        (2024, 10),
        (2024, 11),
        (2024, 12),
        (2025, 1),
        (2025, 2),
        (2025, 3),
        (2025, 4),
        (2025, 5),
        (2025, 6),
        (2025, 7),
        (2025, 8),
        (2025, 9),
    ]


def test_it_numbers_the_months_of_the_fiscal_year_from_october():
    assert thai.fiscal_month_index(10) == 1
    assert thai.fiscal_month_index(12) == 3
    assert thai.fiscal_month_index(1) == 4
    assert thai.fiscal_month_index(9) == 12
    for month in (0, 13):
        with pytest.raises(ValueError):
            thai.fiscal_month_index(month)


@given(any_date)
def test_it_places_every_date_inside_its_fiscal_year_and_fiscal_quarter(day):
    fy = thai.fiscal_year(day)
    first, last = thai.fiscal_year_range(fy)
    assert first <= day <= last
    q_first, q_last = thai.quarter_range(fy, thai.fiscal_quarter(day))
    assert q_first <= day <= q_last
    assert day.month in thai.quarter_months(thai.fiscal_quarter(day))


@given(utc_datetimes)
def test_it_places_every_moment_inside_the_fiscal_year_of_its_bangkok_date(moment):
    fy = thai.fiscal_year(moment)
    first, last = thai.fiscal_year_range(fy)
    assert first <= thai.local_date(moment) <= last
    q_first, q_last = thai.quarter_range(fy, thai.fiscal_quarter(moment))
    assert q_first <= thai.local_date(moment) <= q_last


@given(st.integers(min_value=600, max_value=10_000))
def test_it_maps_the_twelve_fiscal_months_back_to_their_fiscal_year(fy):
    months = thai.fiscal_months(fy)
    assert len(months) == 12
    for position, (year, month) in enumerate(months, start=1):
        assert thai.fiscal_year(date(year, month, 1)) == fy
        assert thai.fiscal_month_index(month) == position
    first, last = thai.fiscal_year_range(fy)
    assert (first.year, first.month) == months[0]
    assert (last.year, last.month) == months[-1]


@given(st.integers(min_value=600, max_value=10_000), st.integers(min_value=1, max_value=4))
def test_it_tiles_the_fiscal_year_with_its_four_quarters(fy, quarter):
    first, last = thai.quarter_range(fy, quarter)
    assert thai.fiscal_year(first) == thai.fiscal_year(last) == fy
    assert thai.fiscal_quarter(first) == thai.fiscal_quarter(last) == quarter
    if quarter < 4:
        assert thai.quarter_range(fy, quarter + 1)[0] == last + timedelta(days=1)


# --- Names ----------------------------------------------------------------------------------


def test_it_has_thai_and_english_month_names_indexed_by_calendar_month():
    assert thai.THAI_MONTHS[1] == "มกราคม"
    assert thai.THAI_MONTHS[10] == "ตุลาคม"
    assert thai.THAI_MONTHS[12] == "ธันวาคม"
    assert thai.THAI_MONTH_ABBRS[1:] == (
        "ม.ค.",
        "ก.พ.",
        "มี.ค.",
        "เม.ย.",
        "พ.ค.",
        "มิ.ย.",
        "ก.ค.",
        "ส.ค.",
        "ก.ย.",
        "ต.ค.",
        "พ.ย.",
        "ธ.ค.",
    )
    assert thai.ENGLISH_MONTHS[10] == "October"
    assert thai.ENGLISH_MONTH_ABBRS[10] == "Oct"
    assert thai.month_name(10) == "ตุลาคม"
    assert thai.month_name(10, abbr=True) == "ต.ค."
    assert thai.month_name(10, lang="en") == "October"


def test_it_lists_month_abbreviations_in_fiscal_order_from_october():
    assert thai.FISCAL_MONTH_ABBRS[0] == "ต.ค."
    assert thai.FISCAL_MONTH_ABBRS[3] == "ม.ค."
    assert thai.FISCAL_MONTH_ABBRS[-1] == "ก.ย."
    assert len(thai.FISCAL_MONTH_ABBRS) == 12


def test_it_names_weekdays_from_monday_as_date_weekday_does():
    assert thai.THAI_WEEKDAYS == ("จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์")
    assert thai.THAI_WEEKDAYS[OCT_1_2024.weekday()] == "อังคาร"


# --- Digits ---------------------------------------------------------------------------------


def test_it_swaps_arabic_and_thai_digits_and_keeps_everything_else():
    assert thai.to_thai_digits("ปี 2567, 1.50 บาท") == "ปี ๒๕๖๗, ๑.๕๐ บาท"
    assert thai.to_thai_digits(1234) == "๑๒๓๔"
    assert thai.to_thai_digits(Decimal("1.50")) == "๑.๕๐"
    assert thai.to_arabic_digits("๐๑๒๓๔๕๖๗๘๙ abc") == "0123456789 abc"
    assert [ord(c) for c in thai.to_thai_digits("0123456789")] == list(range(0x0E50, 0x0E5A))
    assert thai.to_thai_digits(None) == thai.to_arabic_digits(None) == ""


@given(st.text())
def test_it_round_trips_thai_digits(text):
    arabic = thai.to_arabic_digits(text)
    assert thai.to_arabic_digits(thai.to_thai_digits(arabic)) == arabic
    assert thai.to_thai_digits(thai.to_arabic_digits(thai.to_thai_digits(text))) == (
        thai.to_thai_digits(text)
    )
    assert not any(c in "0123456789" for c in thai.to_thai_digits(text))
    assert not any(c in thai.THAI_DIGITS for c in arabic)


@given(st.text(alphabet="0123456789๐๑๒๓๔๕๖๗๘๙ .,-abcกข"))
def test_it_converts_digits_like_pythainlp(text):
    util = pythainlp_util()
    assert thai.to_thai_digits(text) == util.arabic_digit_to_thai_digit(text)
    assert thai.to_arabic_digits(text) == util.thai_digit_to_arabic_digit(text)


# --- Numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (48150, 2, "48,150.00"),
        (Decimal("1234.5"), 2, "1,234.50"),
        (1234567.891, 0, "1,234,568"),
        (Decimal("0.125"), 2, "0.13"),  # half-up, not half-even
        (2.675, 2, "2.68"),  # the float as written, not its binary value
        (-1234.5, 2, "-1,234.50"),
        ("๑๒๓๔", 2, "1,234.00"),
        ("1,234.5", 1, "1,234.5"),
        (10**15, 2, "1,000,000,000,000,000.00"),
        (
            Decimal("99999999999999999999999999999.995"),
            2,
            "100,000,000,000,000,000,000,000,000,000.00",
        ),
    ],
)
def test_it_formats_numbers_with_thousands_commas_and_fixed_decimals(value, decimals, expected):
    assert thai.format_number(value, decimals) == expected


def test_it_writes_a_dash_for_none_and_on_request_for_zero():
    assert thai.format_number(None) == "-"
    assert thai.format_number(0) == "0.00"
    assert thai.format_number(0, dash_zero=True) == "-"
    assert thai.format_number(Decimal("0.004"), dash_zero=True) == "-"  # rounds to zero
    assert thai.format_number(5, dash_zero=True) == "5.00"


def test_it_never_writes_negative_zero():
    assert thai.format_number(-0.001) == "0.00"
    assert thai.format_number(Decimal("-0")) == "0.00"


def test_it_writes_numbers_in_thai_digits_on_request():
    assert thai.format_number(48150, thai_digits=True) == "๔๘,๑๕๐.๐๐"


def test_it_formats_baht_with_two_decimals():
    assert thai.format_baht(48150) == "48,150.00"
    assert thai.format_baht(None) == "-"


@pytest.mark.parametrize("value", ["abc", "1.2.3", float("nan"), float("inf"), True, [1]])
def test_it_refuses_to_format_something_that_is_not_a_finite_number(value):
    with pytest.raises((ValueError, TypeError)):
        thai.format_number(value)


# --- Baht in words --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "ศูนย์บาทถ้วน"),
        (1, "หนึ่งบาทถ้วน"),
        (10, "สิบบาทถ้วน"),
        (11, "สิบเอ็ดบาทถ้วน"),
        (20, "ยี่สิบบาทถ้วน"),
        (21, "ยี่สิบเอ็ดบาทถ้วน"),
        (101, "หนึ่งร้อยเอ็ดบาทถ้วน"),
        (110, "หนึ่งร้อยสิบบาทถ้วน"),
        (202, "สองร้อยสองบาทถ้วน"),
        (1_001, "หนึ่งพันเอ็ดบาทถ้วน"),
        (48_150, "สี่หมื่นแปดพันหนึ่งร้อยห้าสิบบาทถ้วน"),
        (1_000_000, "หนึ่งล้านบาทถ้วน"),
        (1_000_001, "หนึ่งล้านเอ็ดบาทถ้วน"),
        (11_000_000, "สิบเอ็ดล้านบาทถ้วน"),
        (21_000_021, "ยี่สิบเอ็ดล้านยี่สิบเอ็ดบาทถ้วน"),
        (1_000_000_000_000, "หนึ่งล้านล้านบาทถ้วน"),
        (1_000_000_000_001, "หนึ่งล้านล้านเอ็ดบาทถ้วน"),
        (1_000_001_000_000, "หนึ่งล้านเอ็ดล้านบาทถ้วน"),
        (Decimal("100.25"), "หนึ่งร้อยบาทยี่สิบห้าสตางค์"),
        (Decimal("0.50"), "ห้าสิบสตางค์"),
        (Decimal("0.01"), "หนึ่งสตางค์"),
        (Decimal("0.21"), "ยี่สิบเอ็ดสตางค์"),
        (Decimal("1.11"), "หนึ่งบาทสิบเอ็ดสตางค์"),
        (-5, "ลบห้าบาทถ้วน"),
        (Decimal("-0.50"), "ลบห้าสิบสตางค์"),
    ],
)
def test_it_reads_baht_amounts_in_thai_words(amount, words):
    assert thai.baht_text(amount) == words


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (Decimal("0.005"), "หนึ่งสตางค์"),
        (Decimal("0.004"), "ศูนย์บาทถ้วน"),
        (Decimal("-0.004"), "ศูนย์บาทถ้วน"),  # rounds to zero: no "ลบ"
        (Decimal("2.675"), "สองบาทหกสิบแปดสตางค์"),
        (Decimal("1.995"), "สองบาทถ้วน"),
        (2.675, "สองบาทหกสิบแปดสตางค์"),  # float 2.675 is 2.67499…; taken as written
        (1.005, "หนึ่งบาทหนึ่งสตางค์"),
    ],
)
def test_it_rounds_amounts_half_up_to_whole_satang(amount, words):
    assert thai.baht_text(amount) == words


def test_it_reads_ints_floats_decimals_and_numeric_text_alike():
    expected = "หนึ่งร้อยบาทยี่สิบห้าสตางค์"
    assert thai.baht_text(100.25) == thai.baht_text("100.25") == expected
    assert thai.baht_text("๑๐๐.๒๕") == thai.baht_text(Decimal("100.250")) == expected
    assert thai.baht_text(None) == thai.baht_text("") == ""


@given(money)
def test_it_reads_any_amount_below_ten_trillion_ending_in_thuan_iff_there_are_no_satang(amount):
    words = thai.baht_text(amount)
    satang = int(amount * 100) % 100
    assert words.endswith("ถ้วน") == (satang == 0)
    assert words.endswith("สตางค์") == (satang != 0)
    if amount >= 1:
        assert "บาท" in words


@given(money)
def test_it_reads_words_that_pythainlp_reads_back_as_the_same_amount(amount):
    util = pythainlp_util()
    words = thai.baht_text(amount)
    baht_words, _, satang_words = words.partition("บาท")
    if not _:  # satang only: "ห้าสิบสตางค์"
        baht_words, satang_words = "ศูนย์", words
    satang_words = satang_words.removesuffix("สตางค์").removesuffix("ถ้วน")
    baht = util.thaiword_to_num(baht_words)
    satang = util.thaiword_to_num(satang_words) if satang_words else 0
    assert Decimal(baht) + Decimal(satang) / 100 == amount


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_it_agrees_with_pythainlp_on_whole_amounts_below_a_million_million(amount):
    assert thai.baht_text(amount) == pythainlp_util().bahttext(amount)


@given(st.decimals(min_value=1, max_value=Decimal(10**12) - Decimal("0.01"), places=2))
def test_it_agrees_with_pythainlp_on_amounts_of_at_least_one_baht_below_a_million_million(
    amount,
):
    assert thai.baht_text(amount) == pythainlp_util().bahttext(float(amount))


def test_it_differs_from_pythainlp_where_pythainlp_breaks_the_rules():
    util = pythainlp_util()
    assert util.bahttext(0.5) == "ศูนย์บาทห้าสิบสตางค์"
    assert thai.baht_text(Decimal("0.50")) == "ห้าสิบสตางค์"
    assert util.bahttext(-0.5) == "ศูนย์บาทห้าสิบสตางค์"  # sign lost
    assert thai.baht_text(-0.5) == "ลบห้าสิบสตางค์"
    assert util.bahttext(2.675) == "สองบาทหกสิบเจ็ดสตางค์"
    assert util.bahttext(2_000_001_000_000) == "สองล้านหนึ่งล้านบาทถ้วน"
    assert thai.baht_text(2_000_001_000_000) == "สองล้านเอ็ดล้านบาทถ้วน"


@given(st.decimals(min_value=Decimal("0.01"), max_value=10**13, places=2))
def test_it_prefixes_negative_amounts_with_lop(amount):
    assert thai.baht_text(-amount) == "ลบ" + thai.baht_text(amount)


# --- Formatting dates -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("style", "thai_text", "english_text"),
    [
        ("long", "1 ตุลาคม 2567", "1 October 2567"),
        ("medium", "1 ต.ค. 2567", "1 Oct 2567"),
        ("short", "1 ต.ค. 67", "1 Oct 67"),
        ("full", "วันอังคารที่ 1 ตุลาคม พ.ศ. 2567", "Tuesday 1 October B.E. 2567"),
        ("gazette", "1 ตุลาคม พ.ศ. 2567", "1 October B.E. 2567"),
        ("month", "ตุลาคม 2567", "October 2567"),
        ("month_short", "ต.ค. 67", "Oct 67"),
    ],
)
def test_it_formats_dates_with_buddhist_era_years_in_thai_and_english(
    style, thai_text, english_text
):
    assert thai.format_thai_date(OCT_1_2024, style) == thai_text
    assert thai.format_thai_date(OCT_1_2024, style, lang="en") == english_text


def test_it_formats_long_dates_by_default_and_none_as_empty_text():
    assert thai.format_thai_date(OCT_1_2024) == "1 ตุลาคม 2567"
    assert thai.format_thai_date(None) == ""


def test_it_writes_dates_in_thai_digits_on_request():
    assert thai.format_thai_date(OCT_1_2024, thai_digits=True) == "๑ ตุลาคม ๒๕๖๗"


def test_it_formats_the_bangkok_date_of_an_aware_datetime():
    assert thai.format_thai_date(datetime(2024, 9, 30, 17, 0, tzinfo=UTC)) == "1 ตุลาคม 2567"


def test_it_refuses_an_unknown_date_style():
    with pytest.raises(ValueError, match="style"):
        thai.format_thai_date(OCT_1_2024, "fancy")


def test_it_adds_the_bangkok_time_to_a_datetime():
    moment = datetime(2024, 10, 1, 7, 5, tzinfo=UTC)
    assert thai.format_thai_datetime(moment) == "1 ตุลาคม 2567 เวลา 14:05 น."
    assert thai.format_thai_datetime(moment, "short", lang="en") == "1 Oct 67, 14:05"
    assert thai.format_thai_datetime(moment, thai_digits=True) == "๑ ตุลาคม ๒๕๖๗ เวลา ๑๔:๐๕ น."
    assert thai.format_thai_datetime(OCT_1_2024) == "1 ตุลาคม 2567"
    assert thai.format_thai_datetime(None) == ""


def test_it_labels_a_fiscal_year_and_spells_out_its_span():
    assert thai.format_fiscal_year(2568) == "ปีงบประมาณ พ.ศ. 2568"
    assert thai.format_fiscal_year(2568, thai_digits=True) == "ปีงบประมาณ พ.ศ. ๒๕๖๘"
    assert thai.fiscal_year_span_text(2568) == "1 ตุลาคม 2567 – 30 กันยายน 2568"


# --- Parsing dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "1/10/2567",
        "01/10/2567",
        "1-10-2567",
        "1.10.2567",
        "1/10/67",
        "1/10/2024",
        "๑/๑๐/๒๕๖๗",
        "๑ ต.ค. ๖๗",
        "1 ต.ค. 67",
        "1 ต.ค.67",
        "1ต.ค.2567",
        "1 ต. ค. 2567",
        "1 ตค 67",
        "1 ตุลาคม 2567",
        "1 ตุลาคม พ.ศ. 2567",
        "วันที่ 1 ตุลาคม พ.ศ. 2567",
        "วันที่ ๑ ตุลาคม ๒๕๖๗",
        "วันอังคารที่ 1 ตุลาคม พ.ศ. 2567",
        "วันอังคาร ที่ 1 ตุลาคม 2567",
        "  1   ตุลาคม   2567  ",
        "2024-10-01",
        "2567-10-01",
        "1 Oct 2024",
        "1 October 2024",
        "1 oct 2567",
        "1 October B.E. 2567",
        "Tuesday 1 October B.E. 2567",
        "October 1, 2024",
    ],
)
def test_it_parses_dates_written_the_thai_way_iso_or_english(text):
    assert thai.parse_thai_date(text) == OCT_1_2024


@pytest.mark.parametrize(
    "text",
    [
        "31/02/2567",
        "29/02/2566",
        "1/13/2567",
        "0/10/2567",
        "1 ตุลาคม",
        "1 Foo 2567",
        "hello",
        "",
        "1/10/567",
        "2567-13-01",
        "1 ต.ค. 2567 extra",
        "วันจันทร์ที่ 1 ตุลาคม 2567",  # 1 Oct 2567 was a Tuesday
    ],
)
def test_it_refuses_what_is_not_a_valid_date_naming_the_text(text):
    with pytest.raises(ValueError) as caught:
        thai.parse_thai_date(text)
    assert f"“{text}”" in str(caught.value)


def test_it_reads_29_february_of_a_leap_year():
    assert thai.parse_thai_date("29/02/2567") == date(2024, 2, 29)


def test_it_refuses_to_parse_something_that_is_not_text():
    with pytest.raises(TypeError):
        thai.parse_thai_date(OCT_1_2024)


@pytest.mark.parametrize("text", ["2567-10", "2567/10", "10/2567", "ต.ค. 67", "ตุลาคม ๒๕๖๗"])
def test_it_parses_a_buddhist_era_month_into_a_ce_year_and_month(text):
    assert thai.parse_be_month(text) == (2024, 10)


@pytest.mark.parametrize("text", ["2567-13", "2567", "abc", "ตุลาคม", "0/2567"])
def test_it_refuses_what_is_not_a_month(text):
    with pytest.raises(ValueError, match=text):
        thai.parse_be_month(text)


@given(dates_1900_2200, st.sampled_from(["long", "medium", "gazette", "full"]), st.booleans())
def test_it_parses_back_every_long_medium_gazette_and_full_date(day, style, digits):
    text = thai.format_thai_date(day, style, thai_digits=digits)
    assert thai.parse_thai_date(text) == day
    assert thai.parse_thai_date(thai.format_thai_date(day, style, lang="en")) == day


@given(dates_short_be, st.booleans())
def test_it_parses_back_every_short_date_whose_two_digit_year_is_unambiguous(day, digits):
    assert thai.parse_thai_date(thai.format_thai_date(day, "short", thai_digits=digits)) == day
    assert thai.parse_thai_date(thai.format_thai_date(day, "short", lang="en")) == day


@given(dates_1900_2200)
def test_it_parses_back_iso_dates_in_either_era(day):
    assert thai.parse_thai_date(day.isoformat()) == day
    be = thai.be_year(day.year)
    assert thai.parse_thai_date(f"{be:04d}-{day.month:02d}-{day.day:02d}") == day


@given(dates_1900_2200, st.sampled_from("/-."))
def test_it_parses_back_day_month_buddhist_year_with_any_separator(day, separator):
    be = thai.be_year(day.year)
    assert thai.parse_thai_date(f"{day.day}{separator}{day.month}{separator}{be}") == day


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9000, 12, 1)))
def test_it_parses_back_every_month_label(day):
    be = thai.be_year(day.year)
    if be >= 2400:  # below that an unmarked 4-digit year is taken as CE
        assert thai.parse_be_month(f"{be}-{day.month:02d}") == (day.year, day.month)
        assert thai.parse_be_month(thai.format_thai_date(day, "month")) == (day.year, day.month)
    assert thai.parse_be_month(f"พ.ศ. {be}-{day.month:02d}") == (day.year, day.month)


# --- Template filters -----------------------------------------------------------------------


def _django_is_set_up() -> bool:
    from django.apps import apps
    from django.conf import settings

    return settings.configured and apps.ready


def render(source: str, **context) -> str:
    """Render with the project's template engine when Django is set up (the filters are then
    builtins, no {% load %}), else with a bare engine that has the same builtin."""
    from django.template import Context, Engine, Template

    if _django_is_set_up():
        return Template(source).render(Context(context))
    engine = Engine(builtins=["phaen.core.templatetags.thai"])
    return engine.from_string(source).render(Context(context))


@pytest.fixture
def english(monkeypatch):
    """Make English the active language, with or without configured settings."""
    if _django_is_set_up():
        from django.utils import translation

        with translation.override("en"):
            yield
    else:
        monkeypatch.setattr(tags, "get_language", lambda: "en")
        yield


@pytest.fixture
def thai_language(monkeypatch):
    if _django_is_set_up():
        from django.utils import translation

        with translation.override("th"):
            yield
    else:
        monkeypatch.setattr(tags, "get_language", lambda: "th")
        yield


def test_it_offers_the_filters_to_templates_without_load(thai_language):
    moment = datetime(2024, 10, 1, 7, 5, tzinfo=UTC)
    source = (
        "{{ d|be_year }}|{{ 2024|be_year }}|{{ d|thai_date }}|{{ d|thai_date:'short' }}|"
        "{{ t|thai_datetime }}|{{ d|fiscal_year }}|{{ d|fiscal_quarter }}|"
        "{{ d|fiscal_year_label }}|{{ 2568|fiscal_year_label }}|"
        "{{ 10|thai_month }}|{{ 10|thai_month:'abbr' }}"
    )
    assert render(source, d=OCT_1_2024, t=moment) == (
        "2567|2567|1 ตุลาคม 2567|1 ต.ค. 67|1 ตุลาคม 2567 เวลา 14:05 น.|2568|1|"
        "ปีงบประมาณ พ.ศ. 2568|ปีงบประมาณ พ.ศ. 2568|ตุลาคม|ต.ค."
    )


def test_it_formats_numbers_and_money_in_templates():
    source = (
        "{{ x|baht }}|{{ x|number:0 }}|{{ x|number }}|{{ z|number:'0,dash' }}|"
        "{{ z|number:'dash' }}|{{ a|baht_text }}|{{ x|thai_digits }}|{{ s|arabic_digits }}"
    )
    assert render(source, x=48150, z=0, a=Decimal("100.25"), s="๒๕๖๗") == (
        "48,150.00|48,150|48,150.00|-|-|หนึ่งร้อยบาทยี่สิบห้าสตางค์|๔๘๑๕๐|2567"
    )


def test_it_follows_the_active_language_in_templates(english):
    assert render("{{ d|thai_date }}|{{ d|thai_date:'medium' }}", d=OCT_1_2024) == (
        "1 October 2567|1 Oct 2567"
    )
    assert render("{{ 10|thai_month }}|{{ 2568|fiscal_year_label }}") == "October|Fiscal year 2568"


@pytest.mark.parametrize(
    "name",
    [
        "be_year",
        "thai_date",
        "thai_datetime",
        "thai_digits",
        "arabic_digits",
        "baht_text",
        "baht",
        "number",
        "fiscal_year",
        "fiscal_quarter",
        "thai_month",
        "fiscal_year_label",
    ],
)
def test_it_renders_none_and_empty_values_as_empty_text(name):
    assert render(f"{{{{ v|{name} }}}}", v=None) == ""
    assert render(f"{{{{ v|{name} }}}}", v="") == ""
    assert render(f"{{{{ missing|{name} }}}}") == ""
    assert getattr(tags, name)(None) == ""
    assert name in tags.register.filters


def test_it_renders_values_a_filter_cannot_read_as_empty_text():
    assert tags.thai_date("not a date") == ""
    assert tags.baht("abc") == ""
    assert tags.thai_month(13) == ""
    assert tags.number(5, "x") == ""


def test_it_lets_code_call_the_filters_as_plain_functions():
    assert tags.thai_date(OCT_1_2024, "medium") in {"1 ต.ค. 2567", "1 Oct 2567"}
    assert tags.baht(Decimal("1234.5")) == "1,234.50"
    assert tags.be_year(datetime(2024, 9, 30, 17, 0, tzinfo=UTC)) == "2567"
    assert tags.fiscal_year(datetime(2024, 9, 30, 17, 0, tzinfo=UTC)) == "2568"
