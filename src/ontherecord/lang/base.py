"""The records a language package fills in: what the shared stages read about one language.

A language is data, not code paths: the attribution skeleton, the resolvers, the page parser, the
store and the position features ask the registered :class:`Language` for its cues, titles, furniture,
function words, stance words and romanisation instead of branching on a language code.  Every record
here is plain and frozen, built once when the package is imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping


@dataclass(frozen=True)
class Lexicon:
    """What the rules need to know about one language; built once from plain tables.

    ``cues`` maps every inflected cue form (lowercase, ``е`` for ``ё``) to its grammatical
    person-agreement: ``m``/``f``/``n``/``pl`` for past forms, ``sg``/``pl`` for the present.
    """

    language: str
    cues: dict[str, str]
    belief_cues: frozenset[str]
    impersonal_cues: frozenset[str]
    phrase_cues: tuple[str, ...]
    as_words: frozenset[str]
    about_this: tuple[str, ...]
    complementizers: frozenset[str]
    pronouns: dict[str, str]
    relatives: frozenset[str]
    function_words: frozenset[str]
    adverbs: frozenset[str]
    prepositions: frozenset[str]
    locative_preps: frozenset[str]
    role_stems: tuple[str, ...]
    role_phrases: tuple[str, ...]
    citing: tuple[str, ...]
    org_stems: tuple[str, ...] = ()
    verb_endings: tuple[str, ...] = ()
    #: possessive pronouns of "за його словами" / "по ее мнению", with their gender
    possessives: dict[str, str] = field(default_factory=dict)
    #: common nouns of institutions that head a subject ("полиция сообщила", "суд вказав"); v3 lexicons
    institution_stems: tuple[str, ...] = ()
    #: stems of cues whose content is the rest of the clause, object and infinitive ("закликав Захід надати")
    rest_cue_stems: tuple[str, ...] = ()
    #: v4: openings of a sentence that goes on with the reported statement before it ("Тому …")
    continuations: tuple[str, ...] = ()
    #: v4: stems of generic nouns of a firm that stand for the firm named before ("фірма", "компанія")
    generic_org_stems: tuple[str, ...] = ()


def past_forms(stems: str, endings: dict[str, str]) -> dict[str, str]:
    """Every past form of the verbs whose stems are listed (space-separated): stem + ending → gender."""
    return {stem + end: g for stem in stems.split() for end, g in endings.items()}


def present_forms(pairs: str) -> dict[str, str]:
    """``"3sg/3pl"`` pairs (space-separated) → ``sg``/``pl``."""
    out: dict[str, str] = {}
    for pair in pairs.split():
        sg, _, pl = pair.partition("/")
        out[sg] = "sg"
        if pl:
            out[pl] = "pl"
    return out


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True)
class FurnitureWords:
    """Page furniture of one language as regex alternations (the page parser compiles them).

    ``months``: twelve space-separated groups of month names (genitive and nominative), January first,
    read in datelines (``30 листопада 2026``).
    """

    byline: str = ""
    dateline: str = ""
    caption: str = ""
    promo: str = ""
    trailing: str = ""
    months: tuple[str, ...] = ()


@dataclass(frozen=True)
class StanceWords:
    """Words the position features read (matched on folded tokens; ``*`` ends a prefix)."""

    negation: tuple[str, ...] = ()
    negation_phrases: tuple[str, ...] = ()
    #: "does not rule out": a hedge, not a denial
    not_ruled_out: tuple[str, ...] = ()
    status_quo: tuple[str, ...] = ()
    strong: tuple[str, ...] = ()
    hedge: tuple[str, ...] = ()
    change_markers: tuple[str, ...] = ()
    constancy_markers: tuple[str, ...] = ()
    restrictors: tuple[str, ...] = ()
    #: function words left out of key terms and topic labels
    stopwords: frozenset[str] = frozenset()
    #: predicate axes: axis → {"+": stems that assert it, "-": stems that deny or undo it}
    axes: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    #: when: months, seasons, days → the words naming them
    times: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Romanisation:
    """A romanisation standard: letter → Latin, the spelling at a word's start, and after a given letter."""

    table: Mapping[str, str]
    initial: Mapping[str, str] = field(default_factory=dict)
    #: ``(previous letter, letter) → Latin`` ("зг" → "zgh", so it is not read as "zh")
    after: Mapping[tuple[str, str], str] = field(default_factory=dict)


def _unchanged(word: str, case: str = "") -> str:
    return word


def _not_adjective(word: str) -> str | None:
    return None


@dataclass(frozen=True)
class Declension:
    """How a language's nouns, adjectives and surnames inflect, so a source read in an oblique case is
    stored in the nominative (read by :mod:`ontherecord.resolve.nouns_cyr` and ``names_cyr``).

    ``nouns``: nominatives of institution and group nouns by declension class (space-separated; class
    ``pl`` lists ``nominative/genitive`` pairs); ``endings``: each class's oblique endings; ``irregular``:
    forms no ending makes.  ``adjective(word)`` is the nominative of an oblique adjective (``None``: not
    one), ``noun(word, case)`` an unknown noun's nominative by its ending (``case``: ``loc`` after a
    locative preposition, ``gen`` after an oblique cue), ``neuter(adjective)`` the neuter of a nominative
    adjective.  ``surname_endings``: oblique → nominative endings of surnames ("енка" → "енко");
    ``soft_stems``: a consonant-stem surname read with "-я" gets its soft sign back.  ``first_names``: the
    language's own first names in every case, for a name read after "according to".
    """

    nouns: Mapping[str, str] = field(default_factory=dict)
    endings: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    irregular: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    adjective: Callable[[str], str | None] = _not_adjective
    noun: Callable[[str, str], str] = _unchanged
    neuter: Callable[[str], str] = _unchanged
    surname_endings: tuple[tuple[str, str], ...] = ()
    soft_stems: bool = False
    #: first names in every case (lowercase) → (nominative, gender), beside the shared Cyrillic table
    first_names: Mapping[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class Language:
    """Everything the shared stages read about one language; one per package under ``ontherecord.lang``.

    ``stages`` is the language's default pipeline (``{"stage": name, "config": {...}}`` entries);
    ``rules_stage`` the base name under which its lexicon rules are registered (``….v1``–``….v3``)
    when it has a parser-free cue lexicon (``cues``; ``cues_v3`` and ``cues_v4`` add what real news taught).
    ``rank`` orders languages wherever their lists are merged (lower first).
    """

    code: str
    name: str
    stages: tuple[Mapping[str, Any], ...]
    script: str = "Latn"
    rank: int = 100
    cues: Lexicon | None = None
    cues_v3: Lexicon | None = None
    #: v4: the prepositional frames and leads real news added (``….v4`` rules)
    cues_v4: Lexicon | None = None
    rules_stage: str | None = None
    furniture: FurnitureWords = FurnitureWords()
    #: titles and descriptions that may stand before a name; courtesy titles; words joining titles
    titles: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    title_fillers: frozenset[str] = frozenset()
    #: words no speaker is named by (pronouns, function words), for checks over stored speakers
    function_words: frozenset[str] = frozenset()
    stance: StanceWords = StanceWords()
    romanisation: Romanisation | None = None
    #: letters only this language writes among those of its script (a spelling with them is its own)
    distinctive_letters: frozenset[str] = frozenset()
    declension: Declension = Declension()

    def speaker_words(self) -> frozenset[str]:
        """Words no speaker is named by: the function words, and the cue lexicon's closed classes."""
        lex = self.cues
        if lex is None:
            return self.function_words
        return (self.function_words | lex.function_words | lex.adverbs | lex.prepositions
                | frozenset(lex.pronouns) | frozenset(lex.possessives) | lex.relatives)
