"""English page furniture: site names and section labels in titles are no sources; teasers,
"read more", newsletter and social prompts are furniture on HTML pages as on plain text."""

from __future__ import annotations

from pathlib import Path

import pytest

from ontherecord.attribute.rules_en import headline_statement
from ontherecord.read import read_path
from ontherecord.model import Article
from ontherecord.parse.page import is_furniture


TITLES = [
    # (title, outlet, expected source or None)
    ("Ten gifts for the discerning traveller this winter - Luxurious Magazine", None, None),
    ("What we do - Creative Commons", None, None),
    ("Leader spotlight: Erin Spiceland", None, None),
    ("EastEnders Spoilers: Kat Moon to be involved in a new storyline", None, None),
    ("PERRIS: Woman ordered hit on father of her child, police say", None, None),
    ("Harbor strike will end on Monday - The Coastal Ledger", "The Coastal Ledger", None),
    # the headline conventions still hold
    ("Ukraine will import more electricity from the EU this winter, - Ministry of Energy", None, "Ministry of Energy"),
    ("Graham: the deal is dead", None, "Graham"),
]


@pytest.mark.parametrize(("title", "outlet", "source"), TITLES, ids=[t[0][:30] for t in TITLES])
def test_title_furniture_is_no_source(title: str, outlet: str | None, source: str | None) -> None:
    st = headline_statement(title, 0, len(title), outlet)
    assert (st.source_text(title) if st else None) == source


LINES = [
    ("Want to know more about the project? Follow them on GitHub", True),
    ("Follow us on Twitter for the latest updates", True),
    ("Sign up for our daily newsletter", True),
    ("Get our newsletter every morning", True),
    ("Read more: How the port reopened", True),
    ("You may also like", True),
    ("Related: Council approves the budget", True),
    ("This article was originally published on The Coastal Ledger.", True),
    # article sentences stay
    ("The mayor said that residents should follow the advice of the fire service.", False),
    ("“Read the report before you judge,” she said.", False),
]


@pytest.mark.parametrize(("line", "furniture"), LINES, ids=[x[0][:30] for x in LINES])
def test_furniture_lines(line: str, furniture: bool) -> None:
    assert is_furniture(line) is furniture


PAGE = """<html><head><title>Council approves harbor budget - The Coastal Ledger</title></head><body>
<article><h1>Council approves harbor budget</h1>
<p>The city council approved the harbor budget on Tuesday after a long debate about dredging costs.</p>
<p>“We have waited three years for this,” said Mayor Irena Dovzhenko, who chaired the meeting.</p>
<p>Councillor Petro Lysenko said that the plan left the fishing fleet without a berth for the winter.</p>
<p>Want to know more about the harbor plan? Follow them on GitHub</p>
<p>Sign up for our newsletter to get the council news every morning.</p>
<p>Residents say harbor fees will double</p>
<p>Mayor says the ferry will run all winter</p>
<p>The budget takes effect in January, when the first dredging contracts are expected to be signed.</p>
</article></body></html>"""


def test_html_page_keeps_only_the_article(pipeline, tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    (article,) = list(read_path(path))
    assert isinstance(article, Article)
    article.language = "en"
    pipeline(article)
    t = article.text
    roles = {t[b.start : b.end]: b.role for b in article.blocks}
    assert roles["Want to know more about the harbor plan? Follow them on GitHub"] == "promo"
    assert roles["Sign up for our newsletter to get the council news every morning."] == "promo"
    assert roles["Residents say harbor fees will double"] == "heading"
    speakers = sorted(s.speaker.name for s in article.statements if s.speaker)
    assert speakers == ["Irena Dovzhenko", "Petro Lysenko"]
    for st in article.statements:
        block = article.block_at(st.contents[0].start)
        assert block is not None and block.role == "body"
