"""English attribution lexicon: which words introduce what someone said, believes or intends.

Kept as plain tables so a rule change is a data change.  The confidence of a statement starts
from the class of its cue: reporting verbs are near-certain, belief and intention verbs less so
(they also describe things nobody said), evidence verbs ("a poll shows") least.
"""

from __future__ import annotations

from .function_words import FUNCTION_WORDS_EN

#: Verbs of saying (lemmas).  Content is a clause (``ccomp``) or a quote.
SPEECH_VERBS: frozenset[str] = frozenset(
    """
    say tell add note state emphasize emphasise stress remind urge warn announce report write tweet
    argue claim suggest explain declare insist acknowledge admit confirm deny predict promise pledge
    vow conclude reply respond answer recall complain contend maintain assert allege observe
    concede boast joke caution assure inform mention propose recommend demand threaten speculate
    reiterate testify disclose reveal estimate agree counter retort quip muse lament charge
    acknowledge affirm announce clarify comment signal stipulate specify underline underscore
    highlight repeat hint accuse criticize criticise praise dismiss blast slam tout
    """.split()
)

#: Beliefs and intentions: PolNeAR-style attributions of mental states.
BELIEF_VERBS: frozenset[str] = frozenset(
    """
    think believe feel hope want expect fear worry plan intend doubt guess suspect wish prefer
    know understand consider assume imagine figure wonder
    """.split()
)

#: Stance verbs: PolNeAR attributes support and opposition ("endorsed Clinton"); content is the object.
STANCE_VERBS: frozenset[str] = frozenset("endorse support back oppose defend reject welcome describe thank blame".split())

#: Evidence verbs whose subject is a document, poll or study ("a poll shows that ...").
EVIDENCE_VERBS: frozenset[str] = frozenset("show find indicate suggest reveal demonstrate prove".split())

#: What can show or find something (the subject of an evidence verb): documents, data, inquiries.
#: "A poll shows", "the report found" — not "the Frühburgunder shows cherry notes".
EVIDENCE_SOURCES: frozenset[str] = frozenset(
    """
    poll polls survey surveys study studies report reports data research analysis analyses figure figures
    number numbers statistic statistics record records document documents result results evidence test
    tests review reviews investigation investigations inquiry audit findings paper papers memo letter
    email emails video videos footage photo photos image images chart graph map model models projection
    projections estimate estimates filing filings return returns transcript census index rating ratings
    count tally forecast experiment experiments trial trials scan scans sample samples search searches
    check probe ruling debate debates panel story stories slide slides average averages website site
    article articles book campaign ad ads commercial speech interview
    """.split()
)

#: Verbs that only report when a quote or colon follows ("Cruz continued: ...").
QUOTE_ONLY_VERBS: frozenset[str] = frozenset("continue begin go ask".split())

#: Verbs whose direct object (not only a clause) is the content: "announced his candidacy".
OBJECT_CONTENT_VERBS: frozenset[str] = frozenset(
    """
    announce deny confirm predict propose reveal acknowledge admit promise pledge vow want prefer
    support endorse criticize criticise praise dismiss tout demand recommend repeat reiterate
    estimate expect fear report disclose show accuse thank blame endorse support back oppose defend reject welcome describe
    """.split()
)

#: Verbs whose infinitive complement is the content: "wants to build", "vowed to fight".
INFINITIVE_CONTENT_VERBS: frozenset[str] = frozenset(
    """
    want hope plan intend expect promise pledge vow threaten wish prefer claim fear
    """.split()
)

#: Naming verbs, cues only with an object and what it is called: "called Trump “unhinged”".
NAMING_VERBS: frozenset[str] = frozenset({"call", "label", "brand", "dub"})

#: Prepositions whose phrase after the object belongs to the content: "accused X of Y", "described X as Y".
OBJECT_PREPOSITIONS: frozenset[str] = frozenset({"of", "as", "for"})

#: Verbs whose object is the addressee and an infinitive the content: "urged Washington to allow".
ADDRESSEE_INFINITIVE_VERBS: frozenset[str] = frozenset("urge warn tell ask call encourage press".split())

#: Particles that belong to the cue: "pointed out", "called for".
CUE_PARTICLES: dict[str, frozenset[str]] = {
    "point": frozenset({"out"}),
    "call": frozenset({"for", "on"}),
    "spell": frozenset({"out"}),
    "lay": frozenset({"out"}),
}

#: Particle cues that are only cues with their particle ("point" alone is not a cue).
PARTICLE_CUES: frozenset[str] = frozenset({"point", "call", "spell", "lay"})

#: Base confidence by cue class.
CONFIDENCE: dict[str, float] = {
    "speech": 0.9,
    "according_to": 0.9,
    "belief": 0.6,
    "evidence": 0.5,
    "stance": 0.5,
    "quote_only": 0.8,
    "headline": 0.8,
    "colon": 0.7,
}

#: Modals that make a belief or intention hypothetical ("they may want to reconsider").
HYPOTHETICAL_MODALS: frozenset[str] = frozenset({"may", "might", "would", "could", "should", "must"})

#: Sources that are not someone speaking: expletives and the author/reader.
NON_SOURCES: frozenset[str] = frozenset({"it", "there", "this", "that", "what", "which"})

#: Opening and closing quotation marks.  Straight ``"`` opens or closes by position.
OPEN_QUOTES = "“„«"
CLOSE_QUOTES = "”»"
STRAIGHT_QUOTE = '"'

#: The headline convention ``claim, - Source`` (Ukrainian and Russian news style).
HEADLINE_DASHES = "-–—"

#: Nouns that mark an organisation name ("White House", "Ministry of Defence").
ORGANISATION_WORDS: frozenset[str] = frozenset(
    """
    house ministry office council department agency committee commission party government
    administration parliament court bank service services army forces command embassy
    union bureau senate congress cabinet kremlin pentagon presidency police staff headquarters
    institute university foundation company corporation group association board authority
    fund network times post news press agency rada duma verkhovna nato un eu
    military airline firm club
    """.split()
)

#: Person descriptions that refer back to an already named person.
PERSON_DESCRIPTIONS: frozenset[str] = frozenset(
    """
    official spokesman spokeswoman spokesperson president minister secretary senator
    governor mayor candidate chairman chairwoman chair director adviser advisor diplomat general
    leader coordinator ambassador premier chancellor representative congressman congresswoman
    prime commander head chief lawmaker politician ceo founder analyst expert economist
    oceanographer scientist researcher physicist professor author writer actor actress singer
    lawyer attorney doctor nurse detective investigator officer activist organizer historian
    journalist reporter producer coach
    """.split()
)

#: Titles before a name ("President", "Mr.") are in :mod:`ontherecord.lexicon.titles`, shared with the store.

#: Further words the resolver drops before an English name ("Councillor Petro Lysenko", "Detective
#: Lt. Robert Pfannes", "Father James Martin"): the canonical name it hands the store is already
#: without them, so the store's key needs no change.
EXTRA_TITLES: frozenset[str] = frozenset(
    """
    councillor councilor councilman councilwoman alderman cpl detective officer inspector father
    sister rabbi imam bishop cardinal archbishop st coach patrol
    """.split()
)

PERSON_PRONOUNS: frozenset[str] = frozenset({"he", "she", "him", "her", "i", "we"})
GROUP_PRONOUNS: frozenset[str] = frozenset({"they", "them"})

#: Words that are never a speaker's name (pronouns, determiners, contractions): shared with the scorer.
FUNCTION_WORDS: frozenset[str] = FUNCTION_WORDS_EN

#: Relative pronouns: the source "who" in "an architect who said ..." is the noun the clause modifies.
RELATIVE_PRONOUNS: frozenset[str] = frozenset({"who", "that", "which", "whom"})

#: Pronouns a body text uses for its author or reader: no speaker outside a quote.
AUTHOR_PRONOUNS: frozenset[str] = frozenset({"i", "we", "you", "me", "us"})

#: Pronouns that refer back to an organisation ("the ministry said it ...").
THING_PRONOUNS: frozenset[str] = frozenset({"it"})

#: Nicknames and epithets put before a name ("Crooked Hillary Clinton", "RIP Donald Trump"):
#: not part of the canonical name.
EPITHETS: frozenset[str] = frozenset(
    """
    crooked lyin lyin' lyin’ lying rip r.i.p. r.i.p sleepy crazy little low-energy cryin cryin' cryin’
    nasty goofy shifty phony failing mini crazed dear beloved late disgraced embattled
    """.split()
)

#: Lower-case particles inside a name ("Ludwig van der Rohe", "Nasser bin Ali", "Anna de la Cruz").
NAME_PARTICLES: frozenset[str] = frozenset(
    "van der den de del della di da dos das du la le von zu bin ibn al el ter ten af".split()
)

#: Words that give a person's gender (roles, honorifics, relations).
FEMININE_WORDS: frozenset[str] = frozenset(
    """
    she her mrs. mrs ms. ms miss madam spokeswoman chairwoman congresswoman businesswoman
    actress woman girl mother wife daughter sister grandmother aunt niece queen princess duchess
    lady countess mayoress
    """.split()
)
MASCULINE_WORDS: frozenset[str] = frozenset(
    """
    he him his mr. mr sir spokesman chairman congressman businessman actor man boy father husband
    son brother grandfather uncle nephew king prince duke lord count
    """.split()
)

#: Words after a cue that show an organisation speaking ("said in a statement").
ORGANISATION_CUE_TAILS: frozenset[str] = frozenset({"statement", "release", "communique", "communiqué", "filing"})

#: Entity labels of spaCy's recogniser that name an organisation or place, never a person.
ORGANISATION_LABELS: frozenset[str] = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})
