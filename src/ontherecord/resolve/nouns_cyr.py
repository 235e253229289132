"""Organisations and groups named in an oblique case, put back in the nominative.

A source read after a preposition or an oblique cue is a case form: ``повідомили в прес-службі``,
``в Минздраве заявили``, ``за даними слідства``, ``по словам очевидцев``, ``по данным издания``.
The speaker is stored under its nominative (``прес-служба``, ``Минздрав``, ``слідство``,
``очевидцы``, ``издание``).  The head noun is the first noun of the phrase: adjectives before it
agree with it and change with it, the genitive words after it stay (``прес-служби нацкомісії`` →
``прес-служба нацкомісії``).  Common institution nouns are known with all their case forms; any
other noun (``Держрезерві``, ``Роскомнадзора``) is read by its ending.
"""

from __future__ import annotations

from functools import lru_cache

#: Nominatives by declension class, per language.  Classes: ``a`` (feminine -а), ``ia`` (-ія/-ия),
#: ``o`` (neuter -о), ``nnia`` (uk neuter -ння), ``nie`` (ru neuter -ние), ``c`` (masculine, hard
#: consonant), ``pl`` (plural; its genitive is listed with it as ``nom/gen``).
_NOUNS: dict[str, dict[str, str]] = {
    "uk": {
        "a": "служба прес-служба рада прокуратура влада газета агенція спілка держава інспекція редакція сторона "
             "компанія ухвала постанова угода заява записка перевірка поліція система",
        "o": "міністерство відомство слідство агентство посольство підприємство джерело товариство керівництво "
             "обвинувачення",
        "nnia": "управління видання відділення рішення розпорядження повідомлення обґрунтування обгрунтування "
                "дослідження звернення положення",
        "c": "департамент суд уряд комітет офіс фонд банк центр телеканал кабмін держрезерв штаб секретаріат "
             "уряд мінюст лист звіт документ проект протокол сайт вісник реєстр акт",
        "ia": "поліція комісія мерія адміністрація партія фракція академія компанія агенція документація",
        "pl": "податківці/податківців очевидці/очевидців свідки/свідків експерти/експертів джерела/джерел "
              "правоохоронці/правоохоронців слідчі/слідчих представники/представників журналісти/журналістів "
              "мешканці/мешканців активісти/активістів",
    },
    "ru": {
        "a": "служба пресс-служба прокуратура власть газета сторона редакция система",
        "ia": "полиция комиссия мэрия администрация партия фракция академия компания редакция",
        "o": "министерство ведомство агентство посольство предприятие руководство письмо",
        "nie": "управление издание следствие обвинение отделение агентство заявление сообщение решение "
               "постановление заключение",
        "c": "департамент суд комитет офис фонд банк центр телеканал минздрав минюст штаб секретариат "
             "роскомнадзор источник кремль документ приговор доклад отчет сайт иск протокол договор",
        "pl": "источники/источников очевидцы/очевидцев свидетели/свидетелей эксперты/экспертов "
              "правоохранители/правоохранителей сослуживцы/сослуживцев представители/представителей "
              "журналисты/журналистов жители/жителей власти/властей",
    },
}

_ENDINGS = {
    ("uk", "a"): ("и", "і", "у", "ою"), ("ru", "a"): ("ы", "и", "е", "у", "ой"),
    ("uk", "ia"): ("ії", "ію", "ією"), ("ru", "ia"): ("ии", "ию", "ией"),
    ("uk", "o"): ("а", "у", "і", "ом"), ("ru", "o"): ("а", "у", "е", "ом"),
    ("uk", "nnia"): ("нню", "нні", "нням"), ("ru", "nie"): ("ния", "нию", "нии", "нием"),
    ("uk", "c"): ("у", "а", "ові", "і", "ом"), ("ru", "c"): ("а", "у", "е", "ом", "я", "ю", "ем"),
}


#: Case forms no ending rule makes (a vowel that alternates, a consonant that softens).
_IRREGULAR: dict[str, dict[str, tuple[str, ...]]] = {"uk": {"договір": ("договору", "договорі", "договором"), "вирок": ("вироку", "вироці", "вироком"),
                     "записка": ("записці",), "хід": ("ходу", "ході", "ходом"), "текст": ("тексту", "тексті", "текстом")},
              "ru": {"письмо": ("письме",)}}


def _stem(noun: str, cls: str) -> str:
    if cls in ("a", "o"):
        return noun[:-1]
    if cls == "ia":
        return noun[:-2]
    if cls in ("nnia", "nie"):
        return noun[:-3]
    if noun.endswith("ь"):
        return noun[:-1]
    return noun


@lru_cache(maxsize=2)
def case_forms(language: str) -> dict[str, str]:
    """Every oblique form (lowercase) of the known institution and group nouns → its nominative."""
    out: dict[str, str] = {}
    for cls, nouns in _NOUNS.get(language, {}).items():
        for noun in nouns.split():
            if cls == "pl":
                nom, _, gen = noun.partition("/")
                out.setdefault(gen, nom)
                continue
            stem = _stem(noun, cls)
            for end in _ENDINGS.get((language, cls), ()):
                out.setdefault(stem + end, noun)
    for noun, irregular in _IRREGULAR.get(language, {}).items():
        out.update(dict.fromkeys(irregular, noun))
    for nouns in _NOUNS.get(language, {}).values():
        for noun in nouns.split():
            out.pop(noun.partition("/")[0], None)  # a nominative is never read as another noun's case
    return out


#: Adjective endings of the oblique cases → the nominative ending (masculine, feminine, neuter, plural).
_ADJ = {
    "uk": (("ого", "ий"), ("ому", "ий"), ("ої", "а"), ("ій", "а"), ("ою", "а"), ("их", "і"), ("им", "ий")),
    "ru": (("ого", "ый"), ("его", "ий"), ("ому", "ый"), ("ой", "ая"), ("ей", "ая"), ("ую", "ая"), ("ых", "ые"),
           ("их", "ие"), ("ым", "ый"), ("ом", "ый")),
}
_SOFT_RU = ("к", "г", "х", "ж", "ш", "ч", "щ")


def _adjective(word: str, language: str) -> str | None:
    low = word.lower()
    for end, nom in _ADJ.get(language, ()):
        if low.endswith(end) and len(low) > len(end) + 2:
            stem = word[: len(word) - len(end)]
            if language == "ru" and nom == "ый" and stem.lower().endswith(_SOFT_RU):
                nom = "ий"
            return stem + nom
    return None


def _generic(word: str, language: str, case: str) -> str:
    """An unknown noun by its ending: ``Держрезерві`` → ``Держрезерв``, ``Минздраве`` → ``Минздрав``."""
    low = word.lower()
    if len(low) < 5:
        return word
    if low.endswith(("ії", "ии")):
        return word[:-2] + ("ія" if language == "uk" else "ия")
    if case == "loc":
        if language == "uk" and low.endswith("і") or language == "ru" and low.endswith("е"):
            return word[:-1]
        return word
    if language == "uk" and low.endswith("ів"):
        return word[:-2] + "и"  # "депутатів" → "депутати"
    if language == "ru" and low.endswith(("ов", "ев")) and not word[:1].isupper():
        return word[:-2] + ("и" if low[-3] in _SOFT_RU else "ы")  # "прокуроров" → "прокуроры"
    if low.endswith("ы") or language == "uk" and low.endswith("и") or low.endswith("и") and low[-2] in _SOFT_RU:
        return word[:-1] + "а"  # "системы" → "система", "ради" → "рада"
    if language == "uk" and low.endswith("у") or low.endswith("а") and not low.endswith(("ства", "тва")):
        return word[:-1]
    if low.endswith(("ства", "тва")):
        return word[:-1] + "о"
    return word


def _cased(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def nominative_phrase(words: list[str], language: str, case: str) -> list[str]:
    """The words of an organisation or group phrase with its head (and the adjectives before it) in the
    nominative; ``case`` is ``loc`` after в/у/на, ``gen`` after an oblique cue."""
    out = list(words)
    forms = case_forms(language)
    for i, w in enumerate(words):
        known = forms.get(w.lower())
        if known is not None:
            out[i] = _cased(known, w)
            head = i
            break
        adj = _adjective(w, language) if i + 1 < len(words) else None
        if adj is None:
            out[i] = _generic(w, language, case)
            head = i
            break
        out[i] = adj
    else:
        return out
    if head > 0 and out[head].lower().endswith(("о", "е", "я")) and out[head].lower()[-2:] not in ("ія", "ия"):
        out[:head] = [_neuter(a, language) for a in out[:head]]  # "Національного агентства"
    return out


def _neuter(adj: str, language: str) -> str:
    if language == "uk":
        return adj[:-2] + "е" if adj.endswith("ий") else adj
    if adj.endswith("ый"):
        return adj[:-2] + "ое"
    return adj[:-2] + ("ое" if adj[:-2].lower().endswith(_SOFT_RU) else "ее") if adj.endswith("ий") else adj
