"""Ukrainian national romanisation (Cabinet of Ministers resolution No. 55, 2010): ``Зеленський`` →
``Zelenskyi``, ``Юлія`` → ``Yuliia``."""

from __future__ import annotations

from ..base import Romanisation

ROMANISATION = Romanisation(
    table={
        "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z",
        "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
        "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
        "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "ʼ": "", "'": "", "’": "",
    },
    initial={"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"},
    after={("з", "г"): "gh"},  # зг → zgh, so it is not read as zh
)
