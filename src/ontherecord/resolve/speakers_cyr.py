"""In-article speaker resolution for Ukrainian and Russian, without a parser.

A statement's source is split into its role words (``речник Пентагону``), a person's name (the
capitalised words at its end, with a known first name or a surname) or an organisation.  Names are
put in the nominative (``за словами Зеленського`` → ``Зеленський``) and joined with the fullest form
the article uses (``Володимир Зеленський``).  Pronouns (``він``/``вона``/``он``/``она``) and bare
descriptions (``речник``) refer back to the last person of a compatible gender; ``вони``/``они``
to the last group or organisation.  Gender comes from first names, surname endings, role words
(``речниця``) and the cue verb (``заявила``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from ..attribute.cyrillic import CyrillicText, Lexicon, Token, readable_blocks, segment, tokens
from ..errors import ConfigError
from ..lang import get_language
from ..model import Article, Span, Speaker, Statement
from ..registry import register_stage
from . import set_speakers
from .names_cyr import first_name, nominative_name, same_surname, surname_gender, surname_keys
from .real_text_speakers_cyr import OBLIQUE_CUES as _OBLIQUE_CUES
from .real_text_speakers_cyr import GENERIC_DESCRIPTIONS, RealTextResolving
from .refer_back_cyr import refer_back
from .sources_cyr import clean_source

STAGE_NAME = "ontherecord.speaker_resolver_cyr.v1"
#: v1 with ``unknown_first_names`` on: a capitalised word before a surname-like one is a first name
#: even when the name table lacks it ("Губернатор Заречной области Арсений Волков" is a person), and a
#: role word anywhere before a surname-like word makes a person
STAGE_NAME_V2 = "ontherecord.speaker_resolver_cyr.v2"
#: v2 with ``real_text`` on, for the junk real news gave as speakers: the source's leading adverbs,
#: dates and objects trimmed ("травня Скіпор"), a role glued to a name split off ("Прокурор Андреа
#: Занончелли"), organisations and groups in the nominative ("в прес-службі", "по словам очевидцев"),
#: a source that names no one (an object read as the subject: "Соболезнования выразил") dropped with
#: its statement, and "він"/"он" given to the speaking subject of the sentence that last named a
#: compatible person rather than to a man named in its subordinate clause
STAGE_NAME_V3 = "ontherecord.speaker_resolver_cyr.v3"
#: v3 with ``refer_back`` on (:mod:`.refer_back_cyr`), read with the language's v4 lexicon: a first name
#: alone is the one person of the article with that first name, "фірма"/"компанія" the firm quoted before
STAGE_NAME_V4 = "ontherecord.speaker_resolver_cyr.v4"

_FEMININE_ROLE_ENDINGS = ("иця", "иці", "ицю", "ица", "ицы", "ицу", "ка", "ки", "ку")
def _lexicon(language: str, v3: bool = False, v4: bool = False) -> Lexicon:
    """The cue lexicon of a registered language that has one (:class:`ConfigError` otherwise)."""
    try:
        lang = get_language(language, needs="cues")
    except ConfigError as exc:
        raise ConfigError(f"{STAGE_NAME}: {exc}") from None
    assert lang.cues is not None
    if v4:
        return lang.cues_v4 or lang.cues_v3 or lang.cues
    return (lang.cues_v3 or lang.cues) if v3 else lang.cues


@dataclass
class _Cluster:
    name: str
    kind: str
    gender: str | None = None
    role: str | None = None
    organisation: str | None = None
    mentions: list[Span] = field(default_factory=list)
    nominative: bool = False  # the name was seen in the nominative, not guessed from a case form
    _seen: set[Span] = field(default_factory=set, repr=False)

    @property
    def surname(self) -> str:
        return self.name.split()[-1] if self.name.split() else ""

    def add(self, span: Span) -> bool:
        """Record a mention; ``False`` when it was known already."""
        if span in self._seen:
            return False
        self._seen.add(span)
        self.mentions.append(span)
        return True

    def to_speaker(self) -> Speaker:
        return Speaker(self.name, self.kind, self.role, self.organisation, sorted(self.mentions))


class _Resolver(RealTextResolving):
    def __init__(self, article: Article, view: CyrillicText, lex: Lexicon, unknown_first_names: bool = False,
                 real_text: bool = False, refer_back: bool = False) -> None:
        self.article, self.view, self.lex = article, view, lex
        self.unknown_first_names = unknown_first_names
        self.real_text = real_text
        self.refer_back = refer_back  # v4
        self.junk: set[int] = set()  # v3: statements whose source names no one (by id)
        self._sources: set[int] = set()  # v3: positions of mentions that are a statement's source
        self.persons: list[_Cluster] = []
        self._by_key: dict[str, list[int]] = {}  # surname key -> indexes in ``persons`` (see surname_keys)
        self._sentence_starts = frozenset(x.start for x in view.sentences)
        self.others: dict[str, _Cluster] = {}
        # every mention of a known speaker, in text order, for pronouns to look back over
        self._positions: list[int] = []
        self._who: list[_Cluster] = []
        self._scan_full_names()

    # -- the article's people

    def _scan_full_names(self) -> None:
        """Every "First Last" in the body: the fullest nominative forms the article offers."""
        for para in self.view.paragraphs:
            toks = tokens(self.view, para.start, para.end)
            for a, b in zip(toks, toks[1:]):
                gap = self.view.norm[a.end:b.start]
                if gap != " " or not b.text[:1].isupper() or b.low in self.lex.function_words:
                    continue
                fn = first_name(a.text)
                if fn is None or first_name(b.text) is not None:
                    continue
                oblique = fn[0].lower() != a.low
                name, gender = nominative_name([a.text, b.text], oblique, fn[1], self.lex.language)
                cluster = self._person(name, gender, prefer=not oblique)
                self.note(a.start, cluster)

    def _same_surname(self, surname: str) -> list[int]:
        """Indexes of the people whose surname is a form of ``surname``, in the order they were met
        (looked up by key: comparing with every person made a long text quadratic)."""
        found = sorted({i for key in surname_keys(surname) for i in self._by_key.get(key, ())})
        return [i for i in found if same_surname(self.persons[i].surname, surname)]

    def _index_person(self, i: int) -> None:
        for key in surname_keys(self.persons[i].surname):
            at = self._by_key.setdefault(key, [])
            if not at or at[-1] != i:
                at.append(i)

    def _person(self, name: str, gender: str | None, prefer: bool = True) -> _Cluster:
        parts = name.split()
        for i in self._same_surname(parts[-1]):
            c = self.persons[i]
            if gender is None or c.gender in (None, gender):
                if len(parts) > len(c.name.split()) or prefer and len(parts) == len(c.name.split()) and (
                    not c.nominative
                ):
                    c.name = name
                    self._index_person(i)
                c.nominative = c.nominative or prefer
                c.gender = c.gender or gender
                return c
        c = _Cluster(name, "person", gender, nominative=prefer)
        self.persons.append(c)
        self._index_person(len(self.persons) - 1)
        return c

    def _named(self, name: str, kind: str) -> _Cluster:
        key = name.lower()
        if key not in self.others:
            self.others[key] = _Cluster(name, kind)
        return self.others[key]

    # -- statements

    def resolve_named(self, st: Statement) -> _Cluster | None:
        if not st.sources:
            return None
        src = st.sources[0]
        toks = tokens(self.view, src.start, src.end)
        if self.real_text:
            toks = clean_source(toks, self.lex)
        if not toks or len(toks) == 1 and (toks[0].low in self.lex.pronouns or toks[0].low in self.lex.possessives):
            return None
        cue_gender = self._cue_gender(st)
        oblique = st.cue is not None and self.view.low[st.cue.start:st.cue.end] in _OBLIQUE_CUES
        if self.refer_back and (back := refer_back(self, src, toks)) is not None:
            return back
        if self.real_text:
            return self._resolve_v3(st, src, toks, cue_gender, oblique)
        # Split the apposition after a comma off as the role: "Марта Коваленко, речниця МЕ".
        comma = self.view.norm.find(",", src.start, src.end)
        head_toks = [t for t in toks if comma < 0 or t.end <= comma]
        appos = self.view.norm[comma + 1:src.end].strip() if comma >= 0 else ""
        if not head_toks:
            return None
        names = self._name_tokens(head_toks, cue_gender)
        role_toks = [t for t in head_toks if names and t.start < names[0].start]
        if not names:
            if cue_gender != "pl" and any(t.low.startswith(self.lex.role_stems) for t in head_toks) and not any(
                t.text[:1].isupper() and t is not head_toks[0] for t in head_toks
            ):
                return None  # a bare description ("речник"): the reference pass reads it
            kind = "organisation"
            # "Місцеві вчителі заявили": people in the plural; "повідомили в мерії", "МЗС": an institution.
            if cue_gender == "pl" and head_toks and not self._after_locative(src.start) and not any(
                t.low.startswith(self.lex.org_stems) or t.text.isupper() and len(t.text) > 1 for t in head_toks
            ) and (not head_toks[-1].text[:1].isupper() or self._sentence_initial(head_toks[-1].start)):
                kind = "group"
            c = self._named(self.article.text[head_toks[0].start:head_toks[-1].end], kind)
            self.mention(c, src)
            return c
        gender = self._role_gender(role_toks) or (cue_gender if cue_gender in ("m", "f") else None)
        return self._person_with_role(names, role_toks, gender, oblique, appos, comma, src)

    def _person_with_role(self, names: list[Token], role_toks: list[Token], gender: str | None, oblique: bool,
                          appos: str, comma: int, src: Span) -> _Cluster:
        """The person ``names`` gives, in the nominative, with the role before the name or in the
        apposition after a comma (and the organisation the role names), mentioned at ``src``."""
        quoted = self.view.norm[names[0].start - 1:names[0].start] == "«"  # «Еста Холдинг»: a firm's name
        name, gender = nominative_name([t.text for t in names], oblique, gender, self.lex.language,
                                       self.refer_back and not quoted)
        c = self._person(name, gender, prefer=not oblique)
        role = appos or (self.article.text[role_toks[0].start:role_toks[-1].end] if role_toks else "")
        if role:
            c.role = c.role or role
            c.organisation = c.organisation or self._organisation(role_toks[1:] if not appos else
                                                                  tokens(self.view, comma + 1, src.end)[1:])
        self.mention(c, src)
        return c

    def _sentence_initial(self, pos: int) -> bool:
        return pos in self._sentence_starts

    def _after_locative(self, pos: int) -> bool:
        before = self.view.low[max(0, pos - 4):pos].split()
        if self.real_text:  # "в «Віснику державних закупівель»"
            before = self.view.low[max(0, pos - 5):pos].replace("«", " ").split()
        return bool(before) and before[-1] in self.lex.locative_preps

    def _organisation(self, toks: list[Token]) -> str | None:
        """The organisation inside a role: "речниця Міністерства енергетики" → "Міністерства енергетики"."""
        first = next((t for t in toks if t.text[:1].isupper()), None)
        if first is None:
            return None
        last = toks[-1]
        return self.article.text[first.start:last.end]

    def _name_tokens(self, toks: list[Token], cue_gender: str | None = None, oblique: bool = False) -> list[Token]:
        """The person's name at the end of the phrase: a known first name and/or a surname."""
        run: list[Token] = []
        for t in reversed(toks):
            if not t.text[:1].isupper() or t.text.isupper() and len(t.text) > 1 or t.low.startswith(
                self.lex.org_stems
            ) or t.low.startswith(self.lex.role_stems) and not run:
                break
            run.insert(0, t)
            if len(run) == 2 or first_name(t.text) is not None:
                break
        if not run:
            return []
        if len(run) == 2 and first_name(run[0].text) is None and first_name(run[1].text) is None and not (
            self.unknown_first_names and self._looks_like_surname(run[1]) and len(run[0].text) > 2 and not run[0].text.isupper()
            and not self._sentence_initial(run[0].start)
        ):
            run = run[1:]  # "Пентагону Кірбі": only the last word is the name ("Арсений Волков" stays whole)
        if len(run) == 1 and first_name(run[0].text) is None:
            known = bool(self._same_surname(run[0].text))
            looks_like_surname = self._looks_like_surname(run[0])
            # "губернатор Заречной области Волков": a role word anywhere before a surname-like word
            preceded_by_role = len(toks) > 1 and (toks[-2].low.startswith(self.lex.role_stems) or (
                self.unknown_first_names and looks_like_surname
                and any(t.low.startswith(self.lex.role_stems) for t in toks[:-1])))
            alone = len(toks) == 1 and (cue_gender in ("m", "f") or looks_like_surname)
            if not (known or preceded_by_role or alone):
                return []
        return run

    @staticmethod
    def _looks_like_surname(t: Token) -> bool:
        return surname_gender(t.text) is not None or t.low.endswith(
            ("енко", "ук", "юк", "чук", "ич", "ський", "ского", "ського", "ова", "ева"))

    def _role_gender(self, role_toks: list[Token], oblique: bool = False) -> str | None:
        """``f`` for "речниця", ``m`` for "речник"; in an oblique case "-ка" is a masculine genitive
        ("заступника"), so only the "-иця"/"-ица" forms are feminine there."""
        feminine = _FEMININE_ROLE_ENDINGS[:6] if oblique else _FEMININE_ROLE_ENDINGS
        for t in role_toks:
            if t.low.startswith(self.lex.role_stems):
                return "f" if t.low.endswith(feminine) else "m"
        return None

    def _known_surname(self, t: Token) -> bool:
        return any(len(self.persons[i].name.split()) > 1 for i in self._same_surname(t.text))

    def _cue_gender(self, st: Statement) -> str | None:
        if st.cue is None:
            return None
        return self.lex.cues.get(self.view.low[st.cue.start:st.cue.end].strip())

    def resolve_reference(self, st: Statement) -> _Cluster | None:
        src = st.sources[0]
        toks = tokens(self.view, src.start, src.end)
        if not toks:
            return None
        word = toks[0].low
        gender = (self.lex.pronouns.get(word) or self.lex.possessives.get(word)) if len(toks) == 1 else None
        if gender is None and toks[0].low.startswith(self.lex.role_stems):
            gender = self._role_gender(toks)
        gender = gender or self._cue_gender(st)
        kinds = ("group", "organisation") if gender == "pl" else ("person",)
        if self.real_text and toks[0].low not in self.lex.pronouns and toks[0].low not in self.lex.possessives \
                and not (len(toks) == 1 and toks[0].low.startswith(GENERIC_DESCRIPTIONS)):
            return self._description(src, toks)
        for i in range(bisect_left(self._positions, src.start) - 1, -1, -1):
            c = self._who[i]
            if c.kind not in kinds or gender in ("m", "f") and c.gender not in (None, gender):
                continue
            if self.real_text:
                c = self._subject_of_sentence(i, kinds, gender) or c
            if gender in ("m", "f"):
                c.gender = c.gender or gender
            return c
        return None

    def note(self, pos: int, cluster: _Cluster) -> None:
        i = bisect_right(self._positions, pos)
        self._positions.insert(i, pos)
        self._who.insert(i, cluster)

    def mention(self, cluster: _Cluster, span: Span) -> None:
        if cluster.add(span):
            self.note(span.start, cluster)


def resolve_speakers(article: Article, view: CyrillicText, lex: Lexicon, unknown_first_names: bool = False,
                     real_text: bool = False, junk: set[int] | None = None,
                     refer_back: bool = False) -> list[Speaker | None]:
    """A speaker for each statement, in order: named sources first, then pronouns and descriptions;
    ``junk`` collects the indexes of statements whose source names no one (v3); ``refer_back`` (v4)."""
    res = _Resolver(article, view, lex, unknown_first_names, real_text, refer_back)
    order = sorted(range(len(article.statements)),
                   key=lambda i: (article.statements[i].kind == "headline",
                                  min((s.start for s in article.statements[i].all_spans()), default=0)))
    found: dict[int, _Cluster | None] = {i: res.resolve_named(article.statements[i]) for i in order}
    for i in order:
        st = article.statements[i]
        if found[i] is None and st.sources:
            c = res.resolve_reference(st)
            if c is not None:
                for s in st.sources:
                    res.mention(c, s)
            found[i] = c
    if junk is not None:
        junk.update(i for i in order if id(article.statements[i]) in res.junk)
    speakers = {id(c): c.to_speaker() for c in found.values() if c is not None}
    return [speakers[id(found[i])] if found[i] is not None else None for i in range(len(article.statements))]


@register_stage(STAGE_NAME)
class SpeakerResolverCyr:  # registered as v1 (the class's defaults); v2 below
    """Stage: fill ``Statement.speaker`` for Ukrainian or Russian articles."""

    name = STAGE_NAME
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("speakers",)

    def __init__(self, language: str = "uk", unknown_first_names: bool = False, name: str = STAGE_NAME,
                 real_text: bool = False, refer_back: bool = False) -> None:
        self.language = language
        self.unknown_first_names = bool(unknown_first_names)
        self.real_text = bool(real_text)
        self.refer_back = bool(refer_back) and self.real_text
        self.name = name
        self.lex = _lexicon(language, self.real_text, self.refer_back)

    def find(self, article: Article) -> tuple[list[Speaker | None], set[int]]:
        view = article.analysis.get("cyrillic") or segment(article.text, readable_blocks(article))
        junk: set[int] = set()
        return resolve_speakers(article, view, self.lex, self.unknown_first_names, self.real_text, junk,
                                self.refer_back), junk

    def set_annotations(self, article: Article, found: tuple[list[Speaker | None], set[int]]) -> None:
        speakers, junk = found
        set_speakers(article, speakers)
        if junk:  # v3: a statement whose source names no one is not an attribution
            article.statements = [st for i, st in enumerate(article.statements) if i not in junk]

    def to_config(self) -> dict[str, Any]:
        out: dict[str, Any] = {"language": self.language, "unknown_first_names": self.unknown_first_names}
        if self.real_text:
            out["real_text"] = True
        if self.refer_back:
            out["refer_back"] = True
        return out


@register_stage(STAGE_NAME_V2)
def speaker_resolver_cyr_v2(language: str = "uk", unknown_first_names: bool = True) -> SpeakerResolverCyr:
    return SpeakerResolverCyr(language, unknown_first_names, STAGE_NAME_V2)


@register_stage(STAGE_NAME_V3)
def speaker_resolver_cyr_v3(language: str = "uk", unknown_first_names: bool = True,
                            real_text: bool = True) -> SpeakerResolverCyr:
    return SpeakerResolverCyr(language, unknown_first_names, STAGE_NAME_V3, real_text)


@register_stage(STAGE_NAME_V4)
def speaker_resolver_cyr_v4(language: str = "uk", unknown_first_names: bool = True, real_text: bool = True,
                            refer_back: bool = True) -> SpeakerResolverCyr:
    return SpeakerResolverCyr(language, unknown_first_names, STAGE_NAME_V4, real_text, refer_back)
