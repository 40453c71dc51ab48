"""Chinese numerals read without cn2an agree with cn2an, which stays the reader of the rest."""

import sys

import cn2an
import pytest

from reportdiff.compare.numerals import chinese_value


def _cn2an(numeral: str) -> float | None:
    try:
        return float(cn2an.cn2an(numeral, "normal"))
    except ValueError:  # an2cn writes some numerals its own reader refuses (五百亿五千)
        return None


def _numerals() -> list[str]:
    values = list(range(1, 200)) + [10**k * m + r for k in range(4, 12) for m in (1, 2, 3, 5, 9) for r in (0, 1, 10, 305, 5000)]
    written = {cn2an.an2cn(v) for v in values} | {"两万", "两千万", "两亿两千万", "一万零五百", "三亿二千万"}
    return sorted(n for n in written if _cn2an(n) is not None)


@pytest.mark.parametrize("numeral", _numerals())
def test_whole_numerals_in_groups_of_wan_and_yi_read_as_cn2an_reads_them(numeral):
    assert chinese_value(numeral) == _cn2an(numeral)


def test_usage_forms_and_decimals_are_still_read():
    assert chinese_value("三万五") == 35000.0  # by usage, not 30005
    assert chinese_value("零点五") == 0.5
    assert chinese_value("七五") is None  # a name (七五普法), not a count


def test_a_grouped_numeral_needs_no_cn2an_import():
    sys.modules.pop("cn2an", None)
    chinese_value.cache_clear()
    assert chinese_value("五万") == 50000.0
    assert "cn2an" not in sys.modules
