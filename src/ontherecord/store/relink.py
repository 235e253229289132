"""Speakers as a function of the set of stored articles, not of their arrival order.

**Bare surnames across an outlet.**  A bare surname its article does not resolve ("Obama", with no full
name in that article) belongs to the one person of that surname the same outlet quotes by full name
("Barack Obama"); with none, or two, it stays a speaker of its own scoped to its article.  The statement
keeps its surname (``statements.bare_surname``), so each save re-decides every such statement of the
outlets and surnames it touched: an "Obama" stored before "Barack Obama" arrives joins him then (the
entity is renamed and merged), and a second full name with that surname splits them again.

**Canonical names.**  A speaker's name is chosen from its aliases whose key is the speaker's own key
(the same name up to case, diacritics and leading titles) or cross-script key ("Джон Кірбі"): not all
capitals, Latin script, the Cyrillic spelling of the language most of the speaker's statements are in,
fewest words (no title), most diacritics, then alphabetical — the same name
whichever article came first.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.engine import Connection

from ..lang import all_languages
from ..translit import is_cyrillic, script_key
from . import schema as s
from .multilingual import has_script_key
from .sql import chunks, insert_ignore
from .text import name_key, search_document, speaker_token

#: ``(outlet id, surname)``: a group of statements whose speakers one save may have changed.
Group = tuple[int, str]


def _full_names(conn: Connection, outlet_id: int, surname: str) -> list[int]:
    """Persons quoted by full name in the outlet whose name ends with ``surname``."""
    sp, st = s.speakers, s.statements
    like = "% " + surname.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    # whether the outlet quotes each one by full name: the first such statement answers (not all of them)
    quoted = (select(st.c.id).where(st.c.speaker_id == sp.c.id, st.c.outlet_id == outlet_id,
                                    st.c.bare_surname.is_(None)).exists())
    rows = conn.execute(
        select(sp.c.id).where(sp.c.kind == "person", sp.c.name_key.like(like, escape="\\"),
                              sp.c.name_key.not_like("% @%"), quoted))
    return sorted(int(r.id) for r in rows)


def _scoped_speaker(conn: Connection, surname: str, scope: str, name: str) -> int:
    """The id of the article-scoped speaker ``surname @scope``, created when missing."""
    sp = s.speakers
    key = f"{surname} @{scope}"
    conn.execute(insert_ignore(conn, sp), [{"name": name, "kind": "person", "name_key": key, "statement_count": 0}])
    sid = int(conn.execute(select(sp.c.id).where(sp.c.kind == "person", sp.c.name_key == key)).scalar_one())
    conn.execute(insert_ignore(conn, s.aliases), [{"speaker_id": sid, "alias": name, "alias_key": surname}])
    return sid


def relink(conn: Connection, groups: Iterable[Group]) -> tuple[set[int], set[int]]:
    """Re-decide the speaker of every bare-surname statement of ``groups``; returns the articles whose
    statements moved and the speakers that lost or gained statements."""
    st = s.statements
    moved_articles: set[int] = set()
    touched: set[int] = set()
    bare = _bare_statements(conn, set(groups))
    for outlet_id, surname in sorted(bare):
        rows = bare[(outlet_id, surname)]
        full = _full_names(conn, outlet_id, surname)
        moves: dict[int, list[int]] = defaultdict(list)  # target speaker -> statements
        for r in rows:
            if len(full) == 1:
                target = full[0]
            elif r.name_key == f"{surname} @{r.url_key or r.content_hash}":
                target = int(r.speaker_id)  # stays where it is
            else:
                target = _scoped_speaker(conn, surname, r.url_key or r.content_hash, _display(conn, r.speaker_id, surname))
            if target != r.speaker_id:
                moves[target].append(int(r.id))
                touched |= {target, int(r.speaker_id)}
                moved_articles.add(int(r.article_id))
        for target, ids in sorted(moves.items()):
            for chunk in chunks(ids):
                olds = {int(x) for x in conn.execute(select(st.c.speaker_id).distinct()
                                                     .where(st.c.id.in_(chunk))).scalars()}
                _move_aliases(conn, olds, target, surname, unlink=len(full) != 1)
                conn.execute(update(st).where(st.c.id.in_(chunk)).values(speaker_id=target))
                _reindex(conn, list(chunk))
    if touched:
        recount(conn, touched)
        _drop_empty_scoped(conn, touched)
    return moved_articles, touched


def _bare_statements(conn: Connection, groups: set[Group]) -> dict[Group, list[Any]]:
    """The bare-surname statements of ``groups`` (with their article's keys and speaker's key), in id order.

    Read for all groups at once through the partial index, a few queries per save rather than one per
    ``(outlet, surname)`` a save touches: most groups have none (every full name saved makes one).
    """
    st, a, sp = s.statements, s.articles, s.speakers
    out: dict[Group, list[Any]] = defaultdict(list)
    outlets = sorted({o for o, _ in groups})
    surnames = sorted({n for _, n in groups})
    for outlet_chunk in chunks(outlets):
        for surname_chunk in chunks(surnames):
            rows = conn.execute(select(st.c.id, st.c.article_id, st.c.speaker_id, st.c.outlet_id, st.c.bare_surname,
                                       a.c.url_key, a.c.content_hash, sp.c.name_key)
                                .join(a, a.c.id == st.c.article_id).join(sp, sp.c.id == st.c.speaker_id)
                                .where(st.c.bare_surname.is_not(None),  # the partial index's own condition
                                       st.c.outlet_id.in_(outlet_chunk), st.c.bare_surname.in_(surname_chunk)))
            for r in rows:
                if (r.outlet_id, r.bare_surname) in groups:
                    out[(int(r.outlet_id), str(r.bare_surname))].append(r)
    return {g: sorted(rows, key=lambda r: int(r.id)) for g, rows in out.items()}


def _display(conn: Connection, speaker_id: int, surname: str) -> str:
    """How the surname was written (an alias of the current speaker made of it alone), else capitalised."""
    for alias in conn.execute(select(s.aliases.c.alias).where(s.aliases.c.speaker_id == speaker_id)
                              .order_by(s.aliases.c.alias)).scalars():
        if name_key(alias) == surname:
            return str(alias)
    return surname.title()


def _move_aliases(conn: Connection, sources: set[int], target: int, surname: str, unlink: bool) -> None:
    """The surname's spellings ("Obama", "Mr. Obama") go with the statements; when they leave a full name
    (a second person of that surname appeared) they leave its aliases too, as if never linked."""
    al = s.aliases
    rows = [r for r in conn.execute(select(al.c.id, al.c.alias, al.c.alias_key).where(al.c.speaker_id.in_(sorted(sources))))
            if name_key(r.alias) == surname]
    if rows:
        conn.execute(insert_ignore(conn, al),
                     [{"speaker_id": target, "alias": r.alias, "alias_key": r.alias_key} for r in rows])
        if unlink:
            for chunk in chunks([int(r.id) for r in rows]):
                conn.execute(delete(al).where(al.c.id.in_(chunk)))


def _reindex(conn: Connection, statement_ids: list[int]) -> None:
    """File moved statements under their new speaker in the full-text index."""
    st = s.statements
    rows = conn.execute(select(st.c.id, st.c.content, st.c.speaker_id).where(st.c.id.in_(statement_ids))).all()
    index_statements(conn, [(int(r.id), r.content, r.speaker_id) for r in rows], replace=True)


def index_statements(conn: Connection, rows: list[tuple[int, str, int | None]], replace: bool = False) -> None:
    """Add ``(statement id, content, speaker id)`` rows to the full-text index (``replace``: drop theirs first)."""
    if not rows:
        return
    docs: list[dict[str, Any]] = [{"id": i, "doc": search_document(content), "who": speaker_token(sid)}
                                  for i, content, sid in rows]
    sqlite = conn.dialect.name == "sqlite"
    if replace:
        ids = [d["id"] for d in docs]
        column = "rowid" if sqlite else "statement_id"
        for chunk in chunks(ids):
            conn.execute(text(f"DELETE FROM statement_fts WHERE {column} IN ({','.join(str(int(i)) for i in chunk)})"))
    if sqlite:
        conn.execute(text("INSERT INTO statement_fts (rowid, document, who) VALUES (:id, :doc, :who)"), docs)
    else:
        conn.execute(text("INSERT INTO statement_fts (statement_id, tsv) VALUES (:id, "
                          "setweight(to_tsvector('simple', :doc), 'A') || "
                          "setweight(to_tsvector('simple', :who), 'D'))"), docs)


def recount(conn: Connection, speaker_ids: Iterable[int]) -> None:
    """Recount ``statement_count/first_day/last_day`` of these speakers from their statements."""
    sp, st = s.speakers, s.statements
    for sid in sorted(set(speaker_ids)):
        count, lo, hi = conn.execute(select(func.count(), func.min(st.c.day), func.max(st.c.day))
                                     .where(st.c.speaker_id == sid)).one()
        conn.execute(update(sp).where(sp.c.id == sid).values(statement_count=count, first_day=lo, last_day=hi))


def _drop_empty_scoped(conn: Connection, speaker_ids: set[int]) -> None:
    """Article-scoped speakers left without statements are gone (their aliases live on where they went)."""
    sp = s.speakers
    ids = sorted(speaker_ids)
    for chunk in chunks(ids):
        empty = [int(x) for x in conn.execute(select(sp.c.id).where(sp.c.id.in_(chunk), sp.c.statement_count == 0,
                                                                   sp.c.name_key.like("% @%"))).scalars()]
        if empty:
            conn.execute(delete(s.aliases).where(s.aliases.c.speaker_id.in_(empty)))
            conn.execute(delete(s.position_topics).where(s.position_topics.c.speaker_id.in_(empty)))
            conn.execute(delete(s.position_statements).where(s.position_statements.c.speaker_id.in_(empty)))
            conn.execute(delete(sp).where(sp.c.id.in_(empty)))


#: Letters only one language of a script writes (its package's ``distinctive_letters``): a spelling with
#: them belongs to that language.
SCRIPT_LETTERS: dict[str, frozenset[str]] = {lang.code: lang.distinctive_letters for lang in all_languages()
                                             if lang.distinctive_letters}


def _spelling_language(name: str) -> str | None:
    return next((lang for lang, letters in SCRIPT_LETTERS.items() if letters & set(name)), None)


def canonical_name(key: str, aliases: Iterable[str], script: str | None = None,
                   languages: dict[str, int] | None = None) -> str | None:
    """The name a speaker with ``key`` (and cross-script key ``script``) shows, from its aliases of that
    same key or cross-script key (``None``: none fits).  Between two Cyrillic spellings, the one of the
    language most of the speaker's statements are in wins ("Гребінь" for a Ukrainian mayor quoted mostly
    in Ukrainian, though the Russian edition writes "Гребинь"): ``languages`` counts them per language."""
    base = key.split(" @")[0]
    fits = [a for a in aliases if name_key(a) == base or (script is not None and script_key(a) == script)]
    if not fits:
        return None
    counts = languages or {}

    def rank(n: str) -> tuple[Any, ...]:
        spoken = counts.get(_spelling_language(n) or "", 0)
        return (n.isupper(), is_cyrillic(n), -spoken, len(n.split()), -sum(ord(c) > 127 for c in n), n)

    return min(fits, key=rank)


def rename(conn: Connection, speaker_ids: Iterable[int]) -> None:
    """Give each of these speakers its canonical name (see the module docstring)."""
    sp, al = s.speakers, s.aliases
    ids = sorted(set(speaker_ids))
    for chunk in chunks(ids):
        names: dict[int, list[str]] = defaultdict(list)
        for r in conn.execute(select(al.c.speaker_id, al.c.alias).where(al.c.speaker_id.in_(chunk))):
            names[int(r.speaker_id)].append(str(r.alias))
        scripts = has_script_key(conn)
        cols = (sp.c.id, sp.c.name, sp.c.name_key, *([sp.c.script_key] if scripts else []))
        current = conn.execute(select(*cols).where(sp.c.id.in_(chunk))).all()
        languages: dict[int, dict[str, int]] = defaultdict(dict)
        st, ar = s.statements, s.articles
        # the languages only rank spellings written in one Cyrillic language: counting a speaker's
        # statements (thousands for the most quoted) is left to the few that have such a spelling
        counted = [int(r.id) for r in current
                   if any(_spelling_language(n) for n in [*names.get(int(r.id), []), r.name])]
        if counted:
            for r in conn.execute(select(st.c.speaker_id, ar.c.language, func.count())
                                  .join(ar, ar.c.id == st.c.article_id).where(st.c.speaker_id.in_(counted))
                                  .group_by(st.c.speaker_id, ar.c.language)):
                languages[int(r[0])][str(r[1] or "")] = int(r[2])
        changes = []
        for r in current:
            best = canonical_name(r.name_key, [*names.get(int(r.id), []), r.name], r.script_key if scripts else None,
                                  languages.get(int(r.id)))
            if best is not None and best != r.name:
                changes.append({"sid": int(r.id), "n": best})
        for c in changes:
            conn.execute(update(sp).where(sp.c.id == c["sid"]).values(name=c["n"]))


def positions_invalidated(conn: Connection, speaker_ids: set[int]) -> list[int]:
    """Drop the topics of speakers whose statements moved (they are placed again, in time order, by the
    followers); returns the articles to queue for that."""
    if not speaker_ids:
        return []
    st, t = s.statements, s.position_topics
    ids = sorted(speaker_ids)
    articles: set[int] = set()
    for chunk in chunks(ids):
        conn.execute(delete(s.position_changes).where(s.position_changes.c.speaker_id.in_(chunk)))
        conn.execute(delete(s.position_statements).where(s.position_statements.c.speaker_id.in_(chunk)))
        conn.execute(delete(t).where(t.c.speaker_id.in_(chunk)))
        articles |= {int(x) for x in conn.execute(select(st.c.article_id).distinct()
                                                  .where(st.c.speaker_id.in_(chunk))).scalars()}
    return sorted(articles)
