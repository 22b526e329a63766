"""Trip words (kg.extract.triggers): trigger words and phrases, framed legs, one clause per trip."""

from kg.extract.triggers import find_triggers, framed_at, segments, transport_of, visit_kind
from tests.extraction import read


def test_trigger_words_and_phrases_with_their_rules():
    x = read("Kanzler Scholz reist am Montag nach China.", through="sentences")
    s = x.doc.sentences[0]
    assert [(x.doc.norms[k], kind) for k, kind in find_triggers(x.doc, s)] == [("reist", "visit")]
    assert x.doc.rules_at[0] == ["de.trigger.visit"]
    x = read("Biden set off for Tokyo on Monday.", through="sentences")
    assert [kind for _, kind in find_triggers(x.doc, x.doc.sentences[0])] == ["depart"]


def test_no_trigger_in_a_sentence_without_a_trip():
    x = read("Scholz sprach im Bundestag über den Haushalt.", through="sentences")
    assert find_triggers(x.doc, x.doc.sentences[0]) == []


def test_a_trip_word_after_nach_seinem_is_framed_as_another_leg():
    x = read("Nach seinem Besuch in Indien reiste Kishida nach Kiew.", through="sentences")
    s = x.doc.sentences[0]
    assert [(x.doc.norms[k], framed_at(x.doc, k, s)) for k, _ in find_triggers(x.doc, s)] == [("besuch", True), ("reiste", False)]


def test_a_sentence_with_two_trips_splits_into_two_clauses():
    x = read("Macron besuchte Indien, während Scholz nach Brasilien reiste.", through="sentences")
    parts = segments(x.doc, x.doc.sentences[0])
    assert [x.text[p.start:p.end] for p in parts] == ["Macron besuchte Indien", "während Scholz nach Brasilien reiste"]
    one = read("Macron besuchte Indien und Pakistan.", through="sentences")
    assert segments(one.doc, one.doc.sentences[0]) == [one.doc.sentences[0]]


def test_kind_and_transport_from_the_words():
    assert visit_kind(["ein", "staatsbesuch", "in", "china"]) == "StateVisit"
    assert visit_kind(["an", "official", "visit"]) == "OfficialVisit"
    assert transport_of(["mit", "dem", "zug"]) == "Train" and transport_of(["er", "reist"]) is None
