"""What a given name says about gender, so "he" never lands on "Lena Ruiz".

A pronoun goes back to the nearest fitting person; when the article itself says nothing about a
person's gender ("Mrs.", "spokeswoman", "she said"), the given name is the remaining evidence.
Only names the ``gender-guesser`` table marks as clearly one gender count ("Lena", "Marek");
"mostly", androgynous and unknown names ("Kim", "Feng", initials) decide nothing.
"""

from __future__ import annotations

import gender_guesser.detector as _detector

_CLEAR = {"female": "f", "male": "m"}


class GivenNames:
    """The name table, loaded once per resolver stage (about 0.4 s), never per article."""

    def __init__(self) -> None:
        self._detector = _detector.Detector(case_sensitive=False)

    def gender(self, full_name: str) -> str | None:
        """``"f"``/``"m"`` for a full name whose given name is clearly one gender, else ``None``."""
        words = full_name.split()
        if len(words) < 2 or not words[0].isalpha():
            return None
        return _CLEAR.get(self._detector.get_gender(words[0]))
