"""The unified social credit code (统一社会信用代码, GB 32100-2015) and its check character.

18 characters from a 31-character alphabet (digits and capitals without I, O, Z, S, V); the
last is a check character: 31 − (Σ value×weight mod 31), weights 3^i mod 31.
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE = {c: i for i, c in enumerate(ALPHABET)}


def check_character(body: str) -> str:
    """The check character for the first 17 characters."""
    total = sum(_VALUE[c] * w for c, w in zip(body, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def problem(code: str) -> str | None:
    """Why ``code`` is not a valid credit code (Chinese), or None when it is."""
    code = (code or "").strip().upper()
    if len(code) != 18:
        return "统一社会信用代码应为18位。"
    bad = [c for c in code if c not in _VALUE]
    if bad:
        return f"统一社会信用代码含有不允许的字符：{''.join(dict.fromkeys(bad))}。"
    if check_character(code[:17]) != code[17]:
        return "统一社会信用代码校验位不正确（GB 32100）。"
    return None


def is_valid(code: str) -> bool:
    return problem(code) is None


def make(body: str) -> str:
    """A valid code from 17 characters (demo and benchmark data)."""
    return body + check_character(body)
