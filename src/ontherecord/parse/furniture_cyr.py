"""Ukrainian and Russian page furniture, consulted by the page parser for articles in those languages.

``Фото:``/``Відео:`` captions, ``Автор:``/``Автор`` bylines, ``Опубліковано``/``Опубликовано`` and
bare dates (``30 листопада 2026, 10:15``, ``30 ноября 2026``), ``Читайте також``/``Читайте также``
and ``Джерело``/``Источник`` lines.  Section headings (``Що передувало``/``Что предшествовало``)
are short lines the parser already recognises by shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_NEVER = re.compile(r"(?!)")

#: Month names in the genitive (as in dates) and nominative, Ukrainian and Russian, → month number.
MONTHS: dict[str, int] = {}
for _n, _forms in enumerate(
    (
        "січня січень января январь",
        "лютого лютий февраля февраль",
        "березня березень марта март",
        "квітня квітень апреля апрель",
        "травня травень мая май",
        "червня червень июня июнь",
        "липня липень июля июль",
        "серпня серпень августа август",
        "вересня вересень сентября сентябрь",
        "жовтня жовтень октября октябрь",
        "листопада листопад ноября ноябрь",
        "грудня грудень декабря декабрь",
    ),
    start=1,
):
    for _f in _forms.split():
        MONTHS[_f] = _n

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


FURNITURE: dict[str, Furniture] = {
    "uk": _furniture(
        byline="Автор(?:ка|и)?|Текст",
        dateline="Опубліковано|Оновлено|Дата публікації|Дата",
        caption="Фото|Відео|Ілюстрація|Зображення",
        promo="Читайте також|Дивіться також|Також читайте|Читайте більше|Джерело|Підписуйтеся|Підписуйтесь"
              "|Більше новин|Новини за темою|Реклама",
        trailing="Читайте також|Докладніше|Детальніше|Більше про це|Читайте більше",
    ),
    "ru": _furniture(
        byline="Автор(?:ы)?|Текст",
        dateline="Опубликовано|Обновлено|Дата публикации|Дата",
        caption="Фото|Видео|Иллюстрация|Изображение",
        promo="Читайте также|Смотрите также|Также читайте|Читайте больше|Источник|Подписывайтесь"
              "|Больше новостей|Новости по теме|Реклама",
        trailing="Читайте также|Подробнее|Больше об этом|Читайте больше",
    ),
}

_NONE = Furniture()


def furniture_for(language: str | None) -> Furniture:
    """The furniture patterns for ``language`` (patterns that never match for other languages)."""
    return FURNITURE.get(language or "", _NONE)
