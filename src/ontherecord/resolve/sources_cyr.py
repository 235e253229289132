"""What of a Ukrainian or Russian source phrase names the speaker, read on real news.

Without a parser the rules take a source from the words around its cue, and real sentences put other
words there: a date or an adverb before the subject (``травня Скіпор``, ``Изначально полиция``), an
object before its verb (``Соболезнования выразил``), a role with its organisation before the name
(``Прокурор Андреа Занончелли``, ``Министр здравоохранения Перу Зулема Томас``).  These helpers
keep the words that name someone and say when none do.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..attribute.cyrillic import Lexicon, Token
from ..attribute.real_text_cyr import DOCUMENTS
from .nouns_cyr import case_forms

#: Month names in the genitive and year words, which open a source after a date ("5 травня Скіпор").
_DATE_WORDS = frozenset(
    """
    січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня року році рік
    роки років января февраля марта апреля мая июня июля августа сентября октября ноября декабря года
    году год лет
    """.split()
)
#: "21-летний", "25-річний" lose their number to the tokeniser: "летний Олег".
_AGE = re.compile(r"^(?:летн|річн)\w*$")
#: Dative plural and accusative endings of a common noun before the subject ("журналистам Трамп").
_OBJECT_ENDINGS = ("ам", "ям", "ию", "ую", "юю")
#: Latin-script words that make a phrase an outlet or company, not a person ("Asia Times").
_LATIN_ORG = frozenset("times news post journal agency press tv media group inc ltd welle today daily review".split())


def is_cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


#: Numerals that make a phrase with the genitive after them ("два источника"): kept with it.
_NUMERALS = frozenset("два две три четыре оба обе несколько двое трое дві чотири обидва обидві кілька двоє троє".split())
#: Words that never open or end a source: first persons, auxiliaries, negation.
_NEVER = frozenset("""
я ми мы не було б было был была были був була були буде будет чем ніж
которому которой котором которым которых которого которую якому якої якого яким якими якій яку
одній одной одном одному одним
""".split())
#: Instrumental endings of an adjective and its noun ("Западной Европой", "великою державою").
_INSTRUMENTAL = ("ой", "ою", "ею", "єю", "ами", "ями")
#: "from" (a person's town after the name), missing from the lexicons' prepositions.
_FROM = frozenset("из з із зі".split())
#: Words of "за даними X", "згідно з даними X", "по данным X": the source is X.
DATA_WORDS = frozenset("даними даних дані данным данных данные інформацією информации информацией".split())
#: Adverbial and active participles: the phrase they open is a clause, not a subject.
_PARTICIPLE = re.compile(r"^\w{4,}(?:ючи|учи|ачи|ячи|вши|вшись|шись|вшим|вшимся|вшими|вшись)$")
#: Past verbs (feminine, plural, reflexive) inside a phrase: "оставалась", "запустили", "выпустила".
_PAST_VERB = re.compile(r"^\w{3,}(?:ила|или|ала|али|яла|яли|ела|ели|ыла|ыли|ула|ули|лся|лась|лось|лись|лася|лося|вся)$")
#: An adjective agrees with the noun after it: "тендерній документації" stays whole.
_ADJECTIVE = re.compile(r"^\w{3,}(?:ий|ій|ого|ому|ої|ою|ая|ой|ый|ое|ее|ие|ые|их|ых|ім|им|ом|ей|ую|ної|ська|цька)$")
#: Adjectives that may stand before a document ("в іншій судовій ухвалі", "в одном из писем").
_DOC_ADJ = re.compile(r"^\w+(?:ій|ому|ом|ой|ої|ых|их|ім)$")


def document_owner(head: list[Token]) -> list[Token] | None:
    """The owner words after a document ("вироку суду" → "суду", "проекті розпорядження Кабміну" →
    "Кабміну"); ``None`` when the phrase is not a document's."""
    i = 0
    while i < len(head) - 1 and i < 3 and head[i].low not in DOCUMENTS and _DOC_ADJ.match(head[i].low):
        i += 1
    if head[i].low not in DOCUMENTS:
        return None
    while i < len(head) and (head[i].low in DOCUMENTS or _DOC_ADJ.match(head[i].low) and i + 1 < len(head)
                             and head[i + 1].low in DOCUMENTS):
        i += 1
    return head[i:]


def genitive_after_role(head: list[Token], name: Token, lex: Lexicon, cue_gender: str | None) -> bool:
    """A lone capitalised word right after a role is the place or body of the role, in the genitive
    ("мер Лимана", "представитель Обамы", "председатель Норвежского"), unless it reads as a nominative
    surname ("речник Кірбі", "министр Лавров", "речниця Гончаренко")."""
    i = next((k for k, t in enumerate(head) if t is name), 0)
    if i == 0 or not head[i - 1].low.startswith(lex.role_stems):
        return False
    low = name.low
    if low.endswith(("ого", "ої", "ой", "его", "ского", "ської", "ской")):
        return True
    if low.endswith(("ова", "ева", "єва", "іна", "ина", "ська", "цька", "ская", "цкая")) and cue_gender == "f":
        return False
    if low.endswith(("оя", "ая", "ея")) and not low.endswith("ская"):
        return True  # "представник «Оборонстроя»": the genitive of a noun in -ой/-ай
    return low.endswith(("а", "я", "ы", "и")) and low[-2:-1] not in "аеєиіїоуюяыэ"


def _droppable(t: Token, lex: Lexicon) -> bool:
    if t.low in _NUMERALS:
        return False
    return (t.low in lex.function_words or t.low in lex.adverbs or t.low in _DATE_WORDS or t.text.isdigit()
            or bool(_AGE.match(t.low)) or t.low in lex.possessives)


def clean_source(toks: list[Token], lex: Lexicon) -> list[Token]:
    """The source's words without the dates, adverbs and leading objects before the one naming
    someone, and without function words after it ("Адвокаты Кристенсена не" → "Адвокаты Кристенсена")."""
    start = 0
    while start < len(toks) - 1 and _droppable(toks[start], lex):
        start += 1
    # "До проекту уряду Міністерство юстиції": an institution in the nominative after an oblique phrase
    forms = case_forms(lex.language)
    if toks[start].low in forms and toks[start].low not in DOCUMENTS:
        later = next((k for k in range(start + 1, len(toks)) if toks[k].text[:1].isupper()
                      and toks[k].low.startswith(lex.org_stems) and toks[k].low not in forms
                      and not toks[k].low.endswith(("а", "у", "ом", "і", "ї", "и", "ы", "е"))), None)
        if later is not None:
            start = later
    # "журналистам сам Трамп", "ситуацию председатель …": an object (dative or accusative) before a head
    while start < len(toks) - 1 and toks[start].text[:1].islower() and not _names_someone(toks[start], lex) and (
        toks[start].low not in DOCUMENTS) and not _ADJECTIVE.match(toks[start].low) and (
        toks[start].low not in _NUMERALS) and (
        _names_someone(toks[start + 1], lex) or _droppable(toks[start + 1], lex)
        or toks[start + 1].text[:1].isupper() and toks[start].low.endswith(_OBJECT_ENDINGS)
    ):
        start += 1
        while start < len(toks) - 1 and _droppable(toks[start], lex):
            start += 1
    end = len(toks)
    for k in range(start + 2, len(toks)):  # "Владислав Крапивин из Каменска-Уральского": the name ends
        if (toks[k].low in lex.prepositions or toks[k].low in _FROM) and toks[k - 1].text[:1].isupper() \
                and toks[k - 2].text[:1].isupper():
            end = k
            break
    while end > start + 1 and (toks[end - 1].low in lex.function_words or toks[end - 1].low in lex.adverbs
                               or toks[end - 1].low in _NEVER):
        end -= 1
    return toks[start:end]


@lru_cache(maxsize=2)
def institution_words(language: str) -> frozenset[str]:
    """The institution and group nouns (every case form) of ``language``, lowercase."""
    forms = case_forms(language)
    return frozenset(forms) | frozenset(forms.values())


def _names_someone(t: Token, lex: Lexicon) -> bool:
    """A role, an institution or a group noun (in any case)."""
    low = t.low
    return (low.startswith(lex.role_stems) or low.startswith(lex.org_stems) or low in institution_words(lex.language)
            or low in lex.pronouns)


def role_and_name(head: list[Token], lex: Lexicon, cue_gender: str | None) -> list[Token]:
    """The name at the end of a phrase the name table does not know: the last two capitalised words
    after a role ("Прокурор Андреа Занончелли", "гендиректор SpaceX Илон Маск"), or two capitalised
    Cyrillic words alone when the cue agrees with one person ("Андреа Падован рассказал")."""
    if any(t.low.startswith(lex.institution_stems) for t in head[-2:]):
        return []  # "Полиция Нью-Йорка"
    run: list[Token] = []
    for t in reversed(head):
        if not t.text[:1].isupper() or t.text.isupper() and len(t.text) > 1 or t.low.startswith(lex.org_stems) \
                or t.low.startswith(lex.role_stems) or len(run) == 2:
            break
        run.insert(0, t)
    if len(run) != 2:
        return []
    before = head[: len(head) - 2]
    if any(t.low.startswith(lex.role_stems) for t in before):
        return run
    if not before and cue_gender in ("m", "f") and all(is_cyrillic(t.text) for t in run):
        return run
    if not before and cue_gender in ("m", "f") and not any(t.low in _LATIN_ORG for t in run):
        return run
    return []


def never_a_source(head: list[Token], lex: Lexicon) -> bool:
    """A phrase holding a first person, an auxiliary, a participle or a past verb is a clause read as a
    source: "Я", "поэт был прооперирован", "Задовольняючи позов Фонду", "Кэрри оставалась дома"; so is
    a phrase in the instrumental ("Западной Европой")."""
    if len(head) >= 2 and head[-1].low.endswith(_INSTRUMENTAL) and head[-2].low.endswith(_INSTRUMENTAL):
        return True
    return any(t.low in _NEVER or _PARTICIPLE.match(t.low) or t.text[:1].islower() and _PAST_VERB.match(t.low)
               and not _names_someone(t, lex) for t in head)


def is_junk_source(head: list[Token], lex: Lexicon, after_locative: bool) -> bool:
    """A source that names no one: a lowercase common noun (an object before its verb, "забастовку
    объявили"), a document ("згідно з угодою"), a relative word ("яким"); institutions, groups and
    roles, and a place standing for its institution ("в мерии"), are kept."""
    first = head[0]
    if first.low in lex.relatives or first.low in lex.function_words and len(head) == 1:
        return True
    if after_locative:
        return False
    if any(_names_someone(t, lex) for t in head):
        return False
    if first.text[:1].isupper():
        return False
    return True
