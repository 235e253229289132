"""Three short Polish news items (invented, for unit tests): one mayor reversing herself on a bridge."""

from __future__ import annotations

from pathlib import Path

STORIES = {
    "most-marzec.txt": """Most Dębnicki zostaje otwarty

Autor: Piotr Zieliński
Opublikowano: 10 marca 2026

Burmistrz Krakowa Anna Nowak powiedziała, że miasto nie zamknie mostu Dębnickiego w tym roku.

"Most Dębnicki pozostanie otwarty dla tramwajów i samochodów" - dodała Nowak.

Minister infrastruktury Jan Kowalski stwierdził, że rząd dofinansuje przegląd konstrukcji.

Czytaj też: Nowe linie tramwajowe w Krakowie
""",
    "most-wrzesien.txt": """Kraków zamknie most Dębnicki

Autor: Ewa Lis
Opublikowano: 22 września 2026

Burmistrz Krakowa Anna Nowak powiedziała, że miasto zamknie most Dębnicki w grudniu na trzy miesiące.

"Nie mamy innego wyjścia, konstrukcja jest w złym stanie" - dodała Nowak.
""",
    "pogoda.txt": """Ulewy nad Wisłą

Opublikowano: 23 września 2026

Rzecznik wojewody Marek Wójcik oświadczył, że służby są gotowe na ulewy nad Wisłą.
""",
}


def write_stories(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in STORIES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
