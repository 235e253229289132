"""English titles before a name: "Premier Li", "Mr. Li" and "Li" name the same person."""

from __future__ import annotations

#: Titles and descriptions that may stand before a person's name.
TITLES: frozenset[str] = frozenset("""
    mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend hon
    president vice premier prime minister secretary senator sen rep representative congressman
    congresswoman governor gov mayor chancellor speaker judge justice ambassador commissioner deputy
    state foreign defence defense chairman chairwoman chair director commander general gen colonel col
    lieutenant lt captain capt admiral adm sergeant sgt king queen prince princess pope sheikh
    spokesman spokeswoman spokesperson official candidate adviser advisor diplomat leader coordinator
    head chief lawmaker politician ceo founder analyst expert economist
""".split())

#: Courtesy titles that say nothing about a role ("Mr. Kirby" has no role "Mr.").
HONORIFICS: frozenset[str] = frozenset("mr mrs ms dr prof".split())

#: Words that may join titles before a name ("Secretary of State Antony Blinken").
FILLERS: frozenset[str] = frozenset({"of", "the", "for"})
