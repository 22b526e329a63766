"""Web boilerplate is skipped while offsets keep indexing the original text (kg.extract.clean)."""

from datetime import date

from kg.extract import extract
from kg.extract.clean import boilerplate_spans
from kg.extract.sentences import split
from kg.model import Article
from tests.lexicon import LEXICON

PAGE = """Bild generiert von KI
Verwandte Artikel
Diese Website verwendet Cookies
Wir verwenden Cookies für Analysen. Lesen Sie unsere Datenschutzrichtlinie.
Ablehnen
![[Foto] Putin in Peking](https://img.example.org/x.webp)
Kommentar (0)
0 Kommentare
  • Drucken
Lawrow ist am 18. Oktober in Pjöngjang eingetroffen.
"""


def test_boilerplate_lines_are_found_and_news_is_kept():
    spans = boilerplate_spans(PAGE)
    skipped = [PAGE[s:e] for s, e in spans]
    assert "Bild generiert von KI" in skipped and "Kommentar (0)" in skipped and "Ablehnen" in skipped
    assert any(x.startswith("![[Foto]") for x in skipped)
    assert not any("Lawrow" in x for x in skipped)


def test_markdown_caption_mentioning_putin_in_beijing_yields_no_visit():
    a = Article.from_text(PAGE, id="b", published=date(2023, 10, 18))
    facts = extract(a, LEXICON)
    assert [(v.traveller, v.host) for v in facts.visits] == [("person/sergey-lavrov", "state/north-korea")]
    ev = facts.visits[0].evidence[0]
    assert PAGE[ev.start:ev.end] == ev.quote == "Lawrow ist am 18. Oktober in Pjöngjang eingetroffen."


def test_sentences_split_without_breaking_dates_and_abbreviations():
    t = "Am 26. Oktober reiste U.S. Secretary Blinken ab. Er kam am 1. November zurück."
    assert [t[s:e] for s, e in split(t)] == ["Am 26. Oktober reiste U.S. Secretary Blinken ab.", "Er kam am 1. November zurück."]
