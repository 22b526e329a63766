"""Which language an article is written in, by the function words of each language's data folder."""

from __future__ import annotations

import re

from kg.extract.cues import load_cues
from kg.extract.normal import norm

# function words of languages without a data folder: a text full of them is in none of ours
_OTHER = {"le", "la", "les", "et", "est", "une", "des", "du", "pour", "avec", "dans", "il", "elle", "sur", "el", "los",
          "las", "y", "es", "con", "para", "por", "il", "di", "che", "della", "per", "non", "sono", "het", "een", "van", "og",
          "och", "jest", "nie", "na", "się", "że", "и", "в", "на", "не", "что"}


def language_of(text: str) -> str | None:
    """The language whose function words (``lang/<language>/language.yaml``) the first 20,000 characters use most, or None.

    >>> language_of("Le président est arrivé à Pékin pour une visite d'État de trois jours avec sa délégation.")
    >>> language_of("Der Präsident ist in Peking eingetroffen und wird dort mit dem Staatschef sprechen.")
    'de'
    """
    words = re.findall(r"\w+", text[:20000].lower())
    if not words:
        return None
    cues = load_cues()
    normed = [norm(w) for w in words]
    counts = {lang: sum(w in fw for w in normed) for lang in cues.languages if (fw := cues.words_of(lang, "function_word"))}
    if not counts:
        return None
    best = max(counts, key=counts.get)  # the first language folder wins a tie
    other = sum(w in _OTHER for w in words)
    if other > counts[best] and other >= 3:
        return None
    # density only says something on longer texts: a one-line German report has few function words
    if len(words) >= 120 and counts[best] < 0.05 * len(words):
        return None
    return best
