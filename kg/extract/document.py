"""The document model every extraction component reads: tokens, sentences, typed mentions, titles.

One :class:`Document` per article, built once by the pipeline and shared by the components;
it answers questions about the text (where a clause or a name phrase begins, which state a
place lies in) and never about events. Components keep their per-article memos in
:attr:`Document.memo`, so nothing is computed twice and nothing outlives the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from kg.extract.cues import load_cues
from kg.extract.entities import DETERMINERS, MODIFIERS, Doc, Mention, Mentions, TitleMention
from kg.extract.lexicon import Lexicon
from kg.extract.normal import norm_tokens

# after a place at the start of a line: ", 9 May", "(AFP/dpa)" and the dash or colon of a wire dateline
_DATELINE_RE = re.compile(r"(?:/[^\W\d][\w .-]*)*(?:,[^\n—–:]{0,30})?\s*(?:\([^)\n]{1,40}\))?\s*(?:—|–|--|-|:)\s")
# a clause ends at punctuation or before a conjunction that opens another clause
_CLAUSE_RE = re.compile(r"[,;:–—()\[\]]|\b(?:dass|that|ob|whether|but|aber|jedoch|while|während|obwohl|although)\b")

_FROM = load_cues().words("origin_from")


@dataclass
class Sentence:
    """A sentence (or one clause of it) as offsets into the text, its token range and the mentions in it."""
    idx: int
    start: int
    end: int
    ti: int
    tj: int
    mentions: list[Mention]
    full: tuple[int, int] | None = None  # token range of the whole sentence when this is one clause of it


@dataclass
class Document:
    """One article as the components see it."""
    tokens_doc: Doc
    ms: Mentions
    lex: Lexicon
    pub: date | None
    leaders: set[str]
    lang: str | None = None  # "de" / "en", as the pipeline decided it
    teasers_from: int = 1 << 62  # char offset where related-article teasers begin: no relative dates after it
    sentences: list[Sentence] = field(default_factory=list)
    rules_at: dict[int, list[str]] = field(default_factory=dict)  # sentence -> ids of the trigger rules that fired in it
    memo: dict = field(default_factory=dict)  # per-article caches of the components, keyed by (component, ...)

    def __post_init__(self) -> None:
        self.text = self.tokens_doc.text
        self.tokens = self.tokens_doc.tokens
        self.token_at = self.tokens_doc.token_at
        self.norms = [t.norm for t in self.tokens]
        self.citizen = self.ms.citizenship  # person -> state, learnt from the text (and from the trips read)
        self.title_tokens: dict[int, TitleMention] = {k: t for t in self.ms.titles for k in range(t.i, t.j)}
        self.by_end = {m.j: m for m in self.ms.mentions}
        self.mention_tokens = {k for m in self.ms.mentions for k in range(m.i, m.j)}

    @property
    def dateline(self) -> tuple[str, str | None] | None:
        """(state, place) of the article's dateline ("JERUSALEM —", "MOSCOW, May 9 (Reuters) -", "Nairobi (dpa) -"):
        where the events it reports happen. The first place that starts a line near the top and such a tail follows."""
        return self.cached(("dateline",), self._dateline)

    def _dateline(self) -> tuple[str, str | None] | None:
        for m in self.ms.mentions:
            if m.start > 2000:
                break
            if m.kind not in ("State", "Place") or m.form == "adj" or self.text[:m.start].rsplit("\n", 1)[-1].strip():
                continue
            tail = _DATELINE_RE.match(self.text, m.end)
            if tail and (self.text[m.start:m.end].isupper() or "(" in tail.group() or "," in tail.group()):
                st = m.key if m.kind == "State" else self.lex.info[m.key].state
                return (st, m.key if m.kind == "Place" else None) if st else None
        return None

    def state_of(self, key: str) -> str | None:
        """The state a person belongs to or a place lies in: background first, else what the text said."""
        info = self.lex.info.get(key)
        if info is None:
            return self.citizen.get(key)
        return info.state

    def citizenship(self, key: str) -> str | None:
        """The state a person belongs to: background first, then what the text says (a place never counts)."""
        info = self.lex.info.get(key)
        return (info.state if info else None) or self.citizen.get(key)

    def label_words(self, key: str) -> frozenset[str]:
        """Normal forms of the words of an entity's label ("Pope Francis" -> pope, francis)."""
        return self.cached(("label", key), lambda: frozenset(norm_tokens(self.lex.info[key].label)
                                                            if key in self.lex.info else ()))

    def phrase_start(self, m: Mention, lo: int) -> int:
        """First token of the noun phrase around a name: its titles, state adjectives and determiners."""
        k = m.i
        while k > lo:
            t = self.title_tokens.get(k - 1)
            if t:
                k = t.i
                continue
            prev = self.by_end.get(k)
            if prev and prev.kind == "State" and (prev.form == "adj" or prev.genitive):
                k = prev.i
                continue
            if self.norms[k - 1] in DETERMINERS or self.norms[k - 1] in MODIFIERS or \
                    (self.norms[k - 1] == "s" and self.text[self.tokens[k - 1].start - 1:self.tokens[k - 1].start] in "'’"):
                k -= 1
                continue
            break
        return k

    def clause(self, s: Sentence, tok: int) -> tuple[int, int]:
        """Token range of the clause around token ``tok``."""
        a, b = self.tokens[tok].start, self.tokens[tok].end
        lo, hi = s.start, s.end
        for m in _CLAUSE_RE.finditer(self.text, s.start, a):
            lo = m.start()
        m = _CLAUSE_RE.search(self.text, b, s.end)
        if m:
            hi = m.start()
        ti = self.token_at(lo)
        tj = self.token_at(hi)
        return max(ti, s.ti), min(max(tj, tok + 1), s.tj)

    def place_at(self, k: int, s: Sentence) -> bool:
        """A place or state (not an adjective) starts at token k, possibly after an article."""
        for m in s.mentions:
            if m.i in (k, k + 1) and m.kind in ("Place", "State") and m.form != "adj":
                return m.i == k or self.norms[k] in DETERMINERS
        return False

    def same_name_place(self, m: Mention) -> str | None:
        """The place spelt like the state ``m`` names (a city-state: Singapore)."""
        for e in self.lex.names.get(tuple(self.norms[m.i:m.j]), []):
            if e.kind == "Place":
                return e.key
        return None

    def sentence_states(self, s: Sentence, own: str | None) -> set[str]:
        """Foreign states the sentence names, directly or through a place, other than where someone came from
        ("had accompanied the president from Brussels")."""
        out = set()
        for m in s.mentions:
            if m.kind in ("State", "Place") and m.form != "adj" and not m.genitive and \
                    not (m.i > s.ti and self.norms[m.i - 1] in _FROM):
                st = m.key if m.kind == "State" else self.lex.info[m.key].state
                if st and st != own:
                    out.add(st)
        return out

    def cached(self, key: tuple, make):
        """``make()`` once per article for ``key``."""
        if key not in self.memo:
            self.memo[key] = make()
        return self.memo[key]
