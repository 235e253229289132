"""Russian romanisation, BGN/PCGN: ``Песков`` → ``Peskov``, ``Юрий`` → ``Yuriy``."""

from __future__ import annotations

from ..base import Romanisation

ROMANISATION = Romanisation(
    table={
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "ye", "ж": "zh", "з": "z", "и": "i",
        "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y",
        "ь": "", "э": "e", "ю": "yu", "я": "ya",
    },
    initial={"е": "ye", "ё": "ye"},
)
