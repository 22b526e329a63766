"""The pipeline (kg.extract.pipeline), its shared state and the document model the components read."""

from datetime import date

import pytest

from kg.extract import extract, pipeline
from kg.model import Article
from tests.extraction import read, tokens
from tests.lexicon import LEXICON


def test_stages_run_in_their_documented_order():
    assert [s.name for s in pipeline.PIPELINE] == ["language", "boilerplate", "mentions", "sentences", "posts", "events",
                                                    "trips", "post holders", "facts"]


def test_a_run_can_stop_after_a_stage_and_an_unknown_stage_is_refused():
    x = read("Kanzler Scholz reist am Montag nach China.", through="sentences")
    assert len(x.doc.sentences) == 1 and x.story.trips.visits == [] and x.facts.visits == []
    with pytest.raises(ValueError, match="the stages are language, boilerplate"):
        read("Scholz reist nach China.", through="reading")


def test_an_empty_text_stops_at_the_language_stage():
    x = read("   ")
    assert x.doc is None and x.facts.warnings == ["empty text"]


def test_the_full_run_is_what_extract_gives():
    text = "Kanzler Scholz ist am Montag in Peking eingetroffen. Er trifft Xi Jinping."
    x = read(text)
    facts = extract(Article.from_text(text, id="t", published=date(2024, 5, 15)), LEXICON)
    assert x.facts.to_dict() == facts.to_dict() and [v.host for v in facts.visits] == ["state/china"]


def test_boilerplate_is_outside_every_sentence():
    x = read("Scholz reist nach China.\nKommentare (3)\nEr trifft Xi Jinping.", through="sentences")
    quoted = [x.text[s.start:s.end] for s in x.doc.sentences]
    assert "Kommentare (3)" not in " ".join(quoted) and x.inside_skip(x.text.index("Kommentare"), x.text.index("(3)") + 3)


def test_document_clause_stops_at_a_comma_and_a_conjunction():
    x = read("Scholz sagte, dass Macron nach China reist, aber Biden bleibt.", through="sentences")
    s = x.doc.sentences[0]
    lo, hi = x.doc.clause(s, tokens(x, "reist")[0])
    assert x.doc.norms[lo:hi] == ["dass", "macron", "nach", "china", "reist"]  # the conjunction opens it


def test_document_phrase_start_takes_titles_and_state_adjectives():
    x = read("Der russische Außenminister Sergej Lawrow reist nach Pjöngjang.", through="sentences")
    s = x.doc.sentences[0]
    lavrov = next(m for m in s.mentions if m.key == "person/sergey-lavrov")
    assert x.doc.phrase_start(lavrov, s.ti) == s.ti  # "Der russische Außenminister ..."
    assert x.doc.state_of("place/pyongyang") == "state/north-korea"


def test_the_dateline_is_the_place_opening_the_wire_report():
    assert read("MOSCOW, May 9 (Reuters) - Xi arrived.", through="sentences").doc.dateline == ("state/russia", "place/moscow")
    assert read("Nairobi (dpa) - König Charles ist eingetroffen.", through="sentences").doc.dateline == (
        "state/kenya", "place/nairobi")
    assert read("Japan: Abe vor Wiederwahl als Parteichef.", through="sentences").doc.dateline is None  # a teaser heading
