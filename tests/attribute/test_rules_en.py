"""The English attribution rules, sentence by sentence (textacy-style tables of text → statements).

Each row gives a short body text and the statements expected from it as
``(kind, source, cue, content)`` texts; ``None`` for a part that must be absent.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ontherecord.attribute.rules_en import STAGE_NAME, STAGE_NAME_V2, AttributionRules, headline_statement
from ontherecord.errors import ConfigError
from ontherecord.model import Article, Block


@pytest.fixture(scope="module")
def pipeline(pipeline_v2):  # type: ignore[no-untyped-def]
    """These tables pin the v2 stages (rules v2, resolver v2): v3 is tested in test_speakers_v3."""
    return pipeline_v2


def _analyse(pipeline, text: str, title: str | None = None) -> Article:
    blocks = []
    full = text
    if title is not None:
        full = f"{title}\n\n{text}"
        blocks.append(Block(0, len(title), "title"))
    offset = len(full) - len(text)
    blocks.append(Block(offset, len(full), "body"))
    article = pipeline(Article(full, language="en", blocks=blocks))
    article.validate()
    return article


def _rows(article: Article) -> list[tuple[str, str | None, str | None, str]]:
    t = article.text
    return [
        (s.kind, s.source_text(t) or None, s.cue.text(t) if s.cue else None, s.content_text(t))
        for s in article.statements
    ]


STATEMENT_TABLE = [
    # a quote closed by its cue in one short sentence gives its content once
    ('"We will win," Marko Danyliuk said.',
     [("direct", "Marko Danyliuk", "said", '"We will win,"')]),
    # reporting verbs well beyond "said", content after the cue (with the complementizer)
    ("Finance Minister Halyna Bortnyk said that the deficit would shrink next year.",
     [("indirect", "Finance Minister Halyna Bortnyk", "said", "that the deficit would shrink next year")]),
    ("The mayor stated that the bridge would reopen in May.",
     [("indirect", "The mayor", "stated", "that the bridge would reopen in May")]),
    ("Ostap Ivaniv noted that prices had risen by a third.",
     [("indirect", "Ostap Ivaniv", "noted", "that prices had risen by a third")]),
    ("She added that the talks would continue on Friday.",
     [("indirect", "She", "added", "that the talks would continue on Friday")]),
    ("The general emphasized that the front line was stable.",
     [("indirect", "The general", "emphasized", "that the front line was stable")]),
    ("He reminded that the deadline expires at midnight.",
     [("indirect", "He", "reminded", "that the deadline expires at midnight")]),
    ("Union leaders warned that the strike could spread to other ports.",
     [("indirect", "Union leaders", "warned", "that the strike could spread to other ports")]),
    ("The senator told reporters that she would vote against the bill.",
     [("indirect", "The senator", "told", "that she would vote against the bill")]),
    ("Dmytro Lysenko argued the plan was too expensive.",
     [("indirect", "Dmytro Lysenko", "argued", "the plan was too expensive")]),
    ("The company announced that it would close two factories.",
     [("indirect", "The company", "announced", "that it would close two factories")]),
    ("The governor pointed out that the roads were still closed.",
     [("indirect", "The governor", "pointed out", "that the roads were still closed")]),
    # content before the cue, inverted and plain order
    ("The talks were constructive, stated Olha Danyliuk, the deputy foreign minister.",
     [("indirect", "Olha Danyliuk, the deputy foreign minister", "stated", "The talks were constructive")]),
    ("The vote will take place next week, the speaker said.",
     [("indirect", "the speaker", "said", "The vote will take place next week")]),
    # direct quotes: straight and curly marks, cue after and before
    ('"We are ready for any scenario," said Roman Tkach.',
     [("direct", "Roman Tkach", "said", '"We are ready for any scenario,"')]),
    ("“We will not give up,” the commander said.",
     [("direct", "the commander", "said", "“We will not give up,”")]),
    ("Nadia Bilyk said: “The hospital is full.”",
     [("direct", "Nadia Bilyk", "said", "“The hospital is full.”")]),
    # a quote over two sentences before the cue
    ("“The water is safe. We test it every day,” the city engineer added.",
     [("direct", "the city engineer", "added", "“The water is safe. We test it every day,”")]),
    # mixed quote: indirect speech with a quoted fragment
    ('He said that the agreement was "a step in the right direction" for both countries.',
     [("mixed", "He", "said", 'that the agreement was "a step in the right direction" for both countries')]),
    # according to, at the end and at the start
    ("Inflation slowed to four percent in June, according to the national bank.",
     [("indirect", "the national bank", "according to", "Inflation slowed to four percent in June")]),
    ("According to local officials, the fire destroyed twelve houses.",
     [("indirect", "local officials", "According to", "the fire destroyed twelve houses")]),
    # groups, beliefs and intentions, evidence
    ("American officials frequently state that the policy has not changed.",
     [("indirect", "American officials", "state", "that the policy has not changed")]),
    ("Many economists believe that the currency is undervalued.",
     [("indirect", "Many economists", "believe", "that the currency is undervalued")]),
    ("The minister wants to sign the agreement before the summit.",
     [("indirect", "The minister", "wants", "to sign the agreement before the summit")]),
    ("A new poll shows that most voters support the reform.",
     [("indirect", "A new poll", "shows", "that most voters support the reform")]),
    ("President Andriy Koval has urged parliament to pass the law quickly.",
     [("indirect", "President Andriy Koval", "urged", "parliament to pass the law quickly")]),
    # a nested cue inside the content is not a statement of its own
    ("She said that the minister had denied the reports.",
     [("indirect", "She", "said", "that the minister had denied the reports")]),
    # a cue inside a quote is part of the quoted words
    ("“I think we will win,” said Oksana Hrab.",
     [("direct", "Oksana Hrab", "said", "“I think we will win,”")]),
    # a quote split by its cue continues after it
    ("“We are ready,” Hrab said on Monday. “The plan is final.”",
     [("direct", "Hrab", "said", "“We are ready,” … “The plan is final.”")]),
    # a parenthetical cue splits the content
    ("The economy, the minister says, is recovering.",
     [("indirect", "the minister", "says", "The economy … is recovering")]),
    # naming verbs
    ("Senator Ivan Pasko called the proposal “reckless.”",
     [("mixed", "Senator Ivan Pasko", "called", "the proposal “reckless.”")]),
    # colon lead-in with a quote after it
    ("The spokesman continued: “Nothing has been decided.”",
     [("direct", "The spokesman", "continued", "“Nothing has been decided.”")]),
    # a participial cue takes the subject of the verb it hangs from (active, passive, through a preposition)
    ("In an interview, Senator Ilsa Dovbush was quoted calling the governor a failure.",
     [("indirect", "Senator Ilsa Dovbush", "calling", "the governor a failure")]),
    ("The mayor pitched the plan to traders by telling them that rents would fall.",
     [("indirect", "The mayor", "telling", "that rents would fall")]),
]


NO_STATEMENT_TABLE = [
    # a question put to someone is not their statement
    "Crane was asked to comment on whether the rules had changed.",
    "The minister was asked whether the border would reopen.",
    # the author's own analysis and plain narration
    "However, there is a possibility that the operation will change this position.",
    "The army prohibits soldiers from using private phones at the front.",
    "These missiles have a range of up to 300 kilometers.",
    # verbs that are not cues without a quote or colon
    "The meeting continued until late in the evening.",
    # an infinitival cue under a non-cue verb
    "The ministry refused to comment.",
    # passive reporting verb without an agent
    "The decision was announced on Monday.",
    # hypothetical beliefs and intentions, and the generic "you"
    "Voters may want to reconsider after this week.",
    "If you want to understand the vote, look at the turnout.",
    # a cue inside an unattributed quotation is not a statement of its own
    "“I think we said enough about the budget.”",
    # a participle never takes an impersonal subject, and a statement naming nobody is not kept
    "It goes without saying that taxes are high.",
    "It is worth noting that the vote was close.",
]


@pytest.mark.parametrize(("text", "expected"), STATEMENT_TABLE, ids=[r[0][:40] for r in STATEMENT_TABLE])
def test_rules_en_finds_statements(pipeline, text: str, expected: list[tuple]) -> None:
    assert _rows(_analyse(pipeline, text)) == expected


@pytest.mark.parametrize("text", NO_STATEMENT_TABLE, ids=[t[:40] for t in NO_STATEMENT_TABLE])
def test_rules_en_reports_no_statement(pipeline, text: str) -> None:
    assert _rows(_analyse(pipeline, text)) == []


HEADLINE_TABLE = [
    ("US still discussing weapons strikes on Russia, - White House", "US still discussing weapons strikes on Russia",
     "White House"),
    ("Grain corridor will keep working – Ministry of Agrarian Policy", "Grain corridor will keep working",
     "Ministry of Agrarian Policy"),
    ("Talks with the IMF are on track, — Prime Minister", "Talks with the IMF are on track", "Prime Minister"),
    ("Prices will fall by autumn,- National Bank", "Prices will fall by autumn", "National Bank"),
]


@pytest.mark.parametrize(("title", "claim", "source"), HEADLINE_TABLE)
def test_rules_en_headline_convention(title: str, claim: str, source: str) -> None:
    st = headline_statement(title, 0, len(title))
    assert st is not None
    assert st.kind == "headline" and st.cue is None and st.stage == STAGE_NAME
    assert st.content_text(title) == claim
    assert st.source_text(title) == source


@pytest.mark.parametrize(
    "title",
    [
        "Lviv council approves budget with record spending on schools",
        "Pay deal - what changes for dock workers and why the strike ended after three long weeks of talks",
        "Year-end review",
    ],
)
def test_rules_en_headline_needs_the_convention(title: str) -> None:
    assert headline_statement(title, 0, len(title)) is None


def test_rules_en_title_headline_in_article(pipeline) -> None:
    article = _analyse(pipeline, "Exports grew in May.", title="Exports are recovering, - Ministry of Economy")
    kinds = [(s.kind, s.source_text(article.text)) for s in article.statements]
    assert kinds == [("headline", "Ministry of Economy")]


def test_rules_en_quote_over_several_paragraphs(pipeline) -> None:
    paras = [
        "Union leader Serhiy Bondar said:",
        "“We did not get everything we asked for.",
        "“But the pay rise is real.",
        "“Our members voted for this deal.”",
        "The port reopened on Tuesday.",
    ]
    text = "\n\n".join(paras)
    offsets = []
    pos = 0
    for p in paras:
        offsets.append(pos)
        pos += len(p) + 2
    blocks = [Block(o, o + len(p), "body") for o, p in zip(offsets, paras)]
    article = pipeline(Article(text, language="en", blocks=blocks))
    assert len(article.statements) == 1
    st = article.statements[0]
    assert st.kind == "direct"
    assert [c.text(text) for c in st.contents] == paras[1:4]
    assert st.speaker is not None and st.speaker.name == "Serhiy Bondar"


def test_rules_en_transcript_turn(pipeline) -> None:
    article = _analyse(pipeline, "KOVAL: I think the vote was fair and we said so.")
    assert _rows(article) == [("direct", "KOVAL", ":", "I think the vote was fair and we said so.")]


def test_rules_en_colon_title(pipeline) -> None:
    article = _analyse(pipeline, "Exports grew in May.", title="Moroz: Exports Are Recovering.")
    assert _rows(article)[0] == ("headline", "Moroz", ":", "Exports Are Recovering")


def test_rules_en_only_body_and_title_blocks_are_read(pipeline) -> None:
    text = "Photo: the minister said that prices would fall (Reuters)\n\nThe bank said that rates would rise."
    caption_end = text.index("\n")
    blocks = [Block(0, caption_end, "caption"), Block(caption_end + 2, len(text), "body")]
    article = pipeline(Article(text, language="en", blocks=blocks))
    assert [s.source_text(text) for s in article.statements] == ["The bank"]


def test_rules_en_statements_carry_stage_and_confidence(pipeline) -> None:
    article = _analyse(pipeline, "The ministry said that exports grew. Analysts think the growth will slow.")
    assert [s.stage for s in article.statements] == [STAGE_NAME_V2, STAGE_NAME_V2]  # the default pipeline's
    speech, belief = article.statements
    assert 0.0 < belief.confidence < speech.confidence <= 1.0


def test_rules_en_min_confidence_filters(pipeline) -> None:
    from ontherecord.pipeline import run_stage

    article = _analyse(pipeline, "The ministry said that exports grew. Analysts think the growth will slow.")
    strict = AttributionRules(min_confidence=0.8)
    run_stage(strict, article)
    assert [s.cue.text(article.text) for s in article.statements if s.stage == STAGE_NAME] == ["said"]
    assert strict.to_config() == {"extend_fronted": True, "min_confidence": 0.8, "interview_turns": False,
                                   "parse_repairs": False, "colon_quotes": False}


def test_rules_en_without_parse_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="spaCy stage"):
        AttributionRules().find(Article("He said so.", language="en"))


def test_rules_en_rejects_bad_confidence() -> None:
    with pytest.raises(ConfigError, match="min_confidence"):
        AttributionRules(min_confidence=1.5)


_WORDS = st.sampled_from(
    ['"', "“", "”", "‘", "’", "said", "according", "to", "he", "She", "that", ",", ".", ":", "—", "-",
     "\n", "\n\n", "Crane", "officials", "stated", "the", "minister", "was", "asked", "whether", "Photo:",
     "Read more", "ua en ru", "Author:", "(Getty Images)", "x"]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_WORDS, max_size=40).map(" ".join) | st.text(max_size=120))
def test_rules_en_any_input_no_crash_and_valid_spans(pipeline, text: str) -> None:
    article = pipeline(Article(text, language="en"))
    article.validate()
    assert article.text == text
    for s in article.statements:
        for sp in s.all_spans():
            assert 0 <= sp.start < sp.end <= len(text)
        assert s.contents and s.kind in ("direct", "mixed", "indirect", "headline")


def test_rules_en_title_with_a_speech_verb_is_no_colon_headline(pipeline) -> None:
    article = _analyse(pipeline, "Exports grew in May.", title='Officials said: "Exports will grow."')
    assert all(st.kind != "headline" for st in article.statements)
    article = _analyse(pipeline, "Exports grew in May.", title="Bortnyk: Exports will grow")
    assert [st.kind for st in article.statements] == ["headline"]
