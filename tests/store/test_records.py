"""The records the store returns: who said it (written once), the JSON form, and analysed articles
in the same shape as stored ones."""

from __future__ import annotations

import dataclasses
import json

import pytest

from ontherecord.model import Article, Block, Span, Speaker, Statement
from ontherecord.store.records import (
    UNKNOWN_SPEAKER,
    ArticleRecord,
    BlockRecord,
    Page,
    SpeakerRef,
    Spans,
    StatementRecord,
)


def record(speaker: str | None = None, source: str | None = None, role: str | None = None,
           organisation: str | None = None, date: str | None = None) -> StatementRecord:
    return StatementRecord(id=3, article_id=1, kind="direct", confidence=0.5, content="we hold", cue="said",
                           source=source, spans=Spans((Span(0, 2),), Span(3, 7), (Span(9, 16),)),
                           speaker=SpeakerRef(12, speaker, "person") if speaker else None, role=role,
                           organisation=organisation, date=date)


@pytest.mark.parametrize("rec,who,known,role_label,day", [
    (record("Paul Crane", "Crane", "spokesperson", "White House", "2024-08-14T09:00:00"),
     "Paul Crane", True, "spokesperson, White House", "2024-08-14"),
    (record(source="officials", organisation="Pentagon", date="2024-08-14"), "officials", True, "Pentagon",
     "2024-08-14"),
    (record("Marta Kovalenko", "Kovalenko", "spokeswoman for the Ministry of Energy", "Ministry of Energy"),
     "Marta Kovalenko", True, "spokeswoman for the Ministry of Energy", ""),  # the organisation once
    (record(), UNKNOWN_SPEAKER, False, "", ""),
])
def test_records_who_said_it(rec: StatementRecord, who: str, known: bool, role_label: str, day: str) -> None:
    assert (rec.who, rec.known, rec.role_label, rec.day) == (who, known, role_label, day)


def test_records_are_frozen_and_their_json_form_is_plain() -> None:
    rec = record("Paul Crane")
    with pytest.raises(dataclasses.FrozenInstanceError):
        rec.kind = "indirect"  # type: ignore[misc]
    page = Page((rec,), total=7, limit=1, offset=2, total_exact=False)
    plain = json.loads(json.dumps(page.to_dict()))
    assert {k: v for k, v in plain.items() if k != "items"} == {"total": 7, "limit": 1, "offset": 2,
                                                                 "total_exact": False}
    (item,) = plain["items"]
    assert item["speaker"] == {"id": 12, "name": "Paul Crane", "kind": "person"}
    assert item["spans"] == {"sources": [{"start": 0, "end": 2}], "cue": {"start": 3, "end": 7},
                             "contents": [{"start": 9, "end": 16}]}
    assert set(item) == {f.name for f in dataclasses.fields(StatementRecord)}


def test_records_an_analysed_article_has_the_stored_shape() -> None:
    text = "Talks\nPaul Crane said that nothing changed. Rates hold, officials said."
    crane, officials = text.index("Paul Crane"), text.index("officials")
    first = Statement(sources=[Span(crane, crane + 10)], cue=Span(crane + 11, crane + 15),
                      contents=[Span(crane + 21, crane + 36)], kind="indirect",
                      speaker=Speaker("Paul Crane", "person", "spokesperson", "White House"))
    second = Statement(sources=[Span(officials, officials + 9)], cue=None,
                       contents=[Span(text.index("Rates"), text.index("Rates") + 10)], kind="mixed")
    article = Article(text, "en", {"title": "Talks", "authors": ["A. Writer"], "analysed": True},
                      [Block(0, 5, "title"), Block(6, len(text), "body")], [first, second])
    view = ArticleRecord.from_article(article)
    assert (view.id, view.title, view.authors, view.language, view.analysed) == (None, "Talks", ("A. Writer",),
                                                                                  "en", True)
    assert view.blocks == (BlockRecord(0, 5, "title"), BlockRecord(6, len(text), "body"))
    one, two = view.statements
    assert (one.id, one.who, one.content, one.cue, one.role_label) == (
        0, "Paul Crane", "nothing changed", "said", "spokesperson, White House")
    assert one.speaker == SpeakerRef(None, "Paul Crane", "person")
    assert (two.id, two.who, two.cue, two.speaker, two.content) == (1, "officials", None, None, "Rates hold")
    json.dumps(view.to_dict())
