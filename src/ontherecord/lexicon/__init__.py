"""Word lists that more than one layer compares names against, one list per language.

Language-neutral home (it reads only the language packages, :mod:`ontherecord.lang`): the in-article
speaker resolver and the store's cross-article speaker key both read :mod:`.titles`, so they agree on
what a title is.
"""
