"""Reading plan text and normalising its notation.

Real plan text arrives in UTF-8 or GB18030/GBK, with CRLF or LF, with PDF line breaks inside
words, full-width digits, traditional characters (Fengtai's 表1) and several spellings of one
pollutant.  ``key()`` is the form used for matching; display text keeps what was printed.
"""
from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from functools import lru_cache, partial
from typing import TYPE_CHECKING

from . import limits
from .model import PlanImportError

if TYPE_CHECKING:  # imported when first needed: loading its dictionaries takes a while
    from opencc import OpenCC

CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_RE = re.compile(f"[{CJK}]")
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{CJK}])[ \t\u3000]+(?=[{CJK}])")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode(data: bytes, source: str) -> str:
    """Bytes → text.  UTF-8 (with or without BOM) first, then GB18030 (a superset of GBK);
    UTF-16 when it carries a byte-order mark or reads as Chinese.  Line ends become ``\n``.

    Refuses empty, oversized and binary input (NUL bytes), text in an encoding that is none of
    these, and text beyond the line limits of ``limits``.
    """
    limits.check_size(len(data), partial(PlanImportError, source=source))
    if not data.strip():
        raise PlanImportError("the file is empty", source=source)
    text = _decode_utf16(data) if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or \
        b"\x00" in data[:8192] else None
    if text is None and b"\x00" not in data[:8192]:
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if encoding == "gb18030" and not _looks_chinese(text):
                text = None
            break
    if text is None:
        if b"\x00" in data[:8192]:
            raise PlanImportError("this is a binary file, not plan text (NUL bytes found)", source=source,
                                  line=data[:data.index(b"\x00")].count(b"\n") + 1)
        raise PlanImportError("unknown text encoding (expected UTF-8, GB18030/GBK or UTF-16)",
                              source=source, line=_first_bad_line(data))
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise PlanImportError("the file is empty", source=source)
    check_lines(text, source)
    return text


def check_lines(text: str, source: str) -> None:
    """No NUL character, at most ``MAX_TEXT_CHARS`` characters in at most ``MAX_LINES`` lines of at
    most ``MAX_LINE_CHARS`` characters."""
    if "\x00" in text:
        raise PlanImportError("this is a binary file, not plan text (NUL character found)", source=source,
                              line=text.count("\n", 0, text.index("\x00")) + 1)
    if len(text) > limits.MAX_TEXT_CHARS:
        raise PlanImportError(f"the text has {len(text):,} characters, more than the limit of "
                              f"{limits.MAX_TEXT_CHARS:,}", source=source)
    count = text.count("\n") + 1
    if count > limits.MAX_LINES:
        raise PlanImportError(f"the text has {count:,} lines, more than the limit of {limits.MAX_LINES:,}",
                              source=source)
    if len(text) > limits.MAX_LINE_CHARS:
        for number, line in enumerate(text.split("\n"), 1):
            if len(line) > limits.MAX_LINE_CHARS:
                raise PlanImportError(f"the line is {len(line):,} characters long, more than the limit of "
                                      f"{limits.MAX_LINE_CHARS:,}", source=source, line=number)


def _decode_utf16(data: bytes) -> str | None:
    """UTF-16 with a byte-order mark, or without one when the text reads as Chinese."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates: tuple[str, ...] = ("utf-16",)
    elif data.count(0) * 100 >= len(data):  # line ends, digits and tabs are half NUL in UTF-16
        candidates = ("utf-16-le", "utf-16-be")
    else:
        return None
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _controls(text) == 0 and (encoding == "utf-16" or ("\n" in text and _looks_chinese(text))):
            return text
    return None


def _looks_chinese(text: str) -> bool:
    """GB18030 decodes almost any byte string; accept it only if the result reads as Chinese."""
    cjk = len(_CJK_RE.findall(text[:4000]))
    return cjk >= 2 and _controls(text) == 0


def _controls(text: str) -> int:
    """Characters no plan prints, in the first 4,000: controls other than line ends and tabs,
    private-use and unassigned code points (a sign of a wrong guess of the encoding)."""
    return sum(1 for ch in text[:4000] if unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs")
               and ch not in "\n\r\t")


def _first_bad_line(data: bytes) -> int | None:
    for number, raw in enumerate(data.split(b"\n"), 1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return number
    return None


@lru_cache(maxsize=1)
def _t2s() -> OpenCC:
    from opencc import OpenCC

    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified characters (Fengtai switches mid-document)."""
    simplified: str = _t2s().convert(text)  # opencc is untyped
    return simplified


def squeeze(text: str) -> str:
    """Remove the spaces a PDF leaves between CJK characters; keep spaces between Latin words."""
    text = text.replace("\u3000", " ").strip()
    text = _SPACE_BETWEEN_CJK.sub("", text)
    text = re.sub(r"(?<=\d) +(?=[月日年％%])", "", text)
    text = re.sub(r"(?<=[月年]) +(?=\d)", "", text)
    return re.sub(r"[ \t]{2,}", " ", text)


def join_wrapped(lines: list[str]) -> str:
    """Join lines a PDF wrapped: no space between CJK, one space between Latin words."""
    out = ""
    for part in (p.strip() for p in lines):
        if not part:
            continue
        if out and re.match(r"[A-Za-z0-9]", part[0]) and re.search(r"[A-Za-z0-9.]$", out):
            out += " " + part
        else:
            out += part
    return squeeze(out)


_POLLUTANTS = [
    (re.compile(r"PM\s*_?\{?\s*2\s*\.\s*5\s*\}?", re.I), "PM2.5"),
    (re.compile(r"PM\s*_?\{?\s*10\s*\}?", re.I), "PM10"),
    (re.compile(r"NO\s*[xX]\b|NO\s*X(?![a-z])"), "NOx"),
    (re.compile(r"NH\s*[₃3]\s*-\s*N"), "NH3-N"),
    (re.compile(r"VOCS\b"), "VOCs"),
]


def canonical_notation(text: str) -> str:
    """PM _{2.5} / PM_{2.5} → PM2.5, NOX → NOx, 劣 V 類 → 劣Ⅴ类, III 类 → Ⅲ类."""
    for pattern, code in _POLLUTANTS:
        text = pattern.sub(code, text)
    text = re.sub(r"劣\s*[VvⅤ]\s*[类類]", "劣Ⅴ类", text)
    roman = {"IV": "Ⅳ", "V": "Ⅴ", "III": "Ⅲ", "II": "Ⅱ", "I": "Ⅰ"}
    text = re.sub(
        r"(?<![A-Za-z])(IV|III|II|I|V)\s*[类類]", lambda m: roman[m.group(1)] + "类", text
    )
    return text


def key(text: str) -> str:
    """Matching form: NFKC, simplified characters, canonical notation, no whitespace."""
    text = unicodedata.normalize("NFKC", text)
    text = to_simplified(text)
    text = canonical_notation(text)
    return re.sub(r"\s+", "", text)


def search_form(text: str) -> str:
    """What text search compares: the matching form, case-folded (`PM _{2.5}`, `pm2.5` → `pm2.5`;
    `NOX`, `NOx` → `nox`).  Stored beside the printed text, never instead of it."""
    return key(text).casefold()


def strip_html(text: str) -> list[str]:
    """`<p>a</p> <p>b</p>` → ["a", "b"]; plain text → [text]."""
    if "<" not in text:
        return [text.strip()] if text.strip() else []
    parts = re.split(r"</p>\s*|<p>|<br\s*/?>", text)
    cleaned = [re.sub(r"<[^>]+>", "", p).strip() for p in parts]
    return [c for c in cleaned if c]


CN_DIGITS = "一二三四五六七八九十"


def cn_number(text: str) -> int | None:
    """一 … 九十九 → int."""
    if not text or any(ch not in CN_DIGITS for ch in text):
        return None
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (CN_DIGITS.index(tens) + 1 if tens else 1) * 10 + (
            CN_DIGITS.index(ones) + 1 if ones else 0
        )
    return CN_DIGITS.index(text) + 1 if len(text) == 1 else None
