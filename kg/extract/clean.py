"""Web boilerplate: which lines of an article are not news text.

Nothing is deleted: the extractor gets character ranges to skip, so every offset still
indexes the original ``Article.text``. Related-article teasers are kept (they report real
visits); captions that only credit a picture, cookie banners, comment counters, share
buttons, markdown image links, image captions and photo credits are skipped (captions are never evidence).

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


# Captions and photo credits: a line labelled as a picture ("Foto: dpa", "[Image: ...]", "Photo caption: ..."),
# a line ending in a credit ("... Foto: dpa", "... (AP Photo/Lee Jin-man)", "... imago/ZUMA Press"), and the
# line right next to a credit-only line (the caption it credits, above or below it).
_PICTURE = r"(?:foto|fotos|photo|photos|photograph|bild|bilder|image|picture|bildergalerie|galerie|gallery|video|grafik|" \
           r"symbolbild|bildunterschrift|photo caption|caption|credit|bildquelle)"
_AGENCIES = r"(?:ap|afp|reuters|dpa|epa|kcna|xinhua|tass|yonhap|sputnik|anadolu|imago|getty images|picture alliance|pool|ria novosti)"
_LABELLED_RE = re.compile(r"^[\s\[*(_]*" + _PICTURE + r"\s*\]?\s*[:|]", re.IGNORECASE)
_CREDIT_END_RE = re.compile(
    r"(?:\b" + _PICTURE + r"\s*:\s*[^.!?:]{1,80}|\(\s*" + _AGENCIES + r"\s+photos?\b[^()]{0,80}\)|©[^.!?]{1,80}|"
    r"\b" + _AGENCIES + r"(?:\s*/\s*[\w .&-]{1,40})+|\b" + _AGENCIES + r"\s+via\s+\w[\w ]{0,30}|"
    r"\([^()]{0,60}(?:\bvia\b|/)[^()]{0,40}\b" + _AGENCIES + r"\s*\))[\s)\]*_]*$", re.IGNORECASE)
_CAPTION_MAX = 400


def _credit_only(line: str, boilerplate: bool) -> bool:
    """A credit with no caption text: "Foto: dpa", "(Foto: AP)", "© Reuters", "Bild generiert von KI"."""
    stripped = line.strip()
    if len(stripped) >= 120:
        return False
    if stripped.startswith("©") or boilerplate and re.search(r"(?i)\b(?:bild|foto|image|photo)\b", line):
        return True
    m = _LABELLED_RE.match(stripped)
    return bool(m) and len(stripped) - m.end() < 60 and not re.search(r"[.!?]\s+\S", stripped[m.end():])


def is_caption(line: str) -> bool:
    """A picture's caption or credit, told by its label or its trailing credit.

    >>> is_caption("Kim Jong Un vor seinem Privatzug in Pjöngjang.(Bild: EPA/KCNA)"), is_caption("Foto: Pool/AP/dpa")
    (True, True)
    >>> is_caption("Yoon and his wife step off their plane at Andrews on April 24. (AP Photo/Susan Walsh)")
    True
    >>> is_caption("Zelensky speaks at the summit in Jeddah. (Saudi Press Agency via AP)"), is_caption("PHOTO | PSCU Kenyatta welcomes Obama.")
    (True, True)
    >>> is_caption("Putin sagte der Agentur dpa, er sei zufrieden."), is_caption("MOSKAU (dpa) - Putin ist eingetroffen.")
    (False, False)
    """
    stripped = line.strip()
    if not stripped or len(stripped) > _CAPTION_MAX:
        return False
    return bool(_LABELLED_RE.match(stripped) or _CREDIT_END_RE.search(stripped, max(0, len(stripped) - 160)))


def _trimmed(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every boilerplate line (without its newline), captions and photo credits included, in order."""
    lines = [(m.start(), m.end()) for m in _LINE_SPLIT.finditer(text) if m.group().strip()]
    skipped = set()
    for n, (s, e) in enumerate(lines):
        line = text[s:e]
        boilerplate = len(line) < 400 and bool(_LINE_RE.match(line))
        if boilerplate or is_caption(line):
            skipped.add(n)
        if _credit_only(line, boilerplate):
            # the caption it credits: a short neighbouring line with no blank line between (only one side may qualify)
            near = [k for k in (n - 1, n + 1) if 0 <= k < len(lines) and k not in skipped
                    and text.count("\n", *sorted((lines[k][1], s) if k < n else (e, lines[k][0]))) == 1
                    and len(text[lines[k][0]:lines[k][1]].strip()) <= _CAPTION_MAX]
            if len(near) == 1:
                skipped.add(near[0])
    return [_trimmed(text, *lines[n]) for n in sorted(skipped)]


_TEASER_RE = re.compile(r"(?i)\s*(?:verwandte artikel|related articles?|lesen sie (?:auch|mehr)|mehr zum thema|mehr erfahren"
                        r"|weitere artikel|read more|more from|das könnte sie auch interessieren)")


def teasers_start(text: str, skip: list[tuple[int, int]]) -> int | None:
    """Where related-article teasers begin (the first skipped "Related articles" line), or None."""
    markers = [s for s, e in skip if _TEASER_RE.match(text[s:e])]
    return markers[0] if markers else None
