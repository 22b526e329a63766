"""Bad input: empty, no visits, other languages, very long text (kg.extract)."""

import logging
import time
from datetime import date

from kg.extract import EXTRACTOR, extract
from kg.model import Article
from tests.lexicon import LEXICON


def article(text, **kw):
    return Article.from_text(text, id="x", **kw)


def test_empty_text_gives_empty_facts_and_a_log_line(caplog):
    with caplog.at_level(logging.INFO, logger="kg.extract"):
        facts = extract(article("  \n "), LEXICON)
    assert facts.extractor == EXTRACTOR and facts.visits == [] and facts.entities == []
    assert "empty text" in caplog.text


def test_text_without_visits():
    facts = extract(article("Die Inflation in Deutschland ist im Oktober leicht gesunken, teilte das Statistische "
                            "Bundesamt am Montag mit. Die Preise für Energie fielen.", published=date(2024, 11, 4)), LEXICON)
    assert facts.visits == [] and facts.summits == []


def test_french_text_produces_no_facts(caplog):
    text = ("Le président français Emmanuel Macron est arrivé mercredi à Pékin pour une visite d'État de trois jours. "
            "Il a rencontré le président chinois Xi Jinping et sera accompagné de la présidente de la Commission.")
    with caplog.at_level(logging.WARNING, logger="kg.extract"):
        facts = extract(article(text, published=date(2023, 4, 5)), LEXICON)
    assert facts.visits == [] and facts.holdings == [] and facts.entities == []
    assert "not German or English" in caplog.text
    assert extract(article("Kim reist nach China.", language="fr"), LEXICON).visits == []


def test_one_megabyte_article_is_fast_and_does_not_crash():
    para = ("Der russische Außenminister Sergej Lawrow ist am Montag zu einem zweitägigen Besuch in Pjöngjang "
            "eingetroffen. Er traf Außenministerin Choe Son Hui. Die Wirtschaft wächst weiter, sagten Experten "
            "am Rande einer Konferenz, auf der viele Themen besprochen wurden. ")
    text = (para * (1_000_000 // len(para) + 1))[:1_000_000]
    t = time.perf_counter()
    facts = extract(article(text, published=date(2023, 10, 16)), LEXICON)
    took = time.perf_counter() - t
    assert took < 20, f"1 MB took {took:.1f} s"
    assert [(v.traveller, v.host) for v in facts.visits] == [("person/sergey-lavrov", "state/north-korea")]
    assert facts.visits[0].met == ["person/choe-son-hui"]
    assert len(facts.visits[0].evidence) <= 25 and len(facts.visits[0].claims) <= 30


def test_binary_garbage_and_no_published_date():
    facts = extract(article("\x00\x01 ÿþ ### ;;; 12345 " * 100), LEXICON)
    assert facts.visits == []
    facts = extract(article("Kim Jong-un reiste am Dienstag nach Wladiwostok."), LEXICON)
    assert [(v.host, v.start) for v in facts.visits] == [("state/russia", None)]


def test_declared_german_is_trusted_for_one_short_sentence():
    for text in ("Außenministerin Annalena Baerbock reiste nach Peking.", "Kanzler Scholz besucht Peking.",
                 "Präsident Macron: Staatsbesuch in Peking."):
        facts = extract(article(text, language="de", published=date(2023, 4, 14)), LEXICON)
        assert not any("unsupported" in w for w in facts.warnings), (text, facts.warnings)
        assert [v.host for v in facts.visits] == ["state/china"], text


def test_undeclared_short_german_passes_the_detector():
    from kg.extract import language_of
    assert language_of("Außenministerin Annalena Baerbock reiste nach Peking.") == "de"
    facts = extract(article("Außenministerin Annalena Baerbock reiste nach Peking.", published=date(2023, 4, 14)), LEXICON)
    assert [v.traveller for v in facts.visits] == ["person/annalena-baerbock"]


def test_declared_other_language_gives_a_warning_that_names_it():
    facts = extract(article("Kanzler Scholz reiste nach Peking.", language="fr"), LEXICON)
    assert facts.visits == [] and facts.warnings == ["unsupported language: fr"]
