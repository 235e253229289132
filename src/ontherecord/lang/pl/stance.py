"""Polish words the position features read (negation, modality, markers, stopwords)."""

from __future__ import annotations

from ..base import StanceWords

STANCE = StanceWords(
    negation=("nie", "nigdy", "żaden", "żadna", "żadne", "żadnych", "odmawia*", "odmówi*"),
    negation_phrases=("nie planuje", "wyklucza", "wykluczył", "wykluczyła"),
    not_ruled_out=("nie wyklucza*",),
    status_quo=("pozostaje", "pozostają", "pozostanie", "bez zmian", "niezmienn*"),
    strong=("będzie", "będziemy", "będą", "na pewno", "zdecydowanie", "gwarantuj*"),
    hedge=("może", "mogą", "być może", "możliwe", "rozważa*", "prawdopodobnie", "jeśli", "jeżeli", "częściowo"),
    change_markers=("zmienił zdanie", "zmieniła zdanie", "zmienił stanowisko", "zmieniła stanowisko", "już nie",
                    "wcześniej mówił", "wcześniej mówiła", "wbrew"),
    constancy_markers=("nie zmieniło się", "potwierdził", "potwierdziła", "ponownie", "znowu", "nadal", "jak wcześniej"),
    restrictors=("tylko", "jedynie", "oprócz", "stopniowo", "częściowo", "około", "co najmniej", "jeśli"),
    #: (the lists are merged across languages: no word spelled as an English content word, "ten", "ale")
    stopwords=frozenset("""i a lub albo czy że jak to ta te w we na z ze do od po za dla o przy nad
        nie my wy on ona oni ja ty jego jej ich nasz nasza nasze wasz będzie będziemy będą był była byli jest
        są być także również już jeszcze tylko bardzo tak dlatego który która które kiedy gdzie dlaczego
        powiedział powiedziała stwierdził stwierdziła dodał dodała mówi się""".split()),
)
