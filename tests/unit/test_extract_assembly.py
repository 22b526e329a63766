"""Assembly (kg.extract.assembly): mentions of one trip merge into one visit; other trips stay apart."""

from kg.extract.assembly import VisitMention, add_visit
from tests.extraction import read


def mention(host, start, status, sentence, delegates=(), historical=False):
    vm = VisitMention("person/olaf-scholz", host, status, start, None, [], None, None, None, list(delegates), [], sentence, 0.8)
    vm.historical = historical
    return vm


def test_mentions_of_one_trip_merge_and_other_trips_stay_apart():
    x = read("Scholz reist nach Indien. Er trifft Modi. Scholz war 2019 in Indien.", through="sentences")
    trips = x.story.trips
    first = add_visit(x.doc, trips, mention("state/india", "2024-05-20", "Announced", 0))
    again = add_visit(x.doc, trips, mention("state/india", "2024-05-21", "Announced", 1, ["person/annalena-baerbock"]))
    old = add_visit(x.doc, trips, mention("state/india", "2019", "Completed", 2, historical=True))
    assert first == again != old
    v = trips.visits[first]
    assert (v.start, v.delegates, [sn for sn, _ in v.sentences]) == ("2024-05-20", ["person/annalena-baerbock"], [0, 1])
    assert trips.visits[old].start == "2019"


def test_an_other_host_is_another_visit():
    x = read("Scholz reist nach Indien.", through="sentences")
    trips = x.story.trips
    assert add_visit(x.doc, trips, mention("state/india", None, "Ongoing", 0)) != \
        add_visit(x.doc, trips, mention("state/china", None, "Ongoing", 0))
