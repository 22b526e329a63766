"""Discourse (kg.extract.discourse): the event in focus and what later sentences add to it."""

from tests.extraction import read


def test_a_pronoun_sentence_adds_its_delegate_to_the_visit_in_focus():
    x = read("Lula ist am Montag in Peking eingetroffen. Er wird von Außenminister Mauro Vieira begleitet.", through="events")
    assert [(v.traveller, v.delegates) for v in x.story.trips.visits] == [
        ("person/luiz-inacio-lula-da-silva", ["person/mauro-vieira"])]
    assert x.story.focus == "person/luiz-inacio-lula-da-silva"


def test_a_delegation_named_before_the_trip_waits_for_it():
    x = read("Begleitet wird Lula von Außenminister Mauro Vieira. Lula ist am Montag in Peking eingetroffen.", through="events")
    assert [(v.traveller, v.delegates) for v in x.story.trips.visits] == [
        ("person/luiz-inacio-lula-da-silva", ["person/mauro-vieira"])]
    assert x.story.trips.pending == []


def test_dort_traf_er_is_a_meeting_of_the_visit_in_focus():
    x = read("Kim Jong-un reiste nach Russland. Dort traf er Wladimir Putin.", through="events")
    assert [(v.traveller, v.host, v.met) for v in x.story.trips.visits] == [
        ("person/kim-jong-un", "state/russia", ["person/vladimir-putin"])]
