"""Ukrainian and Russian personal names in the nominative: ``за словами Зеленського`` → ``Зеленський``.

First names come from a table of common ones whose case forms are generated once, so
``Володимира``, ``Дмитру``, ``Олени`` map back to ``Володимир``, ``Дмитро``, ``Олена`` with their
gender.  Surnames follow the regular declension classes (adjectival ``-ський``/``-ская``, ``-енко``,
possessive ``-ов``/``-ин``, consonant stems); invariable ones (``Кірбі``, ``Ткачук`` for a woman,
``Гриценко`` in Russian) stay as they are.  Within an article a guess is only the fallback: the
resolver prefers a nominative form the article itself uses.
"""

from __future__ import annotations

import re

from functools import lru_cache

from ..lang import declension_of

_MALE = """
Олександр Андрій Антон Богдан Вадим Валерій Василь Віктор Віталій Володимир Вʼячеслав Геннадій Герман
Григорій Денис Дмитро Євген Іван Ігор Ілля Костянтин Максим Микола Михайло Назар Олег Олексій Павло
Петро Роман Руслан Рустем Сергій Степан Тарас Юрій Ярослав Артем Кирило Данило Матвій Остап Борис Джон
Джо Джозеф Дональд Антоні Ллойд Марк Еммануель Олаф Рішi
Александр Алексей Анатолий Андрей Антон Аркадий Борис Вадим Валерий Василий Виктор Виталий Владимир
Владислав Вячеслав Геннадий Георгий Григорий Денис Дмитрий Евгений Иван Игорь Илья Константин Максим
Михаил Николай Олег Павел Петр Роман Руслан Сергей Степан Юрий Ярослав Артем Кирилл Леонид Маркус
Эммануэль Энтони Джозеф Рустем
"""
_FEMALE = """
Олена Ольга Оксана Ірина Наталія Наталя Тетяна Юлія Марія Анна Ганна Катерина Світлана Людмила Вікторія
Дарина Марта Софія Галина Надія Валентина Лариса Алла Інна Яна Христина Анастасія Вероніка Зоряна
Урсула Камала Кая Аннален
Елена Ольга Оксана Ирина Наталья Татьяна Юлия Мария Анна Екатерина Светлана Людмила Виктория Дарья
Марта София Галина Надежда Валентина Лариса Алла Инна Яна Кристина Анастасия Вероника Урсула Камала
"""

_VOWELS = "аеєиіїоуюяыэё"


def _forms(name: str, gender: str) -> set[str]:
    """Oblique forms of a first name (Ukrainian and Russian endings together; extra forms are harmless)."""
    low = name.lower()
    out = {low}
    if gender == "f":
        if low.endswith("ія") or low.endswith("ия"):
            stem = low[:-1]
            out |= {stem + e for e in ("ї", "и", "ю", "єю", "ей", "ею", "і")}
        elif low.endswith(("а", "я")):
            stem = low[:-1]
            soft = low.endswith("я")
            out |= {stem + e for e in (("і", "ю", "ею", "ї", "и", "ей") if soft else ("и", "і", "у", "ою", "ы", "е", "ой"))}
        return out
    if low.endswith("о"):  # Дмитро, Петро, Павло
        stem = low[:-1]
        out |= {stem + e for e in ("а", "у", "ові", "ом", "і")}
    elif low.endswith(("ій", "ий", "ей")):
        stem = low[:-1]
        out |= {stem + e for e in ("я", "ю", "єві", "ем", "єм", "ї", "е")}
    elif low.endswith("ь"):
        stem = low[:-1]
        out |= {stem + e for e in ("я", "ю", "еві", "ем", "і", "е")}
    elif low.endswith(("а", "я")):  # Ілля, Илья
        stem = low[:-1]
        out |= {stem + e for e in ("і", "ю", "ею", "и", "ей")}
    elif low[-1] not in _VOWELS:
        if low.endswith(("ел", "ер")) and low in ("павел", "петер"):
            low_stem = low[:-2] + low[-1]
        else:
            low_stem = low
        out |= {low_stem + e for e in ("а", "у", "ові", "ом", "е", "ем", "ові", "і", "я", "ю")}
        if low.endswith("ь"):
            out.discard(low)
    return out


@lru_cache(maxsize=1)
def first_names() -> dict[str, tuple[str, str]]:
    """Every known case form (lowercase) → (nominative first name, gender ``m``/``f``)."""
    table: dict[str, tuple[str, str]] = {}
    for gender, names in (("f", _FEMALE), ("m", _MALE)):
        for name in names.split():
            for form in _forms(name, gender):
                table.setdefault(form, (name, gender))
    for gender, names in (("f", _FEMALE), ("m", _MALE)):
        for name in names.split():
            table[name.lower()] = (name, gender)  # a nominative is never read as another name's case form
    return table


def first_name(word: str) -> tuple[str, str] | None:
    """``(nominative, gender)`` when ``word`` is a known first name in any case."""
    return first_names().get(word.lower())


_ADJ_M = (("ського", "ський"), ("ському", "ський"), ("ським", "ський"), ("ськім", "ський"),
          ("цького", "цький"), ("цькому", "цький"), ("цьким", "цький"), ("зького", "зький"),
          ("ского", "ский"), ("скому", "ский"), ("ским", "ский"), ("ском", "ский"),
          ("цкого", "цкий"), ("цкому", "цкий"), ("цким", "цкий"))
_ADJ_F = (("ської", "ська"), ("ській", "ська"), ("ською", "ська"), ("цької", "цька"), ("цькій", "цька"),
          ("ской", "ская"), ("скую", "ская"), ("цкой", "цкая"))
_POSS_M = (("ова", "ов"), ("ову", "ов"), ("овим", "ов"), ("овым", "ов"), ("ові", "ов"), ("ове", "ов"), ("овим", "ов"),
           ("ева", "ев"), ("еву", "ев"), ("евым", "ев"), ("єва", "єв"), ("єву", "єв"), ("євим", "єв"),
           ("іна", "ін"), ("іну", "ін"), ("іним", "ін"), ("ина", "ин"), ("ину", "ин"), ("иным", "ин"))
_POSS_F = (("овой", "ова"), ("ову", "ова"), ("евой", "ева"), ("иной", "ина"), ("ової", "ова"), ("овій", "ова"),
           ("овою", "ова"), ("євої", "єва"), ("іної", "іна"), ("ою", "а"))


def surname_nominative(word: str, gender: str | None, language: str) -> str:
    """The nominative of a surname seen in an oblique case (``gender`` from a first name or cue, if known)."""
    low = word.lower()

    def cased(stem_len: int, ending: str) -> str:
        return word[:stem_len] + ending

    if gender != "f":
        for end, nom in (*_ADJ_M, *_POSS_M):
            if low.endswith(end) and len(low) > len(end) + 2:
                return cased(len(word) - len(end), nom)
    if gender != "m":
        for end, nom in (*_ADJ_F, *_POSS_F):
            if low.endswith(end) and len(low) > len(end) + 2:
                return cased(len(word) - len(end), nom)
    decl = declension_of(language)
    for end, nom in decl.surname_endings:
        if low.endswith(end):
            return cased(len(word) - len(end), nom)
    if gender != "f" and len(low) > 4:
        for end in ("ові", "ом", "а", "у", "ем", "ю", "я"):
            if low.endswith(end) and low[-len(end) - 1] not in _VOWELS:
                stem = word[: len(word) - len(end)]
                if end in ("ю", "я") and not stem.endswith(("ь", "й")):
                    stem = stem + "ь" if decl.soft_stems and end == "я" else stem
                return stem
    return word


def nominative_name(words: list[str], oblique: bool, gender: str | None, language: str,
                    unknown_first: bool = False) -> tuple[str, str | None]:
    """``(name, gender)`` for the words of a person's name; ``oblique`` when the context is not a subject.
    With ``unknown_first`` (v4), a first name the tables lack ending in a consonant and "а" after an oblique
    frame is a man's in the genitive ("за словами Арсена Авакова" → "Арсен"): a woman's would end in "и"."""
    if not words:
        return "", gender
    out = list(words)
    fn = (first_name(words[0]) or declension_of(language).first_names.get(words[0].lower())) if len(words) > 1 else None
    if fn is not None:
        out[0] = fn[0]
        gender = gender or fn[1]
        oblique = oblique or fn[0].lower() != words[0].lower()
    elif unknown_first and oblique and len(words) > 1 and re.search(r"[^аеиоуыэюяіїєё]а$", words[0].lower()) \
            and len(words[0]) > 3:
        out[0] = words[0][:-1]
        gender = gender or "m"
    if oblique:
        out[-1] = surname_nominative(words[-1], gender, language)
    return " ".join(out), gender or surname_gender(out[-1])


def surname_gender(surname: str) -> str | None:
    low = surname.lower()
    if low.endswith(("ська", "цька", "ская", "цкая", "ова", "ева", "єва", "іна", "ина")):
        return "f"
    if low.endswith(("ський", "цький", "ский", "цкий", "ов", "ев", "єв", "ін", "ин")):
        return "m"
    return None


#: What may differ between two case forms of one surname once their common stem is taken away.
_CASE_ENDINGS = frozenset(
    "- а у ом ові і ого ому им ім ий ій ої ою ей ой ая ую ь я ю ем е о ы ым ых ом ой ою ою ої".split()
)


def same_surname(a: str, b: str) -> bool:
    """Two forms of one surname: equal, or one stem with case endings (``Зеленського``/``Зеленський``)."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    if common < 3:
        return False
    return (a[common:] or "-") in _CASE_ENDINGS and (b[common:] or "-") in _CASE_ENDINGS


def surname_keys(name: str) -> frozenset[str]:
    """Keys under which :func:`same_surname` can match ``name``: the word itself and each stem of three
    letters or more left by cutting a case ending.  Two surnames that match share a key (their common
    stem), so a table of people by key finds the candidates without comparing with everyone."""
    low = name.lower()
    longest = max(len(e) for e in _CASE_ENDINGS)
    return frozenset({low} | {low[:k] for k in range(max(3, len(low) - longest), len(low) + 1)
                              if (low[k:] or "-") in _CASE_ENDINGS})
