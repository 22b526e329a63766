"""The extractor as a pipeline of registered components over one article.

Each stage does one job and hands the shared :class:`Extraction` on to the next:

    language -> boilerplate -> mentions -> sentences -> posts -> events -> trips -> post holders -> facts

The sentence-level components (trip words, roles, time expressions, modality, frames,
discourse, summits) run inside the ``events`` stage, one sentence after the other, because
the event in focus carries from one sentence to the next (:mod:`kg.extract.reading`).
A stage may stop the pipeline (an empty text, an unsupported language) by returning False.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable

from kg.extract import clean, holdings, output, sentences
from kg.extract.cues import load_cues
from kg.extract.document import Document, Sentence
from kg.extract.entities import Doc, find_mentions
from kg.extract.language import language_of
from kg.extract.lexicon import Lexicon
from kg.extract.reading import read_article
from kg.extract.state import Extraction
from kg.extract.summits import settle_trips
from kg.model import Article, ArticleFacts

log = logging.getLogger("kg.extract")


def _language(x: Extraction) -> bool:
    """The metadata's language is trusted; the function-word detector only fills in when it is missing."""
    x.text = x.article.text or ""
    if not x.text.strip():
        log.info("article %s: empty text, nothing to extract", x.article.id)
        x.facts.warnings.append("empty text")
        return False
    declared = (x.article.language or "").lower() or None
    x.lang = declared if declared in load_cues().languages else (language_of(x.text) if declared is None else None)
    if x.lang is None:
        why = f"{declared!r} (from the metadata)" if declared else "(detected from the text)"
        log.warning("article %s: language %s is not German or English; no facts extracted (set Article.language to 'de' or 'en', add a "
                    "translation, or extend kg/extract for it)", x.article.id, why)
        x.facts.warnings.append(f"unsupported language: {declared or 'unknown'}")
        return False
    return True


def _boilerplate(x: Extraction) -> bool:
    """Character ranges that are not news text; related-article teasers are kept but get no relative dates."""
    x.skip = clean.boilerplate_spans(x.text)
    x.teasers_from = clean.teasers_start(x.text, x.skip)
    return True


def _mentions(x: Extraction) -> bool:
    """Tokens, and the persons, states, places, organisations and titles they name."""
    x.tokens = Doc(x.text, x.skip)
    x.mentions = find_mentions(x.tokens, x.lexicon, x.article.published)
    return True


def _sentences(x: Extraction) -> bool:
    """Sentences outside the boilerplate, each with its mentions: the document model the components read."""
    x.spans = [(s, e) for s, e in sentences.split(x.text) if not x.inside_skip(s, e)]
    sents: list[Sentence] = []
    mi = 0
    mentions = x.mentions.mentions
    for idx, (s, e) in enumerate(x.spans):
        ti, tj = x.tokens.token_at(s), x.tokens.token_at(e)
        while mi < len(mentions) and mentions[mi].start < s:
            mi += 1
        mj = mi
        while mj < len(mentions) and mentions[mj].start < e:
            mj += 1
        sents.append(Sentence(idx, s, e, ti, tj, mentions[mi:mj]))
        mi = mj
    x.doc = Document(x.tokens, x.mentions, x.lexicon, x.article.published, set(), lang=x.lang, sentences=sents)
    if x.teasers_from is not None:
        x.doc.teasers_from = x.teasers_from
    return True


def _posts(x: Extraction) -> bool:
    """Posts people hold, from titles; who leads a state (summits are meetings of leaders)."""
    x.holdings = holdings.from_titles(x)
    x.doc.leaders = holdings.leaders(x)
    return True


def _events(x: Extraction) -> bool:
    """Every sentence through the sentence-level components: visits, delegations, meetings, summits."""
    read_article(x.doc, x.story)
    return True


def _trips(x: Extraction) -> bool:
    """Final statuses, summits during visits and visits to summits."""
    settle_trips(x.doc, x.story.trips)
    return True


def _post_holders(x: Extraction) -> bool:
    """Posts without a state get the side their holder travelled or hosted on; posts given by relation."""
    x.holdings = holdings.settle(x)
    return True


def _facts(x: Extraction) -> bool:
    """Entities, posts, visits and summits with their evidence and rules."""
    output.write_facts(x)
    return True


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable[[Extraction], bool]


PIPELINE: tuple[Stage, ...] = (
    Stage("language", _language),
    Stage("boilerplate", _boilerplate),
    Stage("mentions", _mentions),
    Stage("sentences", _sentences),
    Stage("posts", _posts),
    Stage("events", _events),
    Stage("trips", _trips),
    Stage("post holders", _post_holders),
    Stage("facts", _facts),
)


def run(article: Article, lexicon: Lexicon, facts: ArticleFacts, through: str | None = None) -> Extraction:
    """Every stage in order on ``article``, filling ``facts``, until one stops the article or stage ``through`` has
    run (a component's tests and reviews look at the state it left)."""
    if through is not None and through not in {stage.name for stage in PIPELINE}:
        raise ValueError(f"no stage {through!r}: the stages are {', '.join(s.name for s in PIPELINE)}")
    x = Extraction(article, lexicon, facts)
    for stage in PIPELINE:
        if not stage.run(x) or stage.name == through:
            break
    return x
