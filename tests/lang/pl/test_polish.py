"""Polish, added as one package (``ontherecord.lang.pl``): identified, parsed, attributed, stored, searched
and followed for changes through the same commands as the other languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ontherecord.cli import main
from ontherecord.lang import get_language, language_codes
from ontherecord.language import detect_language
from ontherecord.model import Article
from ontherecord.pipeline import DEFAULT_CONFIG, Pipeline

from .stories import STORIES, write_stories


def _extract(text: str) -> Article:
    return Pipeline()(Article(text=text))


def test_polish_is_registered_with_its_own_stages() -> None:
    assert "pl" in language_codes()
    polish = get_language("pl")
    assert polish.name == "Polish"
    assert [e["stage"] for e in DEFAULT_CONFIG["pl"]][2] == "ontherecord.attribution_rules_pl.v3"
    assert polish.cues is not None and polish.cues.cues["powiedziała"] == "f"


def test_polish_text_is_identified_as_polish() -> None:
    assert detect_language(STORIES["most-wrzesien.txt"]) == "pl"


@pytest.mark.parametrize("cue, gender", [
    ("powiedział", "m"), ("powiedziała", "f"), ("powiedzieli", "pl"), ("stwierdził", "m"), ("stwierdziła", "f"),
    ("dodał", "m"), ("dodała", "f"), ("dodali", "pl"), ("oświadczył", "m"), ("mówi", "sg"), ("mówią", "pl"),
])
def test_each_cue_form_attributes_a_statement(cue: str, gender: str) -> None:
    subject = {"m": "Jan Kowalski", "f": "Anna Nowak", "pl": "Posłowie", "sg": "Jan Kowalski"}[gender]
    article = Pipeline()(Article(text=f"{subject} {cue}, że rząd nie dofinansuje remontu mostu.", language="pl"))
    assert [((st.cue.text(article.text) if st.cue else None), st.content_text(article.text)) for st in article.statements] == \
        [(cue, "że rząd nie dofinansuje remontu mostu")]


def test_statements_speakers_roles_and_furniture() -> None:
    article = _extract(STORIES["most-marzec.txt"])
    assert article.language == "pl" and article.meta["analysed"] is True
    found = [(st.speaker.name if st.speaker else None, (st.cue.text(article.text) if st.cue else None), st.kind) for st in article.statements]
    assert found[0] == ("Anna Nowak", "powiedziała", "indirect")
    assert found[1][1:] == ("dodała", "direct")
    assert found[2] == ("Jan Kowalski", "stwierdził", "indirect")
    assert article.statements[0].speaker.role.lower() == "burmistrz krakowa"  # type: ignore[union-attr]
    assert article.meta.get("date") == "2026-03-10"
    roles = {article.text[b.start:b.end].split(":")[0]: b.role for b in article.blocks}
    assert roles["Czytaj też"] == "promo" and roles["Autor"] == "byline"


@pytest.mark.parametrize("phrase, speaker", [
    ("Zdaniem Jana Kowalskiego", "Jan Kowalski"),
    ("Według Anny Zielińskiej", "Anna Zielińska"),
])
def test_according_to_gives_the_statement_to_the_person_named_in_the_nominative(phrase: str, speaker: str) -> None:
    text = f"Tramwaje wrócą w marcu.\n\n{phrase}, remont potrwa do wiosny.\n"
    article = Pipeline()(Article(text=text, language="pl"))
    assert [((st.cue.text(article.text) if st.cue else None), st.content_text(article.text),
             st.speaker.name if st.speaker else None) for st in article.statements] == \
        [(phrase.split()[0], "remont potrwa do wiosny", speaker)]


def test_extract_ingest_search_and_changes_from_the_command_line(tmp_path: Path) -> None:
    folder = write_stories(tmp_path / "pl")
    db = f"sqlite:///{tmp_path / 'pl.db'}"
    runner = CliRunner()
    extracted = runner.invoke(main, ["extract", "--json", str(folder)])
    assert extracted.exit_code == 0, extracted.output
    records = [json.loads(line) for line in extracted.output.splitlines() if line.startswith("{")]
    assert len(records) == 3
    assert runner.invoke(main, ["ingest", str(folder), "--db", db]).exit_code == 0
    search = runner.invoke(main, ["search", "mostu", "--db", db, "--lang", "pl", "--json"])
    assert search.exit_code == 0, search.output
    hits = json.loads(search.output)["items"]
    assert [h["content"] for h in hits] == ["że miasto nie zamknie mostu Dębnickiego w tym roku"]
    assert hits[0]["speaker"]["name"] == "Anna Nowak" and hits[0]["cue"] == "powiedziała"
    # positions: the September statement is placed in the March statement's topic and judged against it
    placed = runner.invoke(main, ["positions", "Anna Nowak", "--db", db, "--json"])
    assert placed.exit_code == 0, placed.output
    topics = json.loads(placed.output)["topics"]
    by_content = {st["content"]: (t["id"], st) for t in topics for st in t["statements"]}
    before_topic, _ = by_content["że miasto nie zamknie mostu Dębnickiego w tym roku"]
    after_topic, after = by_content["że miasto zamknie most Dębnicki w grudniu na trzy miesiące"]
    assert after_topic == before_topic and after["label"] in {"repeats", "shifts", "reverses"} and after["reason"]
    # changes answers for a Polish speaker through the same command (the stance model has no Polish
    # training data: it reads this negation flip as a restatement, so no change is listed)
    changes = runner.invoke(main, ["changes", "--speaker", "Anna Nowak", "--db", db, "--json", "--min-score", "0"])
    assert changes.exit_code == 0, changes.output
    found = [json.loads(line) for line in changes.output.splitlines() if line.strip()]
    assert all(c["speaker"]["name"] == "Anna Nowak" for c in found)
