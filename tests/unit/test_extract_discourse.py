"""Discourse (kg.extract.discourse): the event in focus and what later sentences add to it."""

from datetime import date

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


def test_a_delegation_sentence_joins_every_leg_of_the_tour_in_focus():
    x = read("Putin flew to Abu Dhabi on Wednesday and travelled on to Riyadh on Wednesday evening. Foreign Minister "
             "Sergei Lavrov and Deputy Prime Minister Alexander Novak were part of the Russian delegation.", through="events")
    legs = {v.host: v.delegates for v in x.story.trips.visits}
    assert legs == {"state/united-arab-emirates": ["person/sergey-lavrov", "person/alexander-novak"],
                    "state/saudi-arabia": ["person/sergey-lavrov", "person/alexander-novak"]}


def test_a_companion_named_before_the_destination_waits_for_the_trip():
    x = read("The South Korean president Moon Jae-in, who arrived today, was accompanied by his wife, Kim Jung-sook. "
             "Moon Jae-in is visiting North Korea until Friday.", through="events")
    assert [(v.host, v.delegates) for v in x.story.trips.visits] == [("state/north-korea", ["person/kim-jung-sook"])]
    assert x.story.trips.pending == []


def test_accompanying_the_pope_names_the_person_in_focus():
    x = read("Pope Francis arrived in Ulaanbaatar on Friday. The Vatican's secretary of state, Cardinal Pietro Parolin, is among those accompanying "
             "the pope.", through="events")
    assert [len(v.delegates) for v in x.story.trips.visits] == [1]


def test_companions_in_a_cut_off_relative_clause_join_the_trip():
    x = read("Albanese flew to Beijing on Sunday with the trade minister, Don Farrell, who has travelled with him throughout.",
             through="events")
    assert [(v.traveller, v.delegates) for v in x.story.trips.visits] == [("person/anthony-albanese", ["person/don-farrell"])]


def test_a_place_someone_came_from_does_not_choose_the_visit():
    x = read("Joe Biden arrived in Warsaw on Saturday. Antony Blinken and Lloyd Austin joined them; both had accompanied the "
             "president from Brussels.", through="events")
    assert [(v.host, sorted(v.delegates)) for v in x.story.trips.visits] == [
        ("state/poland", ["person/antony-blinken", "person/lloyd-austin"])]


def test_a_delegation_sentence_goes_to_the_visit_talked_about_last():
    x = read("Obama arrived in Cairo on Thursday. On Wednesday he had visited Riyadh. His visit to Cairo began at the "
             "university. Secretary of State Hillary Clinton, who was travelling with the president, sat in the front rows.",
             published=date(2009, 6, 5), through="events")
    assert {v.host: v.delegates for v in x.story.trips.visits}["state/egypt"] == ["person/hillary-clinton"]
