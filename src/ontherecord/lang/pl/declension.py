"""Polish names after "według"/"zdaniem" (genitive) back in the nominative: a few first names in every
case and the adjectival surnames ("Kowalskiego" → "Kowalski", "Zielińskiej" → "Zielińska")."""

from __future__ import annotations

from ..base import Declension

_MALE = "Jan Piotr Tomasz Andrzej Krzysztof Paweł Michał Marek Adam Stanisław"
_FEMALE = "Anna Ewa Katarzyna Agnieszka Maria Małgorzata Joanna Barbara Magdalena Monika"


def _male(name: str) -> set[str]:
    stem = name[:-2] + name[-1] if name.endswith("ek") else name  # Marek → Marka
    soft = stem + "i" if stem.endswith(("k", "g")) else stem  # Markiem, not Markem
    return {name, stem + "a", stem + "owi", soft + "em", stem + "u"}


def _female(name: str) -> set[str]:
    stem = name[:-1]
    genitive = stem + ("i" if stem.endswith(("k", "g", "j")) else "y")  # Agnieszki, Anny
    dative = stem[:-1] + "ce" if stem.endswith("k") else stem + "ie"  # Agnieszce, Annie
    return {name, genitive, dative, stem + "ę", stem + "ą"}


FIRST_NAMES = {
    **{form.lower(): (name, "f") for name in _FEMALE.split() for form in _female(name)},
    **{form.lower(): (name, "m") for name in _MALE.split() for form in _male(name)},
}

DECLENSION = Declension(
    surname_endings=(("skiego", "ski"), ("skiemu", "ski"), ("ckiego", "cki"), ("ckiemu", "cki"), ("skiej", "ska"),
                     ("ckiej", "cka"), ("ską", "ska"), ("cką", "cka")),
    first_names=FIRST_NAMES,
)
