"""Sentence spans with offsets into the original text (fast regex splitter, no model).

Splits at line breaks and at ., ! or ? followed by space and a capital letter, digit or
quote, or glued to a capitalised word ("in Hanoi.Der"), except after abbreviations and
German ordinals ("am 26. Oktober").

>>> t = "Am 26. Oktober reiste sie ab. Dr. Kim folgte.\\nNeue Zeile"
>>> [t[s:e] for s, e in split(t)]
['Am 26. Oktober reiste sie ab.', 'Dr. Kim folgte.', 'Neue Zeile']
>>> t = "Er landete in Hanoi.Der Präsident traf ihn, wie example.org und die U.S.A. meldeten."
>>> [t[s:e] for s, e in split(t)]
['Er landete in Hanoi.', 'Der Präsident traf ihn, wie example.org und die U.S.A. meldeten.']
"""

from __future__ import annotations

import re

_ABBREV = {
    "dr", "prof", "nr", "st", "bzw", "vgl", "z", "b", "u", "a", "ca", "mr", "mrs", "ms", "jr", "sr", "gen", "lt", "col",
    "sen", "rep", "gov", "no", "vs", "etc", "inc", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "okt", "nov", "dec", "dez", "s", "d", "h", "i", "e", "usw", "evtl", "ggf", "bzgl", "insb", "sog", "abs",
}
_MONTH_WORDS = {
    "januar", "februar", "märz", "maerz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november",
    "dezember", "january", "february", "march", "may", "june", "july", "october", "december", "jahrestag", "jahrhundert",
}
# a sentence end: punctuation before space and a capital, a line break, or punctuation glued to the next
# sentence by a bad page scrape ("in Hanoi.Der Präsident"): a lower-case word, then a capitalised one
_END_RE = re.compile(r"[.!?]+[\"“”'»«)]*(?=\s+[\"“„'»«(]?[A-ZÄÖÜ0-9])|\n|(?<=[a-zäöüß]{2})[.!?](?=[A-ZÄÖÜ][a-zäöüß])")


def split(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence (start, end) spans of ``text[start:end]``, stripped of surrounding space."""
    end = len(text) if end is None else end
    spans = []
    s = start
    for m in _END_RE.finditer(text, start, end):
        if m.group() != "\n":
            dot = m.start()
            j = dot
            while j > s and (text[j - 1].isalnum()):
                j -= 1
            word = text[j:dot]
            if text[dot] == "." and m.end() - m.start() == 1:
                if word.lower() in _ABBREV or (len(word) == 1 and word.isalpha()):
                    continue
                if word.isdigit() and len(word) <= 2:
                    nxt = text[m.end():m.end() + 20].split(None, 1)
                    if nxt and nxt[0].strip(".,").lower() in _MONTH_WORDS or (nxt and nxt[0][:1].isdigit()):
                        continue
                    prev = text[max(s, j - 12):j].split()
                    if nxt and nxt[0][:1].isupper() and not (prev and prev[-1].strip(".,").lower() in _MONTH_WORDS):
                        continue  # ordinal before a noun: "5. Nationalen Pressepreise" (not the day of "on March 14. He")
        _add(text, s, m.end() if m.group() != "\n" else m.start(), spans)
        s = m.end()
    _add(text, s, end, spans)
    return spans


def _add(text: str, s: int, e: int, spans: list) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))
