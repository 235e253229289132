"""Polish attribution lexicon: a handful of cue verbs in every gender of the past and in the present,
and the closed word classes around them.  Plain tables (lowercase)."""

from __future__ import annotations

from ..base import Lexicon, past_forms, present_forms, words

#: Past endings: -ł (he), -ła (she), -ło (it), -li (men, mixed), -ły (women, things).
_PAST = {"ł": "m", "ła": "f", "ło": "n", "li": "pl", "ły": "pl"}

#: Past stems of verbs of saying: stem + ł/ła/ło/li/ły ("powiedział", "stwierdziła", "dodali").
_SPEECH_STEMS = """
powiedzia stwierdzi doda oświadczy podkreśli zaznaczy przekaza zapowiedzia oceni poinformowa
zapewni przyzna wyjaśni ostrzeg przypomnia mówi zauważy
"""

_PRESENT = "mówi/mówią twierdzi/twierdzą dodaje/dodają podkreśla/podkreślają zaznacza/zaznaczają uważa/uważają"

#: "według X" (according to X), "zdaniem X" (in X's opinion).
LEXICON = Lexicon(
    language="pl",
    cues={**past_forms(_SPEECH_STEMS, _PAST), **past_forms("uważa", _PAST), **present_forms(_PRESENT),
          "ostrzegł": "m", "ostrzegła": "f", "ostrzegli": "pl", "powiedzieli": "pl", "zapowiedzieli": "pl"},
    belief_cues=frozenset({"uważa", "uważają", "uważał", "uważała", "uważali", "uważały", "uważało"}),
    impersonal_cues=words("podano poinformowano przekazano"),
    phrase_cues=("według", "zdaniem", "w opinii"),
    as_words=words("jak"),
    about_this=("o tym",),
    complementizers=words("że iż żeby aby"),
    pronouns={"on": "m", "ona": "f", "oni": "pl", "one": "pl", "ono": "n"},
    relatives=words("który która które którzy którego której co gdzie"),
    function_words=words(
        """
        i a ale lub albo czy że jak tak to ten ta te tamten wtedy także również jednak natomiast teraz
        dziś dzisiaj wczoraj jutro potem już jeszcze tylko nawet właśnie wcześniej później zatem więc
        w we na z ze do od dla przy przez przed po nad pod między o u za poniedziałek wtorek środę
        czwartek piątek sobotę niedzielę
        """
    ),
    adverbs=words("także również już wcześniej ponownie wczoraj dziś dzisiaj wtedy później publicznie oficjalnie"),
    prepositions=words("w we na z ze do od dla przy przez przed po nad pod między o u za wobec"),
    locative_preps=words("w we"),
    role_stems=("minist", "prezydent", "premier", "rzeczni", "posł", "poseł", "burmistrz", "prezes", "dyrektor",
                "ekspert", "szef", "wojewod", "marszał", "senator", "radn", "analityk", "ekonomist", "rektor",
                "lekar", "profesor", "prokurator", "sędzi", "rzeczniczk", "przewodnicząc", "wiceminist"),
    role_phrases=("do spraw", "ds."),
    citing=("powołując się na", "cytując"),
    org_stems=("ministerstw", "urząd", "urzęd", "rad", "sejm", "senat", "rząd", "kancelari", "komisj", "agencj",
               "instytut", "uniwersytet", "fundacj", "bank", "spółk", "policj", "prokuratur", "sąd"),
    verb_endings=("ają", "eją", "ują", "ią"),
    possessives={"jego": "m", "jej": "f", "ich": "pl"},
)
