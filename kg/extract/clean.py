"""Web boilerplate: which lines of an article are not news text.

Nothing is deleted: the extractor gets character ranges to skip, so every offset still
indexes the original ``Article.text``. Related-article teasers are kept (they report real
visits); captions that only credit a picture, cookie banners, comment counters, share
buttons and markdown image links are skipped.

>>> text = "Kim reist nach China.\\nBild generiert von KI\\nKommentar (0)\\n"
>>> [text[s:e] for s, e in boilerplate_spans(text)]
['Bild generiert von KI', 'Kommentar (0)']
"""

from __future__ import annotations

import re

_LINE_PATTERNS = [
    r"(?:von ki berichtet\s*)?(?:bild|foto|image|photo)\s+(?:generiert|erstellt|generated|created)\s+(?:von|by|mit|with)\s+(?:ki|ai)",
    r"von ki berichtet",
    r"!\[.*\]\(.*\)",
    r"kommentare?\s*\(\d+\)|\d+\s+kommentare?|\d+\s+comments?|comments?\s*\(\d+\)",
    r"(?:•\s*)?(?:drucken|teilen|print|share|merken|mehr erfahren|read more|weiterlesen|quelle|source|anzeige|werbung|advertisement|verwandte artikel|related articles?|lesen sie (?:auch|mehr)(?: zu diesen themen)?:?|mehr zum thema:?|newsletter.*|ablehnen|akzeptieren|zustimmen|accept(?: all)?|reject(?: all)?)",
    r".*\b(?:cookies?|datenschutzrichtlinie|datenschutzerklärung|privacy policy)\b.*",
    r"(?:dieser|this) browser .*|bitte wechseln sie zu einem unterstützten browser.*|please (?:switch|upgrade) .*browser.*",
    r"\(?(?:apa|afp|dpa|reuters|ap)(?:/(?:apa|afp|dpa|reuters|ap|red))*\)?",
    r"porträt von .*|symbolbild:?.*",
    r"\s*",
]
_LINE_RE = re.compile(r"^\s*(?:" + "|".join(_LINE_PATTERNS) + r")\s*$", re.IGNORECASE)
_LINE_SPLIT = re.compile(r"[^\n]*")


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every boilerplate line (without its newline), in order."""
    spans = []
    for m in _LINE_SPLIT.finditer(text):
        line = m.group()
        if not line.strip():
            continue
        if len(line) < 400 and _LINE_RE.match(line):
            s, e = m.start(), m.end()
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            spans.append((s, e))
    return spans
