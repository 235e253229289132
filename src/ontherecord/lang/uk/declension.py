"""Ukrainian declension: institution and group nouns with their case forms, adjective and noun endings,
surnames in -енко, so "в прес-службі", "за даними слідства", "Гриценка" are stored in the nominative."""

from __future__ import annotations

from ..base import Declension

#: Nominatives by declension class.  Classes: ``a`` (feminine -а), ``ia`` (-ія), ``o`` (neuter -о),
#: ``nnia`` (neuter -ння), ``c`` (masculine, hard consonant), ``pl`` (plural; ``nom/gen``).
NOUNS = {
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
}

ENDINGS = {"a": ("и", "і", "у", "ою"), "ia": ("ії", "ію", "ією"), "o": ("а", "у", "і", "ом"),
           "nnia": ("нню", "нні", "нням"), "c": ("у", "а", "ові", "і", "ом")}

#: Case forms no ending rule makes (a vowel that alternates, a consonant that softens).
IRREGULAR = {"договір": ("договору", "договорі", "договором"), "вирок": ("вироку", "вироці", "вироком"),
             "записка": ("записці",), "хід": ("ходу", "ході", "ходом"), "текст": ("тексту", "тексті", "текстом")}

#: Adjective endings of the oblique cases → the nominative ending.
ADJECTIVES = (("ого", "ий"), ("ому", "ий"), ("ої", "а"), ("ій", "а"), ("ою", "а"), ("их", "і"), ("им", "ий"))


def adjective(word: str) -> str | None:
    low = word.lower()
    for end, nom in ADJECTIVES:
        if low.endswith(end) and len(low) > len(end) + 2:
            return word[: len(word) - len(end)] + nom
    return None


def noun(word: str, case: str) -> str:
    """An unknown noun by its ending: ``Держрезерві`` → ``Держрезерв``, ``депутатів`` → ``депутати``."""
    low = word.lower()
    if len(low) < 5:
        return word
    if low.endswith(("ії", "ии")):
        return word[:-2] + "ія"
    if case == "loc":
        return word[:-1] if low.endswith("і") else word
    if low.endswith("ів"):
        return word[:-2] + "и"  # "депутатів" → "депутати"
    if low.endswith(("ы", "и")):
        return word[:-1] + "а"  # "ради" → "рада"
    if low.endswith("у") or low.endswith("а") and not low.endswith(("ства", "тва")):
        return word[:-1]
    if low.endswith(("ства", "тва")):
        return word[:-1] + "о"
    return word


def neuter(adj: str) -> str:
    return adj[:-2] + "е" if adj.endswith("ий") else adj


DECLENSION = Declension(
    nouns=NOUNS, endings=ENDINGS, irregular=IRREGULAR, adjective=adjective, noun=noun, neuter=neuter,
    surname_endings=(("енка", "енко"), ("енку", "енко"), ("енком", "енко"), ("енкові", "енко")),
    soft_stems=True,
)
