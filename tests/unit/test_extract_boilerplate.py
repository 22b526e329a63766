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
    t = "He took office on March 14. He began in Moscow. Am 5. Nationalfeiertag kam er."
    assert [t[s:e] for s, e in split(t)] == ["He took office on March 14.", "He began in Moscow.", "Am 5. Nationalfeiertag kam er."]


CAPTIONED = """BERLIN (dpa) - Bundeskanzler Olaf Scholz ist am Montag zu einem Besuch in Peking eingetroffen.
Olaf Scholz wird am Flughafen von Wang Yi begrüßt. Foto: picture alliance / dpa

Der Kanzler traf am Dienstag Staatschef Xi Jinping.

Foto: Kay Nietfeld/dpa
Scholz und Xi vor der Großen Halle des Volkes.

President Xi greets the chancellor in Beijing. (AP Photo/Ng Han Guan)
"""


def test_captions_and_photo_credits_are_never_evidence():
    skipped = [CAPTIONED[s:e] for s, e in boilerplate_spans(CAPTIONED)]
    assert skipped == ["Olaf Scholz wird am Flughafen von Wang Yi begrüßt. Foto: picture alliance / dpa",
                       "Foto: Kay Nietfeld/dpa", "Scholz und Xi vor der Großen Halle des Volkes.",
                       "President Xi greets the chancellor in Beijing. (AP Photo/Ng Han Guan)"]
    facts = extract(Article.from_text(CAPTIONED, published=date(2022, 11, 8), language="de"), LEXICON)
    assert [(v.traveller, v.host) for v in facts.visits] == [("person/olaf-scholz", "state/china")]
    quotes = {e.quote for v in facts.visits for e in v.evidence} | {e.quote for s in facts.summits for e in s.evidence}
    assert quotes and not any(q in line or line in q for q in quotes for line in skipped)
