"""Chinese numerals as used in article, paragraph and item numbers (一 … 九千九百九十九)."""

from __future__ import annotations

MAX_CHINESE_NUMERAL = 9999

_DIGITS = "零一二三四五六七八九"
_DIGIT_VALUES = {ch: value for value, ch in enumerate(_DIGITS)} | {"〇": 0, "两": 2}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_UNIT_CHARS = (("千", 1000), ("百", 100), ("十", 10))


def format_chinese_numeral(n: int) -> str:
    """Write ``n`` (0 … 9999) the way Chinese legislation numbers articles: 十五, 一百零三, 一千零一十."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"expected an int, got {type(n).__name__}")
    if not 0 <= n <= MAX_CHINESE_NUMERAL:
        raise ValueError(f"{n} is outside 0…{MAX_CHINESE_NUMERAL}")
    if n == 0:
        return "零"
    parts: list[str] = []
    rest = n
    pending_zero = False
    for unit_char, unit in _UNIT_CHARS:
        digit, rest = divmod(rest, unit)
        if digit:
            if pending_zero:
                parts.append("零")
                pending_zero = False
            # 10–19 drop the leading 一 (十五), but inside a larger number it stays (一百一十五).
            if not (unit == 10 and digit == 1 and not parts):
                parts.append(_DIGITS[digit])
            parts.append(unit_char)
        elif parts:
            pending_zero = True
    if rest:
        if pending_zero:
            parts.append("零")
        parts.append(_DIGITS[rest])
    return "".join(parts)


def parse_chinese_numeral(text: str) -> int:
    """Read a Chinese numeral (一 … 九千九百九十九) or a run of Arabic digits.

    Accepts 〇 for 零, 两 before 百/千 (两百, 两千), and 一十 for 十 at the start (一十五).
    Anything that is not a well-formed numeral raises ValueError, so "十十", "一二" or "百五"
    are rejected rather than read as a guess.
    """
    s = text.strip()
    if not s:
        raise ValueError("empty numeral")
    if s.isdecimal():
        # Covers ASCII and full-width digits; int() understands both.
        return int(s)
    total = 0
    digit: int | None = None
    for position, ch in enumerate(s):
        if ch in _DIGIT_VALUES:
            if ch == "两" and s[position + 1 : position + 2] not in ("百", "千"):
                raise ValueError(f"两 must precede 百 or 千 in {text!r}")
            digit = _DIGIT_VALUES[ch]
        elif ch in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    if digit is not None:
        total += digit
    # The loop above is lenient about order; checking against the canonical spelling rejects
    # every malformed sequence (repeated units, digits without units, misplaced 零) in one place.
    if total > MAX_CHINESE_NUMERAL or _canonical(s) != format_chinese_numeral(total):
        raise ValueError(f"not a well-formed Chinese numeral: {text!r}")
    return total


def _canonical(s: str) -> str:
    s = s.replace("〇", "零").replace("两", "二")
    if s.startswith("一十"):
        s = s[1:]
    return s
