"""Page furniture of the languages that list it in their package (``ontherecord.lang.xx.furniture``):
Ukrainian and Russian today, consulted by the page parser for articles in those languages.

``Фото:``/``Відео:`` captions, ``Автор:``/``Автор`` bylines, ``Опубліковано``/``Опубликовано`` and
bare dates (``30 листопада 2026, 10:15``, ``30 ноября 2026``), ``Читайте також``/``Читайте также``
and ``Джерело``/``Источник`` lines.  Section headings (``Що передувало``/``Что предшествовало``)
are short lines the parser already recognises by shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..lang import all_languages

_NEVER = re.compile(r"(?!)")

#: Month names in the genitive (as in dates) and nominative of every registered language → month number.
MONTHS: dict[str, int] = {
    form: n for lang in all_languages() for n, forms in enumerate(lang.furniture.months, start=1)
    for form in forms.split()
}

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE = re.compile(
    r"(?:(?P<time1>\d{1,2}:\d{2}),?\s+)?(?P<day>\d{1,2})\s+(?P<month>" + _MONTH + r")\s+(?P<year>\d{4})"
    r"(?:\s*(?:р\.|г\.|року|года))?(?:,?\s+(?:о\s+|в\s+)?(?P<time2>\d{1,2}:\d{2}))?",
    re.IGNORECASE,
)
_NUMERIC = re.compile(r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?:,?\s+\d{1,2}:\d{2})?")


@dataclass(frozen=True)
class Furniture:
    """Patterns for one language; each byline pattern has a ``names`` group."""

    byline: re.Pattern[str] = _NEVER
    dateline: re.Pattern[str] = _NEVER
    caption: re.Pattern[str] = _NEVER
    promo: re.Pattern[str] = _NEVER
    trailing_promo: re.Pattern[str] = _NEVER

    def date_line(self, line: str) -> str | None:
        """The ISO date of a dateline (``""`` for a dateline whose date cannot be read), else ``None``."""
        m = self.dateline.match(line)
        if m is None:
            return None
        return parse_date(m.group("date")) or ""


def parse_date(raw: str) -> str | None:
    """``30 листопада 2026, 10:15`` / ``30 ноября 2026 г.`` / ``30.11.2026`` → ``2026-11-30``."""
    m = _DATE.search(raw) or _NUMERIC.search(raw)
    if m is None:
        return None
    month = m.group("month")
    number = int(month) if month.isdigit() else MONTHS[month.lower()]
    try:
        return date(int(m.group("year")), number, int(m.group("day"))).isoformat()
    except ValueError:
        return None


def _furniture(byline: str, dateline: str, caption: str, promo: str, trailing: str) -> Furniture:
    return Furniture(
        byline=re.compile(r"^(?:" + byline + r")\s*[:\-–—]?\s+(?P<names>\S.{0,100})$", re.IGNORECASE),
        dateline=re.compile(
            r"^(?:(?:" + dateline + r")\s*[:\-–—]?\s*)?(?P<date>(?:\d{1,2}:\d{2},?\s+)?(?:\d{1,2}\s+(?:"
            + _MONTH + r")\s+\d{4}|\d{1,2}\.\d{1,2}\.\d{4})[^\n]{0,24})$",
            re.IGNORECASE,
        ),
        caption=re.compile(r"(?:^|\s)(?:" + caption + r")\s*:\s*", re.IGNORECASE),
        promo=re.compile(r"^(?:" + promo + r")(?![\w])", re.IGNORECASE),
        trailing_promo=re.compile(r"(?<=[.!?…])\s+(?P<promo>(?:" + trailing + r")(?![\w])[^\n]*)$", re.IGNORECASE),
    )


#: The furniture of every registered language that lists some (the others get patterns that never match).
FURNITURE: dict[str, Furniture] = {
    lang.code: _furniture(byline=f.byline, dateline=f.dateline, caption=f.caption, promo=f.promo,
                          trailing=f.trailing)
    for lang in all_languages() if (f := lang.furniture).byline
}

_NONE = Furniture()


def furniture_for(language: str | None) -> Furniture:
    """The furniture patterns for ``language`` (patterns that never match for other languages)."""
    return FURNITURE.get(language or "", _NONE)
