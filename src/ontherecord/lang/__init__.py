"""Languages as packages: ``ontherecord.lang.xx`` holds all of language ``xx``'s data.

Each package registers one :class:`Language` (cue lexicon, titles, furniture, function and stance
words, declension, romanisation, default stages); the shared stages read it through :mod:`.registry`.
"""

from .base import Declension, FurnitureWords, Language, Lexicon, Romanisation, StanceWords
from .registry import all_languages, declension_of, find_language, get_language, language_codes, register_language

__all__ = ["Declension", "FurnitureWords", "Language", "Lexicon", "Romanisation", "StanceWords", "all_languages",
           "declension_of", "find_language", "get_language", "language_codes", "register_language"]
