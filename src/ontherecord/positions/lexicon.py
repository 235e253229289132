"""Word lists the stance features read, gathered from the language packages (``ontherecord.lang.xx.stance``):
per language, and the predicate axes and times merged across languages.

Words are matched on folded tokens (``store.text.words``: lower case, no diacritics); entries ending
in ``*`` match as prefixes, so one stem covers an inflected verb ("запровад*" for every form of
"запровадити").  Predicate *axes* group verbs by the proposition they assert: ``+`` does the thing
(allow, introduce, support), ``-`` undoes or refuses it (ban, scrap, oppose).  Two statements that put
the same axis on opposite sides (after negation) contradict each other.
"""

from __future__ import annotations

from ..lang import all_languages


def _per_language(name: str) -> dict[str, tuple[str, ...]]:
    """One stance word list per registered language (its package's ``StanceWords.<name>``)."""
    return {lang.code: words for lang in all_languages() if (words := getattr(lang.stance, name))}


def _merged_axes() -> dict[str, dict[str, tuple[str, ...]]]:
    """Every language's predicate axes in one table (a statement is read against all of them)."""
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for lang in all_languages():
        for axis, sides in lang.stance.axes.items():
            for sign, words in sides.items():
                side = out.setdefault(axis, {})
                side[sign] = side.get(sign, ()) + tuple(words)
    return out


def _merged_times() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for lang in all_languages():
        for name, words in lang.stance.times.items():
            out[name] = out.get(name, ()) + tuple(words)
    return out


#: words that negate the clause they stand in
NEGATION: dict[str, tuple[str, ...]] = _per_language("negation")

#: multi-word negators, matched on the folded, space-joined token string
NEGATION_PHRASES: dict[str, tuple[str, ...]] = _per_language("negation_phrases")

#: a statement that something stays as it is: "the pension age stays at 66" restates "we will not raise the
#: pension age" and "we will keep it", "our position remains the same" restates "has not changed"; so a
#: negation present on one side only is no evidence of a change when either side says this
STATUS_QUO: dict[str, tuple[str, ...]] = _per_language("status_quo")

#: firm commitment ("will", "must")
STRONG: dict[str, tuple[str, ...]] = _per_language("strong")

#: hedged or conditional commitment ("may", "could", "considering")
HEDGE: dict[str, tuple[str, ...]] = _per_language("hedge")

#: predicate axes: axis -> {"+": stems that assert it, "-": stems that deny or undo it}
AXES: dict[str, dict[str, tuple[str, ...]]] = _merged_axes()

#: written by the journalist around a statement that departs from an earlier one
CHANGE_MARKERS: dict[str, tuple[str, ...]] = _per_language("change_markers")

#: written around a statement that holds to an earlier one
CONSTANCY_MARKERS: dict[str, tuple[str, ...]] = _per_language("constancy_markers")

#: words that narrow a statement to part of what it said before ("only steel", "but with exemptions")
RESTRICTORS: dict[str, tuple[str, ...]] = _per_language("restrictors")

#: when: months and seasons; a statement's set of these is compared with the earlier one's
TIMES: dict[str, tuple[str, ...]] = _merged_times()

#: function words left out of key terms and topic labels
STOPWORDS: dict[str, frozenset[str]] = {lang.code: lang.stance.stopwords for lang in all_languages()}

#: "does not rule out": a hedge, not a denial
NOT_RULED_OUT: dict[str, tuple[str, ...]] = _per_language("not_ruled_out")

LANGUAGES: tuple[str, ...] = tuple(lang.code for lang in all_languages())
