"""Summits (kg.extract.summits) and the settling of an article's trips."""

from tests.extraction import read


def test_leaders_who_meet_during_a_visit_hold_a_summit_there():
    x = read("Kim Jong-un reiste nach Russland. Dort traf er Wladimir Putin.", through="trips")
    assert [(s.participants, s.status, s.visit) for s in x.story.trips.summits] == [
        (["person/kim-jong-un", "person/vladimir-putin"], "Completed", 0)]
    assert [v.status for v in x.story.trips.visits] == ["Completed"]


def test_a_summit_in_a_third_state_is_a_visit_of_each_participant():
    x = read("Kim Jong-un und Donald Trump trafen sich am Dienstag zum Gipfeltreffen in Singapur.", through="trips")
    assert sorted((v.traveller, v.host) for v in x.story.trips.visits) == [
        ("person/donald-trump", "state/singapore"), ("person/kim-jong-un", "state/singapore")]


def test_a_meeting_on_the_programme_is_a_summit_to_come_and_not_met():
    from datetime import date

    from kg.extract import extract
    from kg.model import Article
    from tests.lexicon import LEXICON
    text = "Xi Jinping ist am Montag in Moskau eingetroffen. Am Dienstag steht ein Treffen mit Wladimir Putin auf dem Programm."
    facts = extract(Article.from_text(text, published=date(2024, 5, 13)), LEXICON)
    assert [v.met for v in facts.visits] == [[]]
    assert {(s.status, s.start) for s in facts.summits if "person/vladimir-putin" in s.participants} >= {("Announced", "2024-05-14")}
    assert all(s.status == "Announced" for s in facts.summits)


def test_a_leader_named_after_a_speculated_summit_takes_no_part():
    x = read("Kim Jong Un held talks with Chinese President Xi Jinping on Tuesday, as speculation grew that a second "
             "summit with U.S. President Donald Trump is drawing near.", through="trips")
    assert [sorted(s.participants) for s in x.story.trips.summits] == [["person/kim-jong-un", "person/xi-jinping"]]
