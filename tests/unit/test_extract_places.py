"""Destinations of a trip (kg.extract.places)."""

from kg.extract.places import destinations
from kg.extract.triggers import find_triggers, segments
from tests.extraction import read


def hosts(text, own):
    x = read(text, through="sentences")
    s = x.doc.sentences[0]
    return destinations(x.doc, s, find_triggers(x.doc, s), own, [])[0]


def test_the_origin_is_not_the_destination():
    assert hosts("Selenskyj reiste aus Polen nach Deutschland.", "state/ukraine") == ["state/germany"]


def test_coordinated_destinations_are_all_hosts():
    assert hosts("Modi reist nach Russland und Österreich.", "state/india") == ["state/russia", "state/austria"]


def test_a_border_seen_from_home_is_no_destination():
    assert hosts("Biden besuchte die Grenze zu Mexiko.", "state/united-states") == []


def test_the_own_state_is_no_destination():
    assert hosts("Scholz reist nach Deutschland zurück.", "state/germany") == []


def test_a_transit_and_the_state_of_a_titled_person_are_no_destinations():
    assert hosts("Selenskyj reiste via Polen nach Washington.", "state/ukraine") == ["state/united-states"]
    assert hosts("Scholz flew to Tokyo via Dubai.", "state/germany") == ["state/japan"]
    assert hosts("Foreign Minister Ahmed Tekeddi of Mauritania arrived in Paris.", None) == ["state/france"]


def test_a_comma_list_of_destinations_with_articles():
    assert hosts("Lavrov visited Egypt, the Republic of the Congo, Uganda and Ethiopia.", "state/russia") == [
        "state/egypt", "state/republic-of-the-congo", "state/uganda", "state/ethiopia"]


def test_a_where_clause_is_in_the_place_named_before_it():
    x = read("Wang Yi arrived from Fiji, where he had landed on Sunday.", through="sentences")
    where = segments(x.doc, x.doc.sentences[0])[1]
    assert destinations(x.doc, where, find_triggers(x.doc, where), "state/china", [])[0] == ["state/fiji"]
