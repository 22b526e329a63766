"""One text through the extraction pipeline up to a given stage: what the component tests look at."""

from datetime import date

from kg.extract import EXTRACTOR, pipeline
from kg.model import Article, ArticleFacts
from tests.lexicon import LEXICON


def read(text: str, published: date | None = date(2024, 5, 15), through: str | None = None, language: str | None = None):
    """The pipeline's shared state after stage ``through`` (all stages when None)."""
    article = Article.from_text(text, id="t", published=published, language=language)
    return pipeline.run(article, LEXICON, ArticleFacts(article=article, extractor=EXTRACTOR), through)


def tokens(x, *words: str) -> list[int]:
    """Indexes of the first token with each normal form."""
    return [x.doc.norms.index(w) for w in words]
