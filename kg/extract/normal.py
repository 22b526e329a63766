"""Normal forms of words: the one spelling every lookup of the extractor compares.

Background names, cue words and article tokens all meet in this form (lower-case ASCII,
split on non-word characters), so "Pjöngjang" in a text finds "Pjongjang" in a list.

>>> norm_tokens("Kim Jong-un")
('kim', 'jong', 'un')
"""

from __future__ import annotations

import re

from unidecode import unidecode

TOKEN_RE = re.compile(r"\w+", re.UNICODE)
_NORM_CACHE: dict[str, str] = {}


def norm(word: str) -> str:
    """Lower-case ASCII form of one token ("Pjöngjang" -> "pjongjang")."""
    n = _NORM_CACHE.get(word)
    if n is None:
        n = unidecode(word).lower() if not word.isascii() else word.lower()
        if len(_NORM_CACHE) < 500_000:
            _NORM_CACHE[word] = n
    return n


def norm_tokens(text: str) -> tuple[str, ...]:
    return tuple(norm(m.group()) for m in TOKEN_RE.finditer(text))
