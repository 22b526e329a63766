"""Text -> facts: the DiploKG rule-based extractor.

``extract(article, lexicon)`` is a pure function of its inputs: the article and the
background lexicon its caller loaded (:func:`kg.extract.lexicon.load` of the settings'
background folder), never the store or the network. It runs the components of
:mod:`kg.extract.pipeline` in order.

>>> from datetime import date
>>> from kg.config import Settings
>>> from kg.extract.lexicon import load
>>> from kg.model import Article
>>> text = "Der russische Außenminister Sergej Lawrow ist am Montag zu einem Besuch in Pjöngjang eingetroffen."
>>> facts = extract(Article.from_text(text, published=date(2023, 10, 18)), load(Settings().background))
>>> [(v.traveller, v.host, v.start, v.status) for v in facts.visits]
[('person/sergey-lavrov', 'state/north-korea', '2023-10-16', 'Ongoing')]
"""

from __future__ import annotations

from kg.extract import pipeline
from kg.extract.language import language_of
from kg.extract.lexicon import Lexicon
from kg.model import Article, ArticleFacts

EXTRACTOR = "diplokg-rules/0.1.0"


def extract(article: Article, lexicon: Lexicon) -> ArticleFacts:
    """All entities, posts, visits and summits that ``article`` states, with evidence; names are
    resolved against ``lexicon``."""
    return pipeline.run(article, lexicon, ArticleFacts(article=article, extractor=EXTRACTOR)).facts


__all__ = ["EXTRACTOR", "extract", "language_of"]
