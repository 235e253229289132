"""Polish page furniture: captions, bylines, datelines, promo lines, month names."""

from __future__ import annotations

from ..base import FurnitureWords

FURNITURE = FurnitureWords(
    byline="Autor(?:ka|zy)?|Tekst",
    dateline="Opublikowano|Aktualizacja|Data publikacji|Data",
    caption="Fot\\.|Foto|Zdjęcie|Wideo|Ilustracja",
    promo="Czytaj też|Czytaj także|Zobacz też|Zobacz także|Czytaj więcej|Źródło|Reklama|Subskrybuj",
    trailing="Czytaj też|Czytaj także|Czytaj więcej|Więcej informacji",
    months=("stycznia styczeń", "lutego luty", "marca marzec", "kwietnia kwiecień", "maja maj", "czerwca czerwiec",
            "lipca lipiec", "sierpnia sierpień", "września wrzesień", "października październik",
            "listopada listopad", "grudnia grudzień"),
)
