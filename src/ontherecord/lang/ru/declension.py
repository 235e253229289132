"""Russian declension: institution and group nouns with their case forms, adjective and noun endings, so
"в Минздраве", "по данным издания", "по словам очевидцев" are stored in the nominative."""

from __future__ import annotations

from ..base import Declension

#: Nominatives by declension class.  Classes: ``a`` (feminine -а), ``ia`` (-ия), ``o`` (neuter -о),
#: ``nie`` (neuter -ние), ``c`` (masculine, hard consonant), ``pl`` (plural; ``nom/gen``).
NOUNS = {
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
}

ENDINGS = {"a": ("ы", "и", "е", "у", "ой"), "ia": ("ии", "ию", "ией"), "o": ("а", "у", "е", "ом"),
           "nie": ("ния", "нию", "нии", "нием"), "c": ("а", "у", "е", "ом", "я", "ю", "ем")}

IRREGULAR = {"письмо": ("письме",)}

#: Adjective endings of the oblique cases → the nominative ending (masculine, feminine, neuter, plural).
ADJECTIVES = (("ого", "ый"), ("его", "ий"), ("ому", "ый"), ("ой", "ая"), ("ей", "ая"), ("ую", "ая"), ("ых", "ые"),
              ("их", "ие"), ("ым", "ый"), ("ом", "ый"))
_SOFT = ("к", "г", "х", "ж", "ш", "ч", "щ")


def adjective(word: str) -> str | None:
    low = word.lower()
    for end, nom in ADJECTIVES:
        if low.endswith(end) and len(low) > len(end) + 2:
            stem = word[: len(word) - len(end)]
            if nom == "ый" and stem.lower().endswith(_SOFT):
                nom = "ий"
            return stem + nom
    return None


def noun(word: str, case: str) -> str:
    """An unknown noun by its ending: ``Минздраве`` → ``Минздрав``, ``прокуроров`` → ``прокуроры``."""
    low = word.lower()
    if len(low) < 5:
        return word
    if low.endswith(("ії", "ии")):
        return word[:-2] + "ия"
    if case == "loc":
        return word[:-1] if low.endswith("е") else word
    if low.endswith(("ов", "ев")) and not word[:1].isupper():
        return word[:-2] + ("и" if low[-3] in _SOFT else "ы")  # "прокуроров" → "прокуроры"
    if low.endswith("ы") or low.endswith("и") and low[-2] in _SOFT:
        return word[:-1] + "а"  # "системы" → "система"
    if low.endswith("а") and not low.endswith(("ства", "тва")):
        return word[:-1]
    if low.endswith(("ства", "тва")):
        return word[:-1] + "о"
    return word


def neuter(adj: str) -> str:
    if adj.endswith("ый"):
        return adj[:-2] + "ое"
    return adj[:-2] + ("ое" if adj[:-2].lower().endswith(_SOFT) else "ее") if adj.endswith("ий") else adj


DECLENSION = Declension(nouns=NOUNS, endings=ENDINGS, irregular=IRREGULAR, adjective=adjective, noun=noun,
                        neuter=neuter)
