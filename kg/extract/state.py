"""What the stages of the extraction pipeline share for one article (:class:`Extraction`)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from kg.extract.discourse import Story
from kg.extract.document import Document
from kg.extract.entities import Doc, Mentions
from kg.extract.lexicon import Lexicon
from kg.model import Article, ArticleFacts, Evidence, Holding


@dataclass
class Extraction:
    """What the stages of one article share: its input, the document model, the story read so far and the facts."""
    article: Article
    lexicon: Lexicon
    facts: ArticleFacts
    text: str = ""
    lang: str | None = None
    skip: list[tuple[int, int]] = field(default_factory=list)  # boilerplate character ranges
    teasers_from: int | None = None  # where related-article teasers begin
    tokens: Doc | None = None
    mentions: Mentions | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)  # sentences outside the boilerplate
    doc: Document | None = None
    story: Story = field(default_factory=Story)
    holdings: list[Holding] = field(default_factory=list)

    def inside_skip(self, s: int, e: int) -> bool:
        """Characters s..e lie within one boilerplate range."""
        i = bisect.bisect_right(self.skip, (s, float("inf"))) - 1
        return i >= 0 and self.skip[i][0] <= s and e <= self.skip[i][1]

    def evidence(self, sent_idx: int, conf: float) -> Evidence:
        """Sentence ``sent_idx`` quoted as evidence."""
        s, e = self.spans[sent_idx]
        return Evidence(s, e, self.text[s:e], round(conf, 2))

    def sentence_of(self, char: int) -> int:
        """Index of the sentence holding character ``char``."""
        return max(0, bisect.bisect_right(self.spans, (char, float("inf"))) - 1)
