"""Corrections by hand: each kind of edit, undo, and surviving a re-analysis (a changed article saved
again), a rebuilt store with the log imported, and a ``load`` of batch partitions — on SQLite and
PostgreSQL (the ``store`` fixture)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from ontherecord.batch import Output, load_partitions
from ontherecord.batch.partition import PartitionWriter, ShardEntry
from ontherecord.errors import CorrectionError
from ontherecord.model import Article
from ontherecord.store import Store
from ontherecord.store.corrections import (
    add_correction,
    apply_corrections,
    export_corrections,
    import_corrections,
    list_corrections,
    undo_correction,
)

from .conftest import make_article, said

PEW = "Pew Research Center said that {} ."


def _corpus() -> list[Article]:
    """Five articles: Paul Crane (also as "Crane"), two names for one organisation, and Ann Lee."""
    crane = "Paul Crane said that taxes will fall. Later Crane said that prices will rise."
    return [
        make_article(crane, [dict(content="taxes will fall", source="Paul Crane", cue="said", speaker="Paul Crane",
                                  mentions=("Paul Crane",)),
                             dict(content="prices will rise", source="Crane", cue="said", speaker="Paul Crane",
                                  mentions=("Crane",))],
                     url="https://example.org/c1", url_key="example.org/c1", date="2026-03-01", outlet="Wire"),
        said("Pew Research Center", "most adults read news online", 2, date="2026-03-02", kind="organisation"),
        said("Pew Research", "news trust is falling", 3, date="2026-03-03", kind="organisation"),
        said("Ann Lee", "the bridge opens in May", 4, date="2026-03-04"),
        said("Ann Lee", "the bridge is safe", 5, date="2026-03-05"),
    ]


def _fill(store: Store, articles: list[Article] | None = None) -> None:
    store.save_articles(articles or _corpus())


def correct(store: Store, action: str, **args: Any) -> Any:
    with store.transaction("a correction") as conn:
        return add_correction(conn, action, args, author="tester")


def undo(store: Store, cid: int) -> Any:
    with store.transaction("an undo") as conn:
        return undo_correction(conn, cid, author="tester")


def state(store: Store) -> list[tuple[str, str | None, str | None]]:
    """Every statement as (content, speaker name, speaker kind), sorted: what a user sees."""
    return sorted((r.content, r.speaker.name if r.speaker else None, r.speaker.kind if r.speaker else None)
                  for r in store.iter_statements())


def listing(store: Store) -> dict[str, tuple[str, int]]:
    return {s.name: (s.kind, s.statement_count) for s in store.speakers(limit=100).items}


def sid_of(store: Store, content: str) -> int:
    return next(r.id for r in store.iter_statements() if r.content == content)


def _reanalysed(articles: list[Article]) -> list[Article]:
    """The same pages analysed again: each text gains a trailing line, so the store replaces every
    article (new statement ids) while the offsets of the statements stay where they were."""
    out = []
    for a in articles:
        out.append(Article(text=a.text + "\nUpdated.", language=a.language, meta=dict(a.meta), blocks=a.blocks,
                           statements=a.statements))
    return out


def test_corrections_merge_shows_one_speaker_everywhere_and_undo_restores(store: Store) -> None:
    _fill(store)
    before = state(store)
    rec = correct(store, "merge", keep="Pew Research Center", other="Pew Research")
    assert rec.author == "tester" and rec.created_at and rec.target["other"]["key"] == "pew research"
    names = listing(store)
    assert "Pew Research" not in names and names["Pew Research Center"] == ("organisation", 2)
    assert {r.speaker.name for r in store.search(speaker="Pew Research").items} == {"Pew Research Center"}
    assert "Pew Research" in store.speaker("Pew Research Center").aliases
    assert store.speaker("Pew Research").name == "Pew Research Center"  # the old name finds the merged entity
    hit = store.search("trust", speaker="Pew Research Center")  # the full-text index files it under the new id
    assert [r.content for r in hit.items] == ["news trust is falling"]
    undo(store, rec.id)
    assert state(store) == before
    assert listing(store)["Pew Research"] == ("organisation", 1)
    assert "Pew Research" not in store.speaker("Pew Research Center").aliases
    with store.reading() as conn:
        log = list_corrections(conn)
    assert [(c.action, c.undone_by, c.undoes) for c in log] == [("merge", log[1].id, None), ("undo", None, rec.id)]


def test_corrections_split_an_alias_off(store: Store) -> None:
    _fill(store)
    assert listing(store)["Paul Crane"] == ("person", 2)
    rec = correct(store, "split", speaker="Paul Crane", alias="Crane")
    assert listing(store)["Paul Crane"] == ("person", 1) and listing(store)["Crane"] == ("person", 1)
    assert ("prices will rise", "Crane", "person") in state(store)
    assert "Crane" not in store.speaker("Paul Crane").aliases
    with pytest.raises(CorrectionError, match="no alias"):
        correct(store, "split", speaker="Paul Crane", alias="Nobody")
    undo(store, rec.id)
    assert listing(store)["Paul Crane"] == ("person", 2) and "Crane" not in listing(store)
    assert "Crane" in store.speaker("Paul Crane").aliases


def test_corrections_rename_and_retype(store: Store) -> None:
    _fill(store)
    before = state(store)
    ren = correct(store, "rename", speaker="Pew Research", name="Pew Research Center analysis team")
    ret = correct(store, "retype", speaker="Pew Research Center", kind="document")
    assert listing(store)["Pew Research Center analysis team"] == ("organisation", 1)
    assert "Pew Research Center" not in listing(store)  # a document is a source, not in the speaker index
    retyped = store.speaker("Pew Research Center")
    assert (retyped.kind, retyped.statement_count) == ("document", 1)
    assert store.speaker("Pew Research").name == "Pew Research Center analysis team"  # old name is an alias
    undo(store, ret.id)
    undo(store, ren.id)
    assert state(store) == before


def test_corrections_reassign_and_reject_one_statement(store: Store) -> None:
    _fill(store)
    before = state(store)
    moved = correct(store, "reassign", statement=sid_of(store, "the bridge is safe"), speaker="Paul Crane")
    assert ("the bridge is safe", "Paul Crane", "person") in state(store)
    assert listing(store)["Ann Lee"] == ("person", 1) and listing(store)["Paul Crane"] == ("person", 3)
    gone = correct(store, "reject", statement=sid_of(store, "most adults read news online"))
    assert "most adults read news online" not in [c for c, _, _ in state(store)]
    assert store.search("adults").total == 0 and "Pew Research Center" not in listing(store)
    out = io.BytesIO()
    store.export("jsonl", out)
    assert b"most adults" not in out.getvalue() and out.getvalue().count(b"\n") == len(before) - 1
    assert all(s.content != "most adults read news online"
               for s in store.article(store.search().items[0].article_id).statements)
    undo(store, gone.id)
    undo(store, moved.id)
    assert state(store) == before
    assert store.search("adults").total == 1 and listing(store)["Pew Research Center"] == ("organisation", 1)


def test_corrections_undo_refuses_while_a_later_one_depends_on_it(store: Store) -> None:
    _fill(store)
    ren = correct(store, "rename", speaker="Ann Lee", name="Ann B. Lee")
    correct(store, "merge", keep="Paul Crane", other="Ann B. Lee")
    with pytest.raises(CorrectionError, match="undo it first"):
        undo(store, ren.id)


def _all_kinds(store: Store) -> None:
    correct(store, "merge", keep="Pew Research Center", other="Pew Research")
    correct(store, "split", speaker="Paul Crane", alias="Crane")
    correct(store, "rename", speaker="Ann Lee", name="Ann B. Lee")
    correct(store, "retype", speaker="Pew Research Center", kind="group")
    correct(store, "reassign", statement=sid_of(store, "the bridge is safe"), speaker="Paul Crane")
    correct(store, "reject", statement=sid_of(store, "taxes will fall"))


def test_corrections_survive_a_reanalysis_of_the_same_pages(store: Store) -> None:
    _fill(store)
    _all_kinds(store)
    corrected = state(store)
    counts = listing(store)
    results = store.save_articles(_reanalysed(_corpus()))
    assert {r.status for r in results} == {"replaced"}
    assert state(store) == corrected and listing(store) == counts
    with store.transaction("replay") as conn:  # idempotent: nothing left to change
        again = apply_corrections(conn)
    assert (again.moved, again.rejected) == (0, 0) and state(store) == corrected


def test_corrections_exported_and_imported_into_a_rebuilt_store(store: Store, tmp_path: Path) -> None:
    from ontherecord.store import open_store

    _fill(store)
    _all_kinds(store)
    with store.reading() as conn:
        rename = list_corrections(conn)[2]
    undo(store, rename.id)  # the log keeps an undo too
    with store.reading() as conn:
        log = json.loads(json.dumps(export_corrections(conn)))
    other = open_store(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        other.save_articles(_corpus())
        with other.transaction("import") as conn:
            assert import_corrections(conn, log) == len(log)
        with other.transaction("import") as conn:
            assert import_corrections(conn, log) == 0  # importing twice adds nothing
        assert state(other) == state(store) and listing(other) == listing(store)
        broken = [{**log[0], "id": 99, "created_at": "2026-01-01", "target": {"keep": {"name": "x"}}}]
        with pytest.raises(CorrectionError, match="correction 1: a merge needs keep, other"):
            with other.transaction("import") as conn:
                import_corrections(conn, broken)
    finally:
        other.close()


def test_corrections_survive_a_load_of_batch_partitions(store: Store, tmp_path: Path) -> None:
    _fill(store)
    _all_kinds(store)
    corrected = state(store)
    output = Output(str(tmp_path / "run"))
    output.prepare()
    writer = PartitionWriter(output, "s1")
    articles = _reanalysed(_corpus())
    for a in articles:
        writer.add(a)
    writer.commit()
    n = sum(len(a.statements) for a in articles)
    output.commit(ShardEntry("s1", "pages", "pages", ("pages",), 0, len(articles), len(articles), n))
    summary = load_partitions(str(tmp_path / "run"), store)
    assert summary.replaced == len(articles)
    assert state(store) == corrected
    assert "Pew Research" not in listing(store) and "Ann B. Lee" in listing(store)
