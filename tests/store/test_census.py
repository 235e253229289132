"""The store census: per speaker kind, statements with no speaker, a pronoun-only source, a non-agent
speaker or a mistyped document, and the groups of names that look like one entity (SQLite and
PostgreSQL)."""

from __future__ import annotations

import json

import pytest

from click.testing import CliRunner

from ontherecord.store import Store
from ontherecord.store.census import store_census

from .conftest import make_article, said


def _fill(store: Store) -> None:
    n = 0
    for name, kind in [("Henry Bambang Soelistyo", "person"), ("Bambang Soelistyo", "person"), ("Soelistyo", "person"),
                       ("James Hall", "person"), ("Ellie Hall", "person"), ("Pew Research", "organisation"),
                       ("new Pew Research Center analysis", "unknown"), ("Blackberry", "person"),
                       ("BlackBerry Limited (NASDAQ:BBRY)", "organisation"), ("мерії", "organisation"),
                       ("мэрии", "organisation"), ("camera", "unknown"), ("no one", "unknown"),
                       ("report", "unknown"), ("new report", "document"), ("officials", "unnamed")]:
        n += 1
        store.save_article(said(name, f"the plan number {n} would work", n, date="2026-05-01", kind=kind))
    text = "They said the road was closed. I think the bridge will open."
    store.save_article(make_article(text, [dict(content="the road was closed", source="They", cue="said"),
                                           dict(content="the bridge will open", source="I", cue="think")],
                                    url="https://example.org/p", url_key="example.org/p", date="2026-05-02"))


def test_census_counts_per_kind_and_groups_look_alike_names(store: Store) -> None:
    _fill(store)
    result = store_census(store)
    kinds = {k.kind: k for k in result.kinds}
    assert result.statements == 18
    assert kinds["(none)"].no_speaker == 2 and kinds["(none)"].pronoun_only == 2
    assert kinds["unknown"].non_agent == 2 and kinds["unknown"].mistyped_document == 1
    assert kinds["document"].mistyped_document == 0 and kinds["unnamed"].non_agent == 0
    groups = {frozenset(m.name for m in g) for g in result.name_groups}
    # the store itself files "Bambang Soelistyo" under the one fuller name, and the outlet's bare surname joins it
    assert not any("Soelistyo" in name for g in groups for name in g)
    assert [sp.statement_count for sp in store.speakers(limit=50).items if sp.name == "Henry Bambang Soelistyo"] == [3]
    assert frozenset({"Pew Research", "new Pew Research Center analysis"}) in groups
    assert frozenset({"Blackberry", "BlackBerry Limited (NASDAQ:BBRY)"}) in groups
    assert frozenset({"мерії", "мэрии"}) in groups
    assert not any({"James Hall", "Ellie Hall"} <= g for g in groups)  # one surname, two people
    assert not result.clean
    assert {"They", "I"} <= {t for t, _ in result.pronoun_sources}
    assert ("camera", "thing", 1) in result.non_agents and ("no one", "nobody", 1) in result.non_agents


def test_an_honest_store_is_clean(store: Store) -> None:
    store.save_article(said("Marta Kovalenko", "the grid would hold", 1, date="2026-05-01"))
    store.save_article(said("Ministry of Energy", "no outages are planned", 2, date="2026-05-01", kind="organisation"))
    result = store_census(store)
    assert result.clean and result.to_dict()["clean"] is True and not result.name_groups


def test_census_command_prints_the_table_and_json(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ontherecord.cli import main
    from ontherecord.store import open_store

    url = f"sqlite:///{tmp_path / 'c.db'}"
    with open_store(url) as store:
        _fill(store)
    runner = CliRunner()
    text = runner.invoke(main, ["census", "--db", url])
    assert text.exit_code == 0, text.output
    assert "pronoun_only" in text.output and "Pew Research" in text.output
    out = runner.invoke(main, ["census", "--db", url, "--json"])
    data = json.loads(out.output)
    assert data["statements"] == 18 and data["clean"] is False
    missing = runner.invoke(main, ["census", "--db", f"sqlite:///{tmp_path / 'none.db'}"])
    assert missing.exit_code != 0 and "none.db" in missing.output


def test_unnamed_sources_and_documents_stay_out_of_the_speaker_index(store: Store) -> None:
    store.save_article(said("Marta Kovalenko", "the grid would hold", 1, date="2026-05-01"))
    store.save_article(said("officials", "the road would reopen", 2, date="2026-05-01", kind="unnamed"))
    store.save_article(said("new report", "the lake is shrinking", 3, date="2026-05-01", kind="document"))
    assert [s.name for s in store.speakers().items] == ["Marta Kovalenko"]
    assert store.search(speaker="officials").items  # still each statement's source


#: speaker name, its stored kind, the statement's kind → (column, reason) the census flags, or None
UNTYPED = [
    ("Taliban onslaught", "unknown", "indirect", ("non_agent", "thing")),
    ("Best in Show", "unknown", "headline", ("non_agent", "headline pattern")),
    ("Left-arm fast bowler", "unknown", "indirect", ("mistyped", "description stored as unknown")),
    ("article on Sitepoint", "unknown", "indirect", ("mistyped", "document stored as unknown")),
    ("wife, Angelina", "unknown", "indirect", ("mistyped", "appositive stored as unknown")),
    ("Vodafone, the telecommunications giant", "organisation", "indirect",
     ("mistyped", "appositive stored as organisation")),
    ("Left-arm fast bowler", "unnamed", "indirect", None),
    ("Ilona Maher", "unknown", "indirect", None),
    ("Marta Kovalenko", "person", "headline", None),
]


@pytest.mark.parametrize(("name", "kind", "statement_kind", "flag"), UNTYPED, ids=[f"{r[0]}/{r[1]}" for r in UNTYPED])
def test_census_flags_untyped_and_mistyped_speakers(store: Store, name: str, kind: str, statement_kind: str,
                                                    flag: tuple[str, str] | None) -> None:
    store.save_article(said(name, "the plan would work", 1, date="2026-05-01", kind=kind,
                            statement_kind=statement_kind))
    result = store_census(store)
    counts = {k.kind: k for k in result.kinds}[kind]
    if flag is None:
        assert counts.non_agent == counts.mistyped == 0 and result.clean
        return
    column, reason = flag
    assert getattr(counts, column) == 1 and not result.clean
    assert (name, reason, 1) in result.non_agents
